import Tensors

/// A metric that accumulates over an epoch, as Keras' stateful metrics: `update` with each batch,
/// `result` for the value so far, `reset` at the start of an epoch.
public protocol Metric: AnyObject {
    var name: String { get }
    /// Whether larger values are better (callbacks in mode "auto" look at it).
    var higherIsBetter: Bool { get }
    func update(yTrue: Tensor, yPred: Tensor) throws
    func result() -> Double
    func reset()
}

/// The running mean of per-sample values: accuracy, mae, mse, and the loss tracker (weighted by
/// batch size). Keras' `MeanMetricWrapper`.
public final class MeanMetric: Metric {
    public let name: String
    public let higherIsBetter: Bool
    private let perSample: ((Tensor, Tensor) throws -> Tensor)?
    private var total = 0.0
    private var count = 0.0

    /// A metric averaging `perSample(yTrue, yPred)` over all samples seen.
    public init(name: String, higherIsBetter: Bool, perSample: @escaping (Tensor, Tensor) throws -> Tensor) {
        self.name = name
        self.higherIsBetter = higherIsBetter
        self.perSample = perSample
    }

    /// A plain running mean fed with `add` (the loss tracker).
    public init(name: String) {
        self.name = name
        higherIsBetter = false
        perSample = nil
    }

    public func update(yTrue: Tensor, yPred: Tensor) throws {
        guard let perSample else { return }
        let values = try Autograd.withoutGradients { try perSample(yTrue, yPred) }
        total += try values.sum().item()
        count += Double(values.count)
    }

    /// Adds `value` with weight `weight` (e.g. a batch's mean loss weighted by its size).
    public func add(_ value: Double, weight: Double = 1) {
        total += value * weight
        count += weight
    }

    public func result() -> Double { count > 0 ? total / count : 0 }

    public func reset() {
        total = 0
        count = 0
    }
}

/// Precision or recall of binary predictions at threshold 0.5, from counts of true positives, false
/// positives and false negatives accumulated over the epoch.
public final class ConfusionMetric: Metric {
    public enum Kind { case precision, recall }
    public let name: String
    public let kind: Kind
    public let threshold: Double
    public var higherIsBetter: Bool { true }
    private var truePositives = 0.0, falsePositives = 0.0, falseNegatives = 0.0

    public init(_ kind: Kind, threshold: Double = 0.5, name: String? = nil) {
        self.kind = kind
        self.threshold = threshold
        self.name = name ?? (kind == .precision ? "precision" : "recall")
    }

    public func update(yTrue: Tensor, yPred: Tensor) throws {
        try requireBinaryTargets(yTrue, op: name)
        try Autograd.withoutGradients {
            let (t, p) = try Loss.alignRanks(yTrue.float(), yPred, op: name)
            let predicted = try p.gt(threshold).float(), actual = try t.gt(0.5).float()
            truePositives += try (predicted * actual).sum().item()
            falsePositives += try (predicted * (1 - actual)).sum().item()
            falseNegatives += try ((1 - predicted) * actual).sum().item()
        }
    }

    public func result() -> Double {
        let denominator = kind == .precision ? truePositives + falsePositives : truePositives + falseNegatives
        return denominator > 0 ? truePositives / denominator : 0
    }

    public func reset() { truePositives = 0; falsePositives = 0; falseNegatives = 0 }
}

/// The coefficient of determination 1 − SS_res / SS_tot per output column, averaged over the columns
/// (Keras' R2Score with uniform averaging), from sums accumulated over the epoch.
public final class R2Score: Metric {
    public let name: String
    public var higherIsBetter: Bool { true }
    private var sum: [Double] = [], sumOfSquares: [Double] = [], residual: [Double] = []
    private var count = 0.0

    public init(name: String = "r2_score") { self.name = name }

    public func update(yTrue: Tensor, yPred: Tensor) throws {
        try Autograd.withoutGradients {
            var (t, p) = try Loss.alignRanks(yTrue.float(), yPred, op: name)
            if t.rank == 1 { t = try t.unsqueeze(1); p = try p.unsqueeze(1) }
            guard t.rank == 2 else { throw NNError(name, .shape, "expects predictions of shape (batch, outputs), got \(yPred.shape)") }
            let columns = t.shape[1]
            if sum.isEmpty { sum = Array(repeating: 0, count: columns); sumOfSquares = sum; residual = sum }
            guard sum.count == columns else { throw NNError(name, .shape, "the number of outputs changed from \(sum.count) to \(columns)") }
            let s = try t.sum(0).toArray(Float.self), s2 = try t.pow(2).sum(0).toArray(Float.self)
            let r = try (t - p).pow(2).sum(0).toArray(Float.self)
            for c in 0..<columns { sum[c] += Double(s[c]); sumOfSquares[c] += Double(s2[c]); residual[c] += Double(r[c]) }
            count += Double(t.shape[0])
        }
    }

    public func result() -> Double {
        guard count > 0, !sum.isEmpty else { return 0 }
        var total = 0.0
        for c in sum.indices {
            let mean = sum[c] / count
            let totalSquares = sumOfSquares[c] - count * mean * mean
            total += totalSquares > 0 ? 1 - residual[c] / totalSquares : 0
        }
        return total / Double(sum.count)
    }

    public func reset() { sum = []; sumOfSquares = []; residual = []; count = 0 }
}
