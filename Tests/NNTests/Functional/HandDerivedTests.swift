import Foundation
import Testing
import Tensors
@testable import NN

extension FunctionalTests {
    /// Small cases worked out by hand, for Keras' own conventions.
    @Suite struct HandDerivedTests {
        init() { Random.manualSeed(4242) }

        @Test func samePaddingPutsTheExtraRowAtTheBottom() throws {
            // 1x4 row [1 2 3 4], kernel 1x2 [1 10], stride 2, 'same': output 2, total padding 0 → no pad;
            // length 5, kernel 2, stride 2: output 3, total padding 1, all after: [1+20, 3+40, 5+0].
            let x = try tensor([1, 2, 3, 4, 5], [1, 1, 5, 1]), w = try tensor([1, 10], [1, 2, 1, 1])
            #expect(try floats(Functional.conv2d(x, kernel: w, strides: (1, 2), padding: .same)) == [21, 43, 5])
        }

        @Test func averagePoolingSameExcludesPadding() throws {
            // Row [1 2 3], pool 2, stride 2, 'same': windows [1 2] and [3 (pad)] → 1.5 and 3 (not 1.5).
            let x = try tensor([1, 2, 3], [1, 1, 3, 1])
            #expect(try floats(Functional.avgPool2d(x, poolSize: (1, 2), padding: .same)) == [1.5, 3])
            #expect(try floats(Functional.maxPool2d(x, poolSize: (1, 2), padding: .same)) == [2, 3])
        }

        @Test func bilinearUsesHalfPixelCentres() throws {
            // Row [0 4], factor 2: sample points (i + 0.5)/2 − 0.5 = −0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
            let x = try tensor([0, 4], [1, 1, 2, 1])
            #expect(try floats(Functional.upsample2d(x, factors: (1, 2), interpolation: .bilinear)) == [0, 1, 3, 4])
            #expect(try floats(Functional.upsample2d(x, factors: (1, 2))) == [0, 0, 4, 4])
        }

        @Test func transposedConvolutionOutputSizes() throws {
            // Keras: valid → n·s + max(k − s, 0); same → n·s; with output padding (n − 1)·s + k − 2p + op.
            let x = try Tensor.ones([1, 3, 5, 1]), w = try Tensor.ones([3, 2, 1, 1])
            #expect(try Functional.conv2dTranspose(x, kernel: w, strides: (2, 3), padding: .valid).shape == [1, 7, 15, 1])
            #expect(try Functional.conv2dTranspose(x, kernel: w, strides: (2, 3), padding: .same).shape == [1, 6, 15, 1])
            #expect(try Functional.conv2dTranspose(x, kernel: w, strides: (2, 3), padding: .same, outputPadding: (1, 2)).shape == [1, 6, 14, 1])
        }

        @Test func kerasLossConventions() throws {
            // Categorical on probabilities: rescaled to sum 1 first: [2, 2] → [0.5, 0.5], loss log 2.
            let ce = try Functional.categoricalCrossentropy(tensor([1, 0], [1, 2]), tensor([2, 2], [1, 2])).item()
            #expect(Swift.abs(ce - log(2)) < 1e-6)
            // Clipping at 1e-7: a zero probability for the true class costs −log(1e-7).
            let clipped = try Functional.binaryCrossentropy(tensor([1], [1, 1]), tensor([0], [1, 1])).item()
            #expect(Swift.abs(clipped - 16.118095) < 1e-3)
            // Label smoothing 0.2 over 2 classes: target [0.9, 0.1]; prediction [0.5, 0.5] → log 2 still.
            let smooth = try Functional.categoricalCrossentropy(tensor([1, 0], [1, 2]), tensor([0.5, 0.5], [1, 2]), labelSmoothing: 0.2).item()
            #expect(Swift.abs(smooth - log(2)) < 1e-6)
            // Sparse on probabilities equals categorical with the one-hot target.
            let p = try tensor([0.2, 0.7, 0.1, 0.3, 0.3, 0.4], [2, 3]), labels = try Tensor([1, 2] as [Int64])
            let sparse = try Functional.sparseCategoricalCrossentropy(labels, p).item()
            let dense = try Functional.categoricalCrossentropy(labels.oneHot(classes: 3), p).item()
            #expect(Swift.abs(sparse - (-log(0.7) - log(0.4)) / 2) < 1e-6 && Swift.abs(sparse - dense) < 1e-6)
            // Mean over the last axis, then over the batch; sum and none keep the per-sample values.
            let yTrue = try tensor([0, 0, 1, 1], [2, 2]), yPred = try tensor([1, 3, 1, 1], [2, 2])
            #expect(try floats(Functional.meanSquaredError(yTrue, yPred, reduction: .none)) == [5, 0])
            #expect(try Functional.meanSquaredError(yTrue, yPred).item() == 2.5)
            #expect(try Functional.meanAbsoluteError(yTrue, yPred, reduction: .sum).item() == 2)
            // Huber, delta 1: |d| = 3 → 3 − 0.5 = 2.5; |d| = 0.5 → 0.125.
            #expect(try floats(Functional.huber(tensor([0, 0], [2, 1]), tensor([3, 0.5], [2, 1]), reduction: .none)) == [2.5, 0.125])
        }

        @Test func lossGradients() throws {
            let logits = try parameter([3, 4], scale: 2), p = try (Tensor.rand([3, 4]) * 0.8 + 0.1).setRequiresGrad()
            let target = try Tensor.rand([3, 4]), labels = try Tensor([0, 3, 1] as [Int64])
            try checkGradients([logits]) { try Functional.sparseCategoricalCrossentropy(labels, $0[0], fromLogits: true) }
            try checkGradients([logits]) { try Functional.categoricalCrossentropy(target, $0[0], fromLogits: true, labelSmoothing: 0.1) }
            try checkGradients([logits]) { try Functional.binaryCrossentropy(target, $0[0], fromLogits: true) }
            try checkGradients([p], epsilon: 1e-3) { try Functional.binaryCrossentropy(target, $0[0]) }
            try checkGradients([p], epsilon: 1e-3) { try Functional.sparseCategoricalCrossentropy(labels, $0[0], reduction: .none) }
            try checkGradients([p], epsilon: 1e-3) { try Functional.klDivergence(target, $0[0], reduction: .sum) }
            try checkGradients([logits]) { try Functional.cosineSimilarity(target, $0[0]) }
            try checkGradients([logits]) { try Functional.huber(target, $0[0], reduction: .none) }
            // The fused kernel at exactly zero logits: softmax − onehot.
            let zeros = try Tensor.zeros([1, 4]).setRequiresGrad()
            try Functional.sparseCategoricalCrossentropy(Tensor([2] as [Int64]), zeros, fromLogits: true).backward()
            #expect(try floats(#require(zeros.grad)) == [0.25, 0.25, -0.75, 0.25])
        }

        @Test func activationsByKerasName() throws {
            let x = try tensor([-2, 0.5], [2])
            #expect(try floats(Functional.activate(x, #require(Activation(kerasName: "leaky_relu")))) == [-0.4, 0.5])
            #expect(try floats(Functional.activate(x, .relu6)) == [0, 0.5])
            #expect(close(try floats(Functional.activate(x, .softsign)), [-2.0 / 3, 1.0 / 3]))
            #expect(close(try floats(Functional.softmax(tensor([0, log(3)], [1, 2]))), [0.25, 0.75]))
            for activation in Activation.allCases {
                let a = try parameter([2, 3])
                try checkGradients([a], epsilon: 1e-3) { try Functional.activate($0[0].mul(1.7).add(0.05), activation) }
            }
        }

        @Test func dropoutAndEmbeddingValues() throws {
            let x = try Tensor.ones([200, 50])
            let dropped = try floats(Functional.dropout(x, rate: 0.3, training: true))
            let kept = dropped.filter { $0 != 0 }
            #expect(kept.allSatisfy { Swift.abs($0 - 1 / 0.7) < 1e-6 })
            #expect(Swift.abs(Double(kept.count) / 10_000 - 0.7) < 0.02)
            #expect(try Functional.dropout(x, rate: 0.3, training: false) === x)
            let channels = try floats(Functional.dropout(Tensor.ones([2, 3, 3, 4]), rate: 0.5, training: true, noiseShape: [2, 1, 1, 4]))
            for n in 0..<2 { for c in 0..<4 { #expect(Set((0..<9).map { channels[n * 36 + $0 * 4 + c] }).count == 1) } }
            let table = try tensor([0, 1, 10, 11, 20, 21], [3, 2])
            #expect(try floats(Functional.embedding(Tensor([2, 0, 2, 1] as [Int64], shape: [2, 2]), weights: table)) == [20, 21, 0, 1, 20, 21, 10, 11])
        }

        @Test func initializerStatistics() throws {
            #expect(Initializers.fans([3, 3, 16, 32]) == (144, 288))
            #expect(Initializers.fans([10, 20]) == (10, 20))
            #expect(Initializers.fans([7]) == (7, 7))
            // Shapes whose fans would overflow are refused before they are computed.
            #expect(throws: TensorError.self) { try Initializers.glorotNormal([3, .max, .max]) }
            #expect(throws: TensorError.self) { try Initializers.heUniform([0, 5]) }
            func moments(_ t: Tensor) throws -> (mean: Double, std: Double, maxAbs: Double) {
                (try t.mean().item(), try t.std().item(), try t.abs().max().item())
            }
            let g = try moments(Initializers.glorotUniform([200, 300]))  // limit √(6/500) ≈ 0.1095, std limit/√3
            #expect(g.maxAbs <= 0.10955 && Swift.abs(g.std - 0.063246) < 0.002 && Swift.abs(g.mean) < 0.002)
            let h = try moments(Initializers.heNormal([3, 3, 64, 64]))  // std √(2/576) ≈ 0.058926, cut at 2σ/0.8796
            #expect(Swift.abs(h.std - 0.058926) < 0.002 && h.maxAbs <= 2 * 0.058926 / 0.87962566 + 1e-6)
            let l = try moments(Initializers.lecunNormal([500, 100]))
            #expect(Swift.abs(l.std - 0.044721) < 0.0015)
            let q = try Initializers.orthogonal([6, 4], gain: 2)
            #expect(close(try floats(q.t().matmul(q)), try floats(Tensor.eye(4) * 4), tolerance: 1e-4))
            let wide = try Initializers.orthogonal([2, 5])
            #expect(close(try floats(wide.matmul(wide.t())), try floats(Tensor.eye(2)), tolerance: 1e-5))
            Random.manualSeed(9)
            let a = try floats(Initializers.glorotNormal([4, 4]))
            Random.manualSeed(9)
            #expect(try floats(Initializers.glorotNormal([4, 4])) == a)
        }

        @Test func badInputGivesClearErrors() throws {
            let image = try Tensor.zeros([1, 4, 4, 3])
            expectError("conv2d", "3 channels", "expects 2") { try Functional.conv2d(image, kernel: Tensor.zeros([3, 3, 2, 4])) }
            expectError("conv2d", "rank 4", "(4, 4, 3)") { try Functional.conv2d(Tensor.zeros([4, 4, 3]), kernel: Tensor.zeros([3, 3, 3, 4])) }
            expectError("conv1d", "3 channels", "expects 2") { try Functional.conv1d(Tensor.zeros([1, 5, 3]), kernel: Tensor.zeros([3, 2, 4])) }
            expectError("conv2d", "smaller than the dilated kernel") { try Functional.conv2d(image, kernel: Tensor.zeros([5, 5, 3, 1])) }
            expectError("strides", "[0, 1]") { try Functional.conv2d(image, kernel: Tensor.zeros([1, 1, 3, 1]), strides: (0, 1)) }
            // Huge strides and rates are refused before window and output sizes are computed from them.
            expectError("conv2dTranspose", "strides must be at most 16777216") {
                try Functional.conv2dTranspose(image, kernel: Tensor.zeros([2, 2, 1, 3]), strides: (.max, 1))
            }
            expectError("conv2d", "dilation rates must be at most") {
                try Functional.conv2d(image, kernel: Tensor.zeros([2, 2, 3, 1]), padding: .same, dilation: (1, .max))
            }
            expectError("maxPool2d", "strides must be at most") { try Functional.maxPool2d(image, poolSize: (2, 2), strides: (.max, .max), padding: .same) }
            expectError("upsample2d", "factors must be at most") { try Functional.upsample2d(image, factors: (.max, 2)) }
            expectError("bias", "4 values", "(3)") { try Functional.conv2d(image, kernel: Tensor.zeros([1, 1, 3, 4]), bias: Tensor.zeros([3])) }
            expectError("conv2dTranspose", "output padding") {
                try Functional.conv2dTranspose(image, kernel: Tensor.zeros([3, 3, 2, 3]), strides: (2, 2), outputPadding: (2, 0))
            }
            expectError("maxPool2d", "smaller than the pool") { try Functional.maxPool2d(image, poolSize: (5, 5)) }
            expectError("lstm", "kernel must have shape (2, 16)") {
                try Functional.lstm(Tensor.zeros([1, 3, 2]), kernel: Tensor.zeros([2, 12]), recurrentKernel: Tensor.zeros([4, 16]))
            }
            expectError("gru", "initial hidden state", "(1, 4)") {
                try Functional.gru(Tensor.zeros([1, 3, 2]), kernel: Tensor.zeros([2, 12]), recurrentKernel: Tensor.zeros([4, 12]),
                                   initialHidden: Tensor.zeros([2, 4]))
            }
            expectError("simpleRNN", "no time steps") {
                try Functional.simpleRNN(Tensor.zeros([1, 0, 2]), kernel: Tensor.zeros([2, 4]), recurrentKernel: Tensor.zeros([4, 4]))
            }
            expectError("embedding", "index 5", "vocabulary of 5") { try Functional.embedding(Tensor([1, 5] as [Int64]), weights: Tensor.zeros([5, 2])) }
            expectError("embedding", "integer") { try Functional.embedding(Tensor([1.0] as [Float]), weights: Tensor.zeros([5, 2])) }
            expectError("sparseCategoricalCrossentropy", "label 3", "3 classes") {
                try Functional.sparseCategoricalCrossentropy(Tensor([3] as [Int64]), Tensor.zeros([1, 3]), fromLogits: true)
            }
            expectError("meanSquaredError", "(2, 3)", "(3, 2)") { try Functional.meanSquaredError(Tensor.zeros([2, 3]), Tensor.zeros([3, 2])) }
            expectError("dropout", "rate", "1.0") { try Functional.dropout(image, rate: 1, training: true) }
            expectError("batchNorm", "gamma", "3") { try Functional.batchNormTraining(image, gamma: Tensor.ones([4])) }
            expectError("orthogonal", "2 dimensions") { try Initializers.orthogonal([5]) }
        }
    }
}
