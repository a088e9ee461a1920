import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Losses and metrics on small batches against Keras 3 (keras_models_reference.json).
    @Suite struct LossesAndMetrics {
        let yBinary = try! tensor([1, 0, 1, 0], [4, 1])
        let pBinary = try! tensor([0.9, 0.2, 0.4, 0.6], [4, 1])
        let yOneHot = try! tensor([0, 1, 0, 1, 0, 0, 0, 0, 1], [3, 3])
        let pCategorical = try! tensor([0.2, 0.7, 0.1, 0.5, 0.3, 0.2, 0.3, 0.4, 0.3], [3, 3])
        let logits = try! tensor([1, 2, -1, 0.5, -0.5, 0, 3, 1, 0.2], [3, 3])
        let ySparse = try! Tensor([1, 0, 2] as [Int64])
        let yRegression = try! tensor([1, 2, 3, -1, 0.5, 0], [3, 2])
        let pRegression = try! tensor([1.5, 1, 2, -1, 0, 0.5], [3, 2])

        func expectLoss(_ key: String, _ value: Tensor, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let expected = KerasReference.number("losses", key), got = try value.item()
            #expect(close(got, expected, tolerance: 1e-5), "\(key): \(got) vs Keras \(expected)", sourceLocation: sourceLocation)
        }

        @Test func lossesMatchKeras() throws {
            try expectLoss("mse", Loss(named: "mse")(yRegression, pRegression))
            try expectLoss("mae", Loss(named: "mean_absolute_error")(yRegression, pRegression))
            try expectLoss("huber", Loss(named: "huber")(yRegression, pRegression))
            try expectLoss("binary_crossentropy", Loss(named: "binary_crossentropy")(yBinary, pBinary))
            let logOdds = try (pBinary / (1 - pBinary)).log()
            try expectLoss("binary_crossentropy_logits", Loss(named: "binary_crossentropy", fromLogits: true)(yBinary, logOdds))
            try expectLoss("categorical_crossentropy", Loss(named: "categorical_crossentropy")(yOneHot, pCategorical))
            try expectLoss("categorical_crossentropy_logits", Loss(named: "categorical_crossentropy", fromLogits: true)(yOneHot, logits))
            try expectLoss("sparse_categorical_crossentropy", Loss(named: "sparse_categorical_crossentropy")(ySparse, pCategorical))
            try expectLoss("sparse_categorical_crossentropy_logits", Loss(named: "sparse_categorical_crossentropy", fromLogits: true)(ySparse, logits))
            try expectLoss("kl_divergence", Loss(named: "kld")(yOneHot, pCategorical))
        }

        /// By hand: mse of errors (0.5, −1) and (1, 0): per sample 0.625 and 0.5; mean 0.5625; sum 1.125.
        @Test func reductionsByHand() throws {
            let t = try tensor([1, 2, 3, 0], [2, 2]), p = try tensor([1.5, 1, 4, 0], [2, 2])
            #expect(try floats(try Loss(named: "mse", reduction: .none)(t, p)) == [0.625, 0.5])
            #expect(try Loss(named: "mse")(t, p).item() == 0.5625)
            #expect(try Loss(named: "mse", reduction: .sum)(t, p).item() == 1.125)
            // Labels (batch) against predictions (batch, 1) are aligned as in Keras.
            #expect(try Loss(named: "mse")(try tensor([1, 3], [2]), try tensor([1.5, 4], [2, 1])).item() == 0.625)
        }

        /// By hand: huber with delta 0.5 at |d| = 2 is 0.5·(2 − 0.25) = 0.875 (1.5 with the default 1);
        /// smoothing 0.2 makes a binary target 1 into 0.9: −(0.9·ln 0.8 + 0.1·ln 0.2) = 0.361773; smoothing
        /// 0.3 over 2 classes makes (1, 0) into (0.85, 0.15): −(0.85·ln 0.6 + 0.15·ln 0.4) = 0.571646.
        @Test func lossOptionsByHand() throws {
            let zero = try tensor([0], [1, 1]), two = try tensor([2], [1, 1])
            #expect(close(try Loss(named: "huber", delta: 0.5)(zero, two).item(), 0.875))
            #expect(close(try Loss(named: "huber")(zero, two).item(), 1.5))
            #expect(close(try Loss(named: "binary_crossentropy", labelSmoothing: 0.2)(try tensor([1], [1, 1]), try tensor([0.8], [1, 1])).item(),
                          0.361773, tolerance: 1e-5))
            #expect(close(try Loss(named: "categorical_crossentropy", labelSmoothing: 0.3)(try tensor([1, 0], [1, 2]), try tensor([0.6, 0.4], [1, 2])).item(),
                          0.571646, tolerance: 1e-5))
        }

        @Test func lossGradientFlows() throws {
            let p = try tensor([0.2, 0.7, 0.1], [1, 3]).setRequiresGrad()
            try Loss(named: "categorical_crossentropy")(try tensor([0, 1, 0], [1, 3]), p).backward()
            // d/dp of −log(p1 / Σp) with Σp = 1: −1/p1 + 1 for the labelled class, +1 for the others.
            #expect(close(try floats(try #require(p.grad)), [1, 1 - 1 / 0.7, 1], tolerance: 1e-5))
        }

        @Test func lossErrors() {
            expectNNError(.value, "unknown loss 'mse2'") { _ = try Loss(named: "mse2") }
            expectNNError(.shape, "sparse_categorical_crossentropy") {
                _ = try Loss(named: "categorical_crossentropy")(try Tensor([1, 0, 2] as [Int64]), try Tensor.rand([3, 3]))
            }
        }

        func metric(_ name: String, _ y: Tensor, _ p: Tensor) throws -> Double {
            let m = try MetricSpec.named(name).resolve(yTrue: y, yPred: p)
            try m.update(yTrue: y, yPred: p)
            return m.result()
        }

        @Test func metricsMatchKeras() throws {
            let m = KerasReference.section("metrics")
            func expected(_ key: String) -> Double { (m[key] as? Double) ?? .nan }
            #expect(close(try metric("accuracy", yBinary, pBinary), expected("binary_accuracy")))
            #expect(close(try metric("accuracy", yOneHot, pCategorical), expected("categorical_accuracy")))
            #expect(close(try metric("accuracy", ySparse, pCategorical), expected("sparse_categorical_accuracy")))
            #expect(close(try metric("precision", yBinary, pBinary), expected("precision")))
            #expect(close(try metric("recall", yBinary, pBinary), expected("recall")))
            #expect(close(try metric("r2", yRegression, pRegression), expected("r2")))
            // Two batches of 3 and 1 samples: the mean is weighted by samples, not by batches.
            let mae = try MetricSpec.named("mae").resolve(yTrue: yRegression, yPred: pRegression)
            try mae.update(yTrue: yRegression, yPred: pRegression)
            try mae.update(yTrue: try yRegression.narrow(0, start: 0, length: 1), yPred: try pRegression.narrow(0, start: 0, length: 1) + 1)
            #expect(close(mae.result(), expected("mae_two_batches")))
        }

        /// A metric's value over one batch equals the value of a fresh metric updated with it, for names and
        /// objects alike (an object's earlier state does not leak in).
        @Test func valueOfOneBatch() throws {
            let m = KerasReference.section("metrics")
            #expect(close(try MetricSpec.named("accuracy").value(yTrue: yOneHot, yPred: pCategorical), (m["categorical_accuracy"] as? Double) ?? .nan))
            let recall = ConfusionMetric(.recall)
            try recall.update(yTrue: try tensor([1, 1], [2, 1]), yPred: try tensor([0.1, 0.2], [2, 1]))
            #expect(close(try MetricSpec.metric(recall).value(yTrue: yBinary, yPred: pBinary), (m["recall"] as? Double) ?? .nan))
        }

        @Test func accuracyKindFollowsShapes() throws {
            #expect(try metric("accuracy", try tensor([1, 0], [2, 1]), try tensor([0.7, 0.6], [2, 1])) == 0.5)
            // Sparse labels of shape (batch, 1) against 3 classes.
            #expect(try metric("acc", try tensor([2, 0], [2, 1]), try tensor([0, 0, 1, 1, 0, 0], [2, 3])) == 1)
            expectNNError(.value, "unknown metric") { try MetricSpec.named("accuracyy").validate() }
        }

        @Test func confusionMatrixCounts() throws {
            let labels = try Tensor([0, 1, 2, 2, 1] as [Int64])
            let predictions = try tensor([0.9, 0.1, 0, 0.2, 0.7, 0.1, 0, 0.3, 0.7, 0.5, 0.4, 0.1, 0, 1, 0], [5, 3])
            let matrix = try confusionMatrix(labels: labels, predictions: predictions)
            #expect(try matrix.toArray(Int64.self) == [1, 0, 0, 0, 2, 0, 1, 0, 1])
            expectNNError(.value, "classes must lie") { _ = try confusionMatrix(labels: labels, predictions: labels, classes: 2) }
            // Sizes that would overflow or take gigabytes are refused, not allocated.
            expectNNError(.value, "must lie in 1...16384, got \(Int.max)") { _ = try confusionMatrix(labels: labels, predictions: labels, classes: .max) }
            let huge = try Tensor([0, Int64.max] as [Int64])
            expectNNError(.value, "class \(Int64.max) is beyond") { _ = try confusionMatrix(labels: huge, predictions: huge) }
            expectNNError(.value, "classes must lie in 0..<3, got values from -1") {
                _ = try confusionMatrix(labels: try Tensor([-1, 2] as [Int64]), predictions: try Tensor([0, 1] as [Int64]), classes: 3)
            }
        }
    }
}
