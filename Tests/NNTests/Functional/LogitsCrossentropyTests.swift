import Testing
import Tensors
@testable import NN

extension FunctionalTests {
    /// Cross-entropies of a layer's softmax or sigmoid start from its scores (as Keras does): the same values
    /// as the probability formulas where those are exact, the exact values where probabilities round to 0
    /// or 1 (the clipped formulas stop at −log ε ≈ 16.1), and correct gradients.
    @Suite struct LogitsCrossentropyTests {
        init() { Random.manualSeed(5) }

        @Test func softmaxOutputsMatchTheProbabilityFormula() throws {
            let scores = try Tensor.uniform([6, 5], low: -3, high: 3)
            let targets = try Tensor([0, 4, 2, 2, 1, 3] as [Int64]).oneHot(classes: 5)
            let probabilities = try Functional.activate(scores, .softmax)
            let fromScores = try floats(Functional.categoricalCrossentropy(targets, probabilities, reduction: .none))
            // The same probabilities without the scores attached take the clipped-probability path.
            let plain = try floats(Functional.categoricalCrossentropy(targets, probabilities.detach(), reduction: .none))
            #expect(close(fromScores, plain, tolerance: 1e-5), "\(fromScores) vs \(plain)")
            let labels = try Tensor([0, 4, 2, 2, 1, 3] as [Int64])
            let sparse = try floats(Functional.sparseCategoricalCrossentropy(labels, probabilities, reduction: .none))
            #expect(close(sparse, plain, tolerance: 1e-5))
        }

        @Test func extremeScoresKeepTheirExactLoss() throws {
            let scores = try tensor([40, 0, 0, -40], [2, 2])
            let targets = try tensor([0, 1, 0, 1], [2, 2])
            let softmax = try floats(Functional.categoricalCrossentropy(targets, Functional.activate(scores, .softmax), reduction: .none))
            #expect(close(softmax, [40, 40], tolerance: 1e-5), "\(softmax)")
            let sigmoid = try floats(Functional.binaryCrossentropy(try tensor([1, 0], [2, 1]),
                                                                   Functional.activate(try tensor([-30, 30], [2, 1]), .sigmoid),
                                                                   reduction: .none))
            #expect(close(sigmoid, [30, 30], tolerance: 1e-5), "\(sigmoid)")
        }

        @Test func gradientsThroughTheFusedKernel() throws {
            let scores = try parameter([4, 6], scale: 2)
            // Soft targets whose rows do not sum to 1 exercise the Σ targets factor of the gradient.
            let targets = try Tensor.uniform([4, 6], low: 0, high: 1)
            try checkGradients([scores]) {
                try Functional.categoricalCrossentropy(targets, Functional.activate($0[0], .softmax), reduction: .none)
            }
            try checkGradients([scores]) { try Functional.categoricalCrossentropy(targets, $0[0], fromLogits: true, reduction: .none) }
        }
    }
}
