import Tensors

/// A metric as given to `compile`: a name (resolved when the first batch shows the shapes, as Keras
/// picks binary, categorical or sparse accuracy) or a metric object.
public enum MetricSpec {
    case named(String)
    case metric(Metric)

    public static let knownNames = ["accuracy (acc)", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
                                    "mae", "mse", "r2_score (r2)", "precision", "recall"]

    /// Checks a name early, so that `compile` reports a typo.
    func validate() throws {
        guard case .named(let name) = self else { return }
        _ = try MetricSpec.make(name: name, yTrue: nil, yPred: nil)
    }

    func resolve(yTrue: Tensor, yPred: Tensor) throws -> Metric {
        switch self {
        case .metric(let metric): return metric
        case .named(let name): return try MetricSpec.make(name: name, yTrue: yTrue, yPred: yPred)
        }
    }

    /// The metric object for `name`; the logged name is the given one (`"acc"` logs as acc).
    static func make(name: String, yTrue: Tensor?, yPred: Tensor?) throws -> Metric {
        switch name.lowercased() {
        case "accuracy", "acc":
            guard let yTrue, let yPred else { return MeanMetric(name: name, higherIsBetter: true) { _, _ in Tensor(scalar: 0) } }
            let binary = yPred.shape.last == 1
            let sparse = yTrue.rank < yPred.rank || (yTrue.shape.last == 1 && (yPred.shape.last ?? 1) > 1)
            if binary { return binaryAccuracy(name) }
            return sparse ? sparseCategoricalAccuracy(name) : categoricalAccuracy(name)
        case "binary_accuracy": return binaryAccuracy(name)
        case "categorical_accuracy": return categoricalAccuracy(name)
        case "sparse_categorical_accuracy": return sparseCategoricalAccuracy(name)
        case "mae", "mean_absolute_error":
            return MeanMetric(name: name, higherIsBetter: false) { t, p in
                let (t, p) = try Loss.alignRanks(t.float(), p, op: name)
                return try Functional.meanAbsoluteError(t, p, reduction: .none)
            }
        case "mse", "mean_squared_error":
            return MeanMetric(name: name, higherIsBetter: false) { t, p in
                let (t, p) = try Loss.alignRanks(t.float(), p, op: name)
                return try Functional.meanSquaredError(t, p, reduction: .none)
            }
        case "r2", "r2_score": return R2Score(name: name)
        case "precision": return ConfusionMetric(.precision, name: name)
        case "recall": return ConfusionMetric(.recall, name: name)
        default:
            throw NNError("metrics", .value, "unknown metric '\(name)'; known: \(knownNames.joined(separator: ", "))")
        }
    }

    /// 1 where (prediction > 0.5) equals the label, averaged over the last axis.
    static func binaryAccuracy(_ name: String) -> Metric {
        MeanMetric(name: name, higherIsBetter: true) { t, p in
            try requireBinaryTargets(t, op: name)
            let (t, p) = try Loss.alignRanks(t.float(), p, op: name)
            return try p.gt(0.5).float().eq(t).float().mean(-1)
        }
    }

    /// 1 where the arg-max of the prediction equals the arg-max of the one-hot label.
    static func categoricalAccuracy(_ name: String) -> Metric {
        MeanMetric(name: name, higherIsBetter: true) { t, p in
            guard t.shape == p.shape else {
                throw NNError(name, .shape, "one-hot labels of shape \(t.shape) do not match predictions of shape \(p.shape)")
            }
            return try p.argmax(-1).eq(t.argmax(-1)).float()
        }
    }

    /// 1 where the arg-max of the prediction equals the integer label.
    static func sparseCategoricalAccuracy(_ name: String) -> Metric {
        MeanMetric(name: name, higherIsBetter: true) { t, p in
            var labels = try t.long()
            if labels.rank == p.rank { labels = try labels.squeeze(-1) }
            guard labels.shape == p.shape.dropLast() else {
                throw NNError(name, .shape, "integer labels of shape \(t.shape) do not match predictions of shape \(p.shape)")
            }
            return try p.argmax(-1).eq(labels).float()
        }
    }
}

extension MetricSpec {
    /// The metric's value over one set of labels and predictions, as a fresh metric gives it after one
    /// update (a metric object given here is reset first): `accuracy` of a whole test set at once.
    public func value(yTrue: Tensor, yPred: Tensor) throws -> Double {
        let metric = try resolve(yTrue: yTrue, yPred: yPred)
        metric.reset()
        try metric.update(yTrue: yTrue, yPred: yPred)
        return metric.result()
    }
}

extension MetricSpec: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .named(value) }
}

/// The most classes a confusion matrix may have: more would take gigabytes, and usually means the
/// labels are not class ids.
public let maximumConfusionClasses = 16_384

/// Counts of (true class, predicted class) pairs, as scikit-learn's `confusion_matrix`: entry [i][j]
/// is the number of samples of class i predicted as class j. Labels and predictions are class ids
/// counting from 0 (integers, or whole floats), or one-hot / probability rows (reduced by arg-max).
/// `classes` fixes the number of classes (unseen ones get zero rows); by default it is the largest id + 1.
public func confusionMatrix(labels: Tensor, predictions: Tensor, classes: Int? = nil) throws -> Tensor {
    func classIndices(_ t: Tensor) throws -> [Int64] {
        t.rank >= 2 && (t.shape.last ?? 1) > 1 ? try t.argmax(-1).wholeNumbers() : try t.wholeNumbers()
    }
    let truth = try classIndices(labels), predicted = try classIndices(predictions)
    guard truth.count == predicted.count else {
        throw NNError("confusionMatrix", .shape, "\(truth.count) true labels but \(predicted.count) predictions; they must match")
    }
    guard !truth.isEmpty else { throw NNError("confusionMatrix", .value, "no labels given") }
    if let classes, !(1...maximumConfusionClasses).contains(classes) {
        throw NNError("confusionMatrix", .value, "the number of classes must lie in 1...\(maximumConfusionClasses), got \(classes)")
    }
    let values = truth + predicted
    let low = values.min() ?? 0, high = values.max() ?? 0
    guard high < Int64(maximumConfusionClasses) else {
        throw NNError("confusionMatrix", .value, "class \(high) is beyond the \(maximumConfusionClasses) classes a confusion matrix can have; are these class ids?")
    }
    let range = "classes must lie in 0..<\(classes ?? Int(high) + 1), got values from \(low) to \(high)"
    guard low >= 0 else {
        throw NNError("confusionMatrix", .value, "\(range): class ids must not be negative (they count from 0)")
    }
    if let classes, high >= Int64(classes) {
        throw NNError("confusionMatrix", .value, "\(range): class id \(high) is out of range for \(classes) classes")
    }
    let n = classes ?? Int(high) + 1
    var counts = [Int64](repeating: 0, count: n * n)
    for (t, p) in zip(truth, predicted) { counts[Int(t) * n + Int(p)] += 1 }
    return try Tensor(counts, shape: [n, n])
}
