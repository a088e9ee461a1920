import Foundation
import Testing
import Tensors
@testable import NN

/// One case of Tests/NNFixtures/reference.json (made by make_reference.py with PyTorch): named arrays.
struct ReferenceCase {
    let arrays: [String: (shape: [Int], values: [Float])]

    static let all: [String: ReferenceCase] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("NNFixtures/reference.json")
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [String: [String: [String: Any]]] else { return [:] }
        return cases.mapValues { arrays in
            ReferenceCase(arrays: arrays.compactMapValues { entry in
                guard let shape = entry["shape"] as? [Int], let values = entry["values"] as? [Double] else { return nil }
                return (shape, values.map(Float.init))
            })
        }
    }()

    static func named(_ name: String) throws -> ReferenceCase {
        try #require(all[name], "reference case \(name) missing from Tests/NNFixtures/reference.json")
    }

    func tensor(_ name: String) throws -> Tensor {
        let entry = try #require(arrays[name], "array \(name) missing")
        return try Tensor(entry.values, shape: entry.shape)
    }

    func labels(_ name: String) throws -> Tensor { try tensor(name).long() }

    /// Expects `actual` to have the shape and values (within `tolerance`) of array `name`.
    func expect(_ actual: Tensor, equals name: String, tolerance: Float = 2e-5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try #require(arrays[name], "array \(name) missing")
        #expect(actual.shape.array == expected.shape, "\(name): shape \(actual.shape) ≠ \(expected.shape)", sourceLocation: sourceLocation)
        let values = try floats(actual)
        #expect(close(values, expected.values, tolerance: tolerance), "\(name): max difference \(maxDifference(values, expected.values))",
                sourceLocation: sourceLocation)
    }
}

extension FunctionalTests {
    /// Forward values against PyTorch (see Tests/NNFixtures/make_reference.py for the conversions).
    @Suite struct ReferenceTests {
        @Test func convolutions() throws {
            for (name, strides, padding, dilation) in [("conv2d_valid", (1, 1), Padding.valid, (1, 1)), ("conv2d_same_stride2", (2, 2), .same, (1, 1)),
                                                       ("conv2d_same_dilation2", (1, 1), .same, (2, 2)), ("conv2d_valid_stride21", (2, 1), .valid, (1, 1))] {
                let c = try ReferenceCase.named(name)
                try c.expect(Functional.conv2d(c.tensor("input"), kernel: c.tensor("kernel"), bias: c.tensor("bias"),
                                               strides: strides, padding: padding, dilation: dilation), equals: "output")
            }
            for (name, strides, padding, outputPadding) in [("conv2d_transpose_same_stride2", (2, 2), Padding.same, nil as (Int, Int)?),
                                                            ("conv2d_transpose_valid_stride2", (2, 2), .valid, nil),
                                                            ("conv2d_transpose_valid_outpad", (2, 2), .valid, (1, 1)),
                                                            ("conv2d_transpose_same_stride32_outpad", (3, 2), .same, (1, 0))] {
                let c = try ReferenceCase.named(name)
                try c.expect(Functional.conv2dTranspose(c.tensor("input"), kernel: c.tensor("kernel"), bias: c.tensor("bias"),
                                                        strides: strides, padding: padding, outputPadding: outputPadding), equals: "output")
            }
        }

        @Test func poolingAndUpsampling() throws {
            let x = try ReferenceCase.named("max_pool_valid_23_s12").tensor("input")
            try ReferenceCase.named("max_pool_valid_23_s12").expect(Functional.maxPool2d(x, poolSize: (2, 3), strides: (1, 2)), equals: "output")
            try ReferenceCase.named("max_pool_same_22").expect(Functional.maxPool2d(x, poolSize: (2, 2), padding: .same), equals: "output")
            try ReferenceCase.named("avg_pool_valid_32_s21").expect(Functional.avgPool2d(x, poolSize: (3, 2), strides: (2, 1)), equals: "output")
            try ReferenceCase.named("avg_pool_same_22").expect(Functional.avgPool2d(x, poolSize: (2, 2), padding: .same), equals: "output")
            let up = try ReferenceCase.named("upsample_bilinear_23")
            try up.expect(Functional.upsample2d(up.tensor("input"), factors: (2, 3), interpolation: .bilinear), equals: "output")
        }

        @Test func batchNorm() throws {
            let c = try ReferenceCase.named("batch_norm")
            let result = try Functional.batchNormTraining(c.tensor("input"), gamma: c.tensor("gamma"), beta: c.tensor("beta"))
            try c.expect(result.output, equals: "output", tolerance: 1e-4)
            try c.expect(result.mean, equals: "mean")
            try c.expect(result.variance, equals: "variance", tolerance: 1e-4)
        }

        @Test func recurrent() throws {
            for (name, backwards) in [("lstm", false), ("lstm_backwards", true)] {
                let c = try ReferenceCase.named(name)
                let out = try Functional.lstm(c.tensor("input"), kernel: c.tensor("kernel"), recurrentKernel: c.tensor("recurrent"),
                                              bias: c.tensor("bias"), initialHidden: c.tensor("h0"), initialCell: c.tensor("c0"),
                                              goBackwards: backwards)
                try c.expect(out.sequence, equals: "sequence")
                try c.expect(out.lastHidden, equals: "last_hidden")
                try c.expect(try #require(out.lastCell), equals: "last_cell")
            }
            for (name, backwards) in [("gru", false), ("gru_backwards", true)] {
                let c = try ReferenceCase.named(name)
                let out = try Functional.gru(c.tensor("input"), kernel: c.tensor("kernel"), recurrentKernel: c.tensor("recurrent"),
                                             bias: c.tensor("bias"), initialHidden: c.tensor("h0"), goBackwards: backwards)
                try c.expect(out.sequence, equals: "sequence")
                try c.expect(out.lastHidden, equals: "last_hidden")
            }
        }

        @Test func losses() throws {
            let c = try ReferenceCase.named("losses")
            let yTrue = try c.tensor("y_true"), yPred = try c.tensor("y_pred"), logits = try c.tensor("logits")
            try c.expect(Functional.meanSquaredError(yTrue, yPred, reduction: .none), equals: "mse")
            try c.expect(Functional.huber(yTrue, logits, reduction: .none), equals: "huber")
            try c.expect(Functional.binaryCrossentropy(yTrue, logits, fromLogits: true, reduction: .none), equals: "bce_logits")
            try c.expect(Functional.binaryCrossentropy(yTrue, yPred, reduction: .none), equals: "bce")
            try c.expect(Functional.sparseCategoricalCrossentropy(c.labels("labels"), logits, fromLogits: true, reduction: .none), equals: "sparse_ce_logits")
            try c.expect(Functional.categoricalCrossentropy(yTrue, logits, fromLogits: true, reduction: .none), equals: "ce_logits")
            try c.expect(Functional.klDivergence(yTrue, yPred, reduction: .none), equals: "kl")
            try c.expect(Functional.cosineSimilarity(yTrue, yPred, reduction: .none), equals: "cosine")
            let mean = try Functional.meanSquaredError(yTrue, yPred).item()
            #expect(Swift.abs(mean - Double(try c.arrays["mse"].map { $0.values.reduce(0, +) / 4 } ?? .nan)) < 1e-6)
        }
    }
}
