extension Tensor {
    /// The values as integers in row-major order, as class ids, counts and indices are read: an
    /// integer tensor's as they are, a float32 tensor's when every value is a whole number (labels
    /// often arrive as floats) below 2^62 in magnitude (so that sums of a few stay within Int64).
    public func integerValues() throws -> [Int64] {
        guard dtype == .float32 else { return try toArray(Int64.self) }
        let values = try toArray(Float.self)
        if let bad = values.firstIndex(where: { $0.rounded() != $0 || $0.magnitude >= 0x1p62 }) {
            throw TensorError("integerValues", .value, "element \(index: bad) is \(values[bad]), not an integer")
        }
        return values.map { Int64($0) }
    }
}
