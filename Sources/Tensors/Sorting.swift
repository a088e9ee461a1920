extension Tensor {
    /// The elements sorted along `dim` (ascending unless `descending`) and their original positions.
    /// Stable: equal elements keep their order. NaN sorts as the largest value.
    public func sort(_ dim: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let indices = try argsort(dim, descending: descending)
        return (try gather(dim, index: indices), indices)
    }

    /// The positions that sort `self` along `dim` (stable, NaN largest).
    public func argsort(_ dim: Int = -1, descending: Bool = false) throws -> Tensor {
        func order<T: Comparable>(_: T.Type, _ source: Tensor) throws -> Tensor {
            try source.mapLanes(along: dim, T.self, outputType: .int64, op: "sort") {
                (input: UnsafePointer<T>, output: UnsafeMutablePointer<Int64>, lanes, length) in
                var positions = [Int](repeating: 0, count: length)
                for lane in 0..<lanes {
                    let x = input + lane * length
                    for i in 0..<length { positions[i] = i }
                    // NaN (x != x) ranks above everything; ties fall back to the position, so the order is stable.
                    positions.sort { i, j in
                        let a = x[i], b = x[j]
                        let aNaN = a != a, bNaN = b != b
                        if aNaN || bNaN {
                            if aNaN && bNaN { return i < j }
                            return descending ? aNaN : bNaN
                        }
                        if a == b { return i < j }
                        return descending ? a > b : a < b
                    }
                    for i in 0..<length { output[lane * length + i] = Int64(positions[i]) }
                }
            }
        }
        return dtype == .float32 ? try order(Float.self, self) : try order(Int64.self, try to(.int64))
    }

    /// The `k` largest (or smallest) elements along `dim`, in sorted order, and their positions.
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let d = try normalizedDim(dim, op: "topk")
        let size = rank == 0 ? 1 : shape[d]
        guard k >= 0, k <= size else {
            throw TensorError("topk", .value, "k = \(k) is out of range for dimension \(dim: d) of size \(size)")
        }
        let indices = try argsort(d, descending: largest).narrow(d, start: 0, length: k).contiguous()
        return (try gather(d, index: indices), indices)
    }
}
