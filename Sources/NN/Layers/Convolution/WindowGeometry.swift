/// Output sizes of convolutions and pooling, by Keras' formulas; nil sizes stay nil.
enum WindowGeometry {
    static func outputLength(_ input: Int?, kernel: Int, stride: Int, padding: ConvolutionPadding, dilation: Int = 1) -> Int? {
        guard let input else { return nil }
        let effective = (kernel - 1) * dilation + 1
        switch padding {
        case .valid: return input >= effective ? (input - effective) / stride + 1 : 0
        case .same: return (input + stride - 1) / stride
        }
    }

    /// Keras' `deconv_output_length`.
    static func transposeOutputLength(_ input: Int?, kernel: Int, stride: Int, padding: ConvolutionPadding, outputPadding: Int?, dilation: Int = 1) -> Int? {
        guard let input else { return nil }
        let effective = kernel + (kernel - 1) * (dilation - 1)
        guard let outputPadding else {
            switch padding {
            case .valid: return input * stride + Swift.max(effective - stride, 0)
            case .same: return input * stride
            }
        }
        let pad = padding == .same ? effective / 2 : 0
        return (input - 1) * stride + effective - 2 * pad + outputPadding
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
