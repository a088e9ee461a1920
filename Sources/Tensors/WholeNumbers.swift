extension Tensor {
    /// The elements in row-major order as whole numbers: the one rule for reading a tensor as integers
    /// (class ids, word ids, labels, counts). Integer and boolean tensors give their values; a float32
    /// tensor (labels read from a CSV file come as floats) must hold only values that Int64 holds
    /// exactly. `notWhole` makes the error for the first element that is not whole, from its row-major
    /// position (0-based) and value; by default a TensorError naming the element.
    public func wholeNumbers(notWhole: ((_ position: Int, _ value: Float) -> Error)? = nil) throws -> [Int64] {
        guard dtype == .float32 else { return try toArray(Int64.self) }
        let values = try toArray(Float.self)
        return try values.enumerated().map { position, value in
            guard let whole = Int64(exactly: value) else {
                throw notWhole?(position, value) ?? TensorError("wholeNumbers", .value, "element \(index: position) is \(value), not an integer")
            }
            return whole
        }
    }
}
