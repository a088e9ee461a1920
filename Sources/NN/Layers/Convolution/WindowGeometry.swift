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
}
