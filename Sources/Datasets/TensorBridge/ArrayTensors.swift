import Tensors

// The plain arrays the readers produce, as tensors and back. Tensors hold float32, int64, uint8 and
// bool: unsigned bytes stay bytes, the other integer types widen to int64 and float64 narrows to
// float32 (the nearest float32; tensors have no 64-bit floats).

extension TypedArray {
    /// The array as a tensor of the same shape.
    public func tensor() throws -> Tensor {
        switch elements {
        case .uint8(let values): return try Tensor(values, shape: shape)
        case .int8(let values): return try Tensor(values.map(Int64.init), shape: shape)
        case .int16(let values): return try Tensor(values.map(Int64.init), shape: shape)
        case .int32(let values): return try Tensor(values.map(Int64.init), shape: shape)
        case .int64(let values): return try Tensor(values, shape: shape)
        case .float32(let values): return try Tensor(values, shape: shape)
        case .float64(let values): return try Tensor(values.map(Float.init), shape: shape)
        }
    }

    /// A tensor's elements in row-major order, for writing to a file: float32 and int64 as they are,
    /// uint8 and bool as unsigned bytes (bool as 0/1).
    public init(_ tensor: Tensor) throws {
        let shape = Array(tensor.shape)
        switch tensor.dtype {
        case .float32: self.init(shape: shape, elements: .float32(try tensor.toArray(Float.self)))
        case .int64: self.init(shape: shape, elements: .int64(try tensor.toArray(Int64.self)))
        case .uint8, .bool: self.init(shape: shape, elements: .uint8(try tensor.toArray(UInt8.self)))
        }
    }
}

extension NumericArray {
    /// A float32 tensor of the same shape.
    public func tensor() throws -> Tensor { try Tensor(values, shape: shape) }
}

/// Labels, class ids or word ids as a 1-D int64 tensor.
public func int64Tensor(_ values: [Int32]) throws -> Tensor {
    try Tensor(values.map(Int64.init))
}
