import Testing
import Tensors
@testable import NN

extension FunctionalTests {
    @Suite struct ConvolutionGradientTests {
        init() { Random.manualSeed(2024) }

        @Test(arguments: [
            (strides: (1, 1), padding: Padding.valid, dilation: (1, 1)),
            (strides: (1, 1), padding: .same, dilation: (1, 1)),
            (strides: (2, 2), padding: .same, dilation: (1, 1)),
            (strides: (2, 1), padding: .valid, dilation: (1, 1)),
            (strides: (1, 1), padding: .same, dilation: (2, 2)),
            (strides: (1, 2), padding: .valid, dilation: (2, 1)),
        ])
        func conv2d(strides: (Int, Int), padding: Padding, dilation: (Int, Int)) throws {
            let x = try parameter([2, 5, 6, 3]), w = try parameter([3, 2, 3, 4]), b = try parameter([4])
            try checkGradients([x, w, b]) {
                try Functional.conv2d($0[0], kernel: $0[1], bias: $0[2], strides: strides, padding: padding, dilation: dilation)
            }
        }

        @Test func conv2dPointwiseAndFusedActivations() throws {
            let x = try parameter([2, 3, 3, 5]), w = try parameter([1, 1, 5, 4]), b = try parameter([4])
            try checkGradients([x, w, b]) { try Functional.conv2d($0[0], kernel: $0[1], bias: $0[2]) }
            try checkGradients([x, w, b]) { try Functional.conv2d($0[0], kernel: $0[1], bias: $0[2], strides: (2, 2), padding: .same) }
            let w3 = try parameter([3, 3, 5, 2])
            for activation in [FusedActivation.sigmoid, .tanh] {
                try checkGradients([x, w3, b.detach().narrow(0, start: 0, length: 2).clone().setRequiresGrad()]) {
                    try Functional.conv2d($0[0], kernel: $0[1], bias: $0[2], padding: .same, activation: activation)
                }
            }
            // relu: values away from the kink (a large positive bias keeps most outputs positive).
            let shifted = try Tensor([2, -3] as [Float]).setRequiresGrad()
            try checkGradients([x, w3, shifted], epsilon: 1e-3) {
                try Functional.conv2d($0[0], kernel: $0[1], bias: $0[2], padding: .valid, activation: .relu)
            }
        }

        @Test func conv1dAllPaddings() throws {
            let x = try parameter([2, 7, 3]), w = try parameter([3, 3, 2]), b = try parameter([2])
            for padding in Padding.allCases {
                try checkGradients([x, w, b]) { try Functional.conv1d($0[0], kernel: $0[1], bias: $0[2], stride: 2, padding: padding, dilation: 1) }
                try checkGradients([x, w]) { try Functional.conv1d($0[0], kernel: $0[1], padding: padding, dilation: 2) }
            }
        }

        @Test(arguments: [
            (strides: (2, 2), padding: Padding.same, outputPadding: nil as (Int, Int)?),
            (strides: (2, 2), padding: .valid, outputPadding: nil),
            (strides: (3, 2), padding: .same, outputPadding: (1, 0)),
            (strides: (2, 2), padding: .valid, outputPadding: (1, 1)),
            (strides: (1, 1), padding: .same, outputPadding: nil),
        ])
        func conv2dTranspose(strides: (Int, Int), padding: Padding, outputPadding: (Int, Int)?) throws {
            let x = try parameter([2, 3, 4, 3]), w = try parameter([3, 3, 2, 3]), b = try parameter([2])
            try checkGradients([x, w, b]) {
                try Functional.conv2dTranspose($0[0], kernel: $0[1], bias: $0[2], strides: strides, padding: padding, outputPadding: outputPadding)
            }
        }

        @Test func chunkedIm2colMatchesOneChunk() throws {
            // More positions than one im2col chunk holds (8M floats / 2304 per row = 3640 rows < 10·20·20).
            let x = try Tensor.randn([10, 20, 20, 256]), w = try Tensor.randn([3, 3, 256, 4]) * 0.05
            let y = try Functional.conv2d(x, kernel: w, padding: .same)
            // The same output through the pointwise path, one tap at a time on a shifted copy of the input.
            let padded = try x.pad([(0, 0), (1, 1), (1, 1), (0, 0)])
            var reference = try Tensor.zeros([10, 20, 20, 4])
            for ky in 0..<3 { for kx in 0..<3 {
                let window = try padded.narrow(1, start: ky, length: 20).narrow(2, start: kx, length: 20).contiguous()
                let tap = try w.narrow(0, start: ky, length: 1).narrow(1, start: kx, length: 1).contiguous()
                reference = try reference + Functional.conv2d(window, kernel: tap)
            } }
            #expect(close(try floats(y), try floats(reference), tolerance: 1e-4))
        }
    }
}
