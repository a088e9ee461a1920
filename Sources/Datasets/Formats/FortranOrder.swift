/// Reorders the elements of a column-major (Fortran-order) array into row-major (C) order.
enum FortranOrder {
    static func toCOrder(_ elements: TypedArray.Elements, shape: [Int]) -> TypedArray.Elements {
        switch elements {
        case .uint8(let values): return .uint8(reorder(values, shape: shape))
        case .int8(let values): return .int8(reorder(values, shape: shape))
        case .int16(let values): return .int16(reorder(values, shape: shape))
        case .int32(let values): return .int32(reorder(values, shape: shape))
        case .int64(let values): return .int64(reorder(values, shape: shape))
        case .float32(let values): return .float32(reorder(values, shape: shape))
        case .float64(let values): return .float64(reorder(values, shape: shape))
        }
    }

    /// Walks the C-order positions with an odometer over the indices; in Fortran order the first index
    /// moves fastest, so its stride is 1.
    static func reorder<Element>(_ values: [Element], shape: [Int]) -> [Element] {
        guard !values.isEmpty else { return values }
        var fortranStrides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropFirst() { fortranStrides[axis] = fortranStrides[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        var result: [Element] = []
        result.reserveCapacity(values.count)
        for _ in 0..<values.count {
            result.append(values[source])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += fortranStrides[axis]
                if index[axis] < shape[axis] { break }
                source -= fortranStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
