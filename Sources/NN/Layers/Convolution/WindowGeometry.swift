import CheckedArithmetic
import Tensors

/// Output sizes of convolutions and pooling for symbolic shapes (the kernels' own formulas); nil sizes
/// stay nil. Sizes come from options and input shapes a script gives, so products are checked: sizes
/// too large for any tensor are an error, not an overflow.
enum WindowGeometry {
    static func outputLength(_ input: Int?, kernel: Int, stride: Int, padding: Padding, dilation: Int = 1, op: String) throws -> Int? {
        guard let input else { return nil }
        return slidingWindow(input: input, window: try window(kernel, dilation, op: op), stride: stride, padding: padding).output
    }

    static func transposeOutputLength(_ input: Int?, kernel: Int, stride: Int, padding: Padding, outputPadding: Int?, dilation: Int = 1,
                                      op: String) throws -> Int? {
        guard let input else { return nil }
        let window = try window(kernel, dilation, op: op)
        // The result is at most n·s + window + output_padding.
        guard let scaled = CheckedSize.product(input, stride), scaled < limit, (outputPadding ?? 0) < limit else {
            throw NNError(op, .value, "an input of size \(input) with strides \(stride) gives an output too large for a tensor")
        }
        return transposedWindowOutput(input: input, window: window, stride: stride, padding: padding, outputPadding: outputPadding)
    }

    /// Far below Int.max, so sums of a few such sizes cannot overflow.
    private static let limit = 1 << 60

    /// The effective window, (kernel − 1)·dilation + 1.
    private static func window(_ kernel: Int, _ dilation: Int, op: String) throws -> Int {
        guard let span = CheckedSize.product(kernel - 1, dilation), span < limit else {
            throw NNError(op, .value, "kernel_size \(kernel) with dilation_rate \(dilation) makes a window too large for a tensor")
        }
        return span + 1
    }
}
