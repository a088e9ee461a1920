import Testing
import Tensors
@testable import NN

extension FunctionalTests {
    /// Finite-difference checks of pooling, upsampling, normalization, dropout and embedding.
    @Suite struct LayerOpGradientTests {
        init() { Random.manualSeed(77) }

        /// Distinct values spaced 0.05 apart in random order, so that max pooling has no near-ties.
        func spreadParameter(_ shape: [Int]) throws -> Tensor {
            let count = shape.reduce(1, *)
            let order = try Tensor.randperm(count).float()
            return try (order * 0.05 - Double(count) * 0.025).reshape(shape).contiguous().detach().setRequiresGrad()
        }

        /// Max pooling compares eight channels at a time, then the rest one by one: 11 channels take both paths.
        @Test func maxPoolingOverManyChannels() throws {
            let x = try spreadParameter([2, 4, 6, 11])
            let pooled = try Functional.maxPool2d(x, poolSize: (2, 2))
            let reference = try x.detach().reshape([2, 2, 2, 3, 2, 11]).max(dims: [2, 4])
            #expect(try floats(pooled) == floats(reference))
            try checkGradients([x], epsilon: 1e-3) { try Functional.maxPool2d($0[0], poolSize: (2, 2)) }
            try checkGradients([x], epsilon: 1e-3) { try Functional.maxPool2d($0[0], poolSize: (3, 3), strides: (1, 2), padding: .same) }
        }

        @Test func pooling() throws {
            let x = try spreadParameter([2, 5, 7, 3])
            for padding in [Padding.valid, .same] {
                try checkGradients([x], epsilon: 1e-3) { try Functional.maxPool2d($0[0], poolSize: (2, 3), strides: (1, 2), padding: padding) }
                try checkGradients([x], epsilon: 1e-3) { try Functional.maxPool2d($0[0], poolSize: (2, 2), padding: padding) }
                try checkGradients([x]) { try Functional.avgPool2d($0[0], poolSize: (3, 2), strides: (2, 1), padding: padding) }
                try checkGradients([x]) { try Functional.avgPool2d($0[0], poolSize: (2, 2), padding: padding) }
            }
            let sequence = try spreadParameter([2, 9, 3])
            try checkGradients([sequence], epsilon: 1e-3) { try Functional.maxPool1d($0[0], poolSize: 3, stride: 2, padding: .same) }
            try checkGradients([sequence]) { try Functional.avgPool1d($0[0], poolSize: 2, padding: .same) }
            try checkGradients([x]) { try Functional.globalAvgPool2d($0[0]) }
            try checkGradients([x], epsilon: 1e-3) { try Functional.globalMaxPool2d($0[0], keepDims: true) }
            try checkGradients([sequence]) { try Functional.globalAvgPool1d($0[0]) }
            try checkGradients([sequence], epsilon: 1e-3) { try Functional.globalMaxPool1d($0[0]) }
        }

        @Test func upsampling() throws {
            let x = try parameter([2, 3, 4, 2])
            for interpolation in UpsamplingInterpolation.allCases {
                try checkGradients([x]) { try Functional.upsample2d($0[0], factors: (2, 3), interpolation: interpolation) }
                try checkGradients([x]) { try Functional.upsample2d($0[0], factors: (3, 1), interpolation: interpolation) }
            }
        }

        @Test func normalization() throws {
            let x = try parameter([3, 2, 2, 4], scale: 2), gamma = try parameter([4]), beta = try parameter([4])
            try checkGradients([x, gamma, beta]) { try Functional.batchNormTraining($0[0], gamma: $0[1], beta: $0[2]).output }
            try checkGradients([x]) { try Functional.batchNormTraining($0[0], epsilon: 0.1).output }
            let mean = try Tensor.randn([4]), variance = try Tensor.rand([4]) + 0.5
            try checkGradients([x, gamma, beta]) {
                try Functional.batchNormInference($0[0], mean: mean, variance: variance, gamma: $0[1], beta: $0[2])
            }
            let g2 = try parameter([2, 4]), b2 = try parameter([2, 4])
            try checkGradients([x, gamma, beta]) { try Functional.layerNorm($0[0], gamma: $0[1], beta: $0[2]) }
            try checkGradients([x, g2, b2]) { try Functional.layerNorm($0[0], gamma: $0[1], beta: $0[2], axes: 2) }
        }

        @Test func dropoutAndEmbedding() throws {
            let x = try parameter([4, 6])
            try checkGradients([x]) { xs in
                Random.manualSeed(5) // the same mask at every evaluation
                return try Functional.dropout(xs[0], rate: 0.4, training: true)
            }
            let table = try parameter([5, 3])
            let indices = try Tensor([0, 4, 4, 2, 1, 4] as [Int64], shape: [2, 3])
            try checkGradients([table]) { try Functional.embedding(indices, weights: $0[0]) }
        }
    }
}
