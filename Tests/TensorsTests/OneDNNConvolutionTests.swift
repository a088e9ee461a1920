import Testing
@testable import Tensors

extension TensorsTests {
    /// oneDNN's kernels against the im2col + sgemm engine on the same geometry: forward (with bias and each
    /// fused activation), the input gradient and the kernel gradient, across strides, dilations, paddings,
    /// odd batch sizes (parts of unequal size) and single images.
    @Suite struct OneDNNConvolutionTests {
        init() { Random.manualSeed(99) }

        @Test(arguments: [
            (input: [3, 9, 8, 3], kernel: [3, 3, 3, 5], strides: (1, 1), dilation: (1, 1), padding: Padding.same),
            (input: [4, 11, 10, 2], kernel: [3, 2, 2, 4], strides: (2, 3), dilation: (1, 1), padding: .valid),
            (input: [1, 12, 12, 4], kernel: [3, 3, 4, 6], strides: (2, 2), dilation: (2, 2), padding: .same),
            (input: [5, 10, 9, 1], kernel: [5, 5, 1, 8], strides: (1, 1), dilation: (1, 2), padding: .valid),
            (input: [2, 7, 7, 16], kernel: [1, 1, 16, 3], strides: (1, 1), dilation: (1, 1), padding: .valid),
            (input: [7, 6, 5, 3], kernel: [2, 3, 3, 2], strides: (3, 2), dilation: (2, 1), padding: .same),
        ])
        func matchesIm2col(input: [Int], kernel: [Int], strides: (Int, Int), dilation: (Int, Int), padding: Padding) throws {
            let g = try Functional.convolutionGeometry("test", input: input, kernel: kernel, strides: strides,
                                                       dilation: dilation, padding: (padding, padding))
            let fast = ConvolutionEngine(geometry: g), reference = ConvolutionEngine(geometry: g, useOneDNN: false)
            #expect(fast.usesOneDNN)
            let x = try floats(Tensor.uniform(input, low: -1, high: 1)), w = try floats(Tensor.uniform(kernel, low: -1, high: 1))
            let b = try floats(Tensor.uniform([kernel[3]], low: -1, high: 1))
            let outputCount = g.positions * g.outputChannels
            let dy = try floats(Tensor.uniform([outputCount], low: -1, high: 1))
            for activation in FusedActivation.allCases {
                #expect(try run(fast) { try $0.forward(input: x, kernel: w, bias: b, activation: activation, output: $1) }(outputCount)
                        .isClose(to: run(reference) { try $0.forward(input: x, kernel: w, bias: b, activation: activation, output: $1) }(outputCount)))
            }
            #expect(try run(fast) { try $0.inputGradient(outputGrad: dy, kernel: w, into: $1) }(x.count)
                    .isClose(to: run(reference) { try $0.inputGradient(outputGrad: dy, kernel: w, into: $1) }(x.count)))
            #expect(try run(fast) { try $0.kernelGradient(input: x, outputGrad: dy, into: $1) }(w.count)
                    .isClose(to: run(reference) { try $0.kernelGradient(input: x, outputGrad: dy, into: $1) }(w.count)))
        }

        /// A function of the result's size that runs `body` on `engine` into a new buffer of that size.
        private func run(_ engine: ConvolutionEngine, _ body: @escaping (ConvolutionEngine, UnsafeMutablePointer<Float>) throws -> Void)
            -> (Int) throws -> [Float] {
            { count in
                var result = [Float](repeating: .nan, count: count)
                try result.withUnsafeMutableBufferPointer { try body(engine, $0.baseAddress!) }
                return result
            }
        }
    }
}

private extension Array where Element == Float {
    func isClose(to other: [Float]) -> Bool { close(self, other, tolerance: 1e-4) }
}
