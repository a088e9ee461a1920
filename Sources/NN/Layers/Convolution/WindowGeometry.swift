/// Output sizes of convolutions and pooling for symbolic shapes (the kernels' own formulas); nil sizes
/// stay nil.
enum WindowGeometry {
    static func outputLength(_ input: Int?, kernel: Int, stride: Int, padding: Padding, dilation: Int = 1) -> Int? {
        input.map { slidingWindow(input: $0, window: (kernel - 1) * dilation + 1, stride: stride, padding: padding).output }
    }

    static func transposeOutputLength(_ input: Int?, kernel: Int, stride: Int, padding: Padding, outputPadding: Int?, dilation: Int = 1) -> Int? {
        input.map { transposedWindowOutput(input: $0, window: (kernel - 1) * dilation + 1, stride: stride, padding: padding,
                                           outputPadding: outputPadding) }
    }

    /// Expands one size to `rank` sizes, or checks a list of `rank` sizes; all must be positive.
    static func sizes(_ values: [Int], rank: Int, name: String, op: String) throws -> [Int] {
        let expanded = values.count == 1 ? Array(repeating: values[0], count: rank) : values
        guard expanded.count == rank, expanded.allSatisfy({ $0 > 0 }) else {
            throw NNError(op, .value, "\(name) must be one positive number or \(rank) of them, got \(values)")
        }
        return expanded
    }
}
