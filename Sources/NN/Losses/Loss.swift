import Tensors

/// A loss: Keras' functions by name (`"categorical_crossentropy"`, `"mse"`...) or a custom closure, with
/// Keras' reduction (default: the mean over the batch of the per-sample values).
public struct Loss: CustomStringConvertible {
    public enum Reduction: String, Codable, Sendable, CaseIterable {
        /// Sum of the per-sample values divided by their number (Keras' default).
        case sumOverBatchSize = "sum_over_batch_size"
        case sum
        /// No reduction: the per-sample values.
        case none
    }

    public let name: String
    public var reduction: Reduction
    /// Labels and predictions → one value per sample.
    private let perSample: (Tensor, Tensor) throws -> Tensor
    /// Integer labels against class scores: no rank alignment of labels.
    private let sparseLabels: Bool
    public let isCustom: Bool

    public var description: String { name }

    /// Keras' defaults of the named losses' settings, the one place they are stated.
    public struct Defaults {
        public let fromLogits = false, labelSmoothing = 0.0, delta = 1.0, reduction = Reduction.sumOverBatchSize
        public init() {}
    }

    /// The names Keras knows, with their aliases.
    public static let knownNames = ["mean_squared_error (mse)", "mean_absolute_error (mae)", "huber", "binary_crossentropy",
                                    "categorical_crossentropy", "sparse_categorical_crossentropy", "kl_divergence (kld)",
                                    "cosine_similarity"]

    /// Keras' loss called `name`; `fromLogits` for the cross-entropies when predictions are raw scores,
    /// `labelSmoothing` for the binary and categorical cross-entropies, `delta` for huber (Keras' defaults
    /// 0 and 1; other losses ignore them).
    public init(named name: String, fromLogits: Bool = Defaults().fromLogits, labelSmoothing: Double = Defaults().labelSmoothing,
                delta: Double = Defaults().delta, reduction: Reduction = Defaults().reduction) throws {
        let key = name.lowercased()
        var sparse = false
        let function: (Tensor, Tensor) throws -> Tensor
        switch key {
        case "mse", "mean_squared_error": function = { try Functional.meanSquaredError($0, $1, reduction: .none) }
        case "mae", "mean_absolute_error": function = { try Functional.meanAbsoluteError($0, $1, reduction: .none) }
        case "huber", "huber_loss": function = { try Functional.huber($0, $1, delta: delta, reduction: .none) }
        case "binary_crossentropy", "bce":
            function = { try Functional.binaryCrossentropy($0, $1, fromLogits: fromLogits, labelSmoothing: labelSmoothing, reduction: .none) }
        case "categorical_crossentropy", "cce":
            function = { try Functional.categoricalCrossentropy($0, $1, fromLogits: fromLogits, labelSmoothing: labelSmoothing, reduction: .none) }
        case "sparse_categorical_crossentropy", "scce":
            sparse = true
            function = { try Functional.sparseCategoricalCrossentropy($0, $1, fromLogits: fromLogits, reduction: .none) }
        case "kl_divergence", "kld", "kullback_leibler_divergence": function = { try Functional.klDivergence($0, $1, reduction: .none) }
        case "cosine_similarity": function = { try Functional.cosineSimilarity($0, $1, reduction: .none) }
        default:
            throw NNError("loss", .value, "unknown loss '\(name)'; known: \(Loss.knownNames.joined(separator: ", "))")
        }
        self.name = key
        self.reduction = reduction
        perSample = function
        sparseLabels = sparse
        isCustom = false
    }

    /// A loss written by the user: `function(yTrue, yPred)` returns per-sample values or a scalar.
    public static func custom(name: String = "custom_loss", reduction: Reduction = .sumOverBatchSize,
                              _ function: @escaping (Tensor, Tensor) throws -> Tensor) -> Loss {
        Loss(name: name, reduction: reduction, perSample: function, sparseLabels: false, isCustom: true)
    }

    private init(name: String, reduction: Reduction, perSample: @escaping (Tensor, Tensor) throws -> Tensor,
                 sparseLabels: Bool, isCustom: Bool) {
        self.name = name
        self.reduction = reduction
        self.perSample = perSample
        self.sparseLabels = sparseLabels
        self.isCustom = isCustom
    }

    /// The reduced loss (a scalar unless the reduction is `none`).
    public func callAsFunction(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let values = try perSampleValues(yTrue, yPred)
        switch reduction {
        case .sumOverBatchSize: return values.rank == 0 ? values : try values.mean()
        case .sum: return try values.sum()
        case .none: return values
        }
    }

    /// The loss of each sample, before reduction.
    public func perSampleValues(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        guard yTrue.count > 0 || yPred.count > 0 else {
            throw NNError(name, .shape, "got empty labels and predictions")
        }
        if isCustom { return try perSample(yTrue, yPred) }
        if sparseLabels {
            guard yTrue.rank == yPred.rank - 1 || (yTrue.rank == yPred.rank && yTrue.shape.last == 1),
                  yTrue.shape.first == yPred.shape.first else {
                throw NNError(name, .shape, "expects integer labels of shape (batch) or (batch, 1) for predictions of shape \(yPred.shape), got labels of shape \(yTrue.shape)")
            }
            guard var labels = yTrue.dtype == .int64 ? yTrue : try yTrue.integerIds() else {
                throw NNError(name, .value, "labels must be whole class numbers (0, 1, 2...); the float labels given hold fractions or NaN")
            }
            if labels.rank == yPred.rank { labels = try labels.squeeze(-1) }
            return try perSample(labels, yPred)
        }
        let (t, p) = try Loss.alignRanks(yTrue.float(), yPred, op: name)
        return try perSample(t, p)
    }

    /// Labels and predictions of one shape; a missing or extra trailing dimension of size 1 is bridged as
    /// Keras does (labels (batch) against predictions (batch, 1)).
    static func alignRanks(_ yTrue: Tensor, _ yPred: Tensor, op: String) throws -> (Tensor, Tensor) {
        var t = yTrue
        if t.rank == yPred.rank - 1, yPred.shape.last == 1 { t = try t.unsqueeze(-1) }
        if t.rank == yPred.rank + 1, t.shape.last == 1 { t = try t.squeeze(-1) }
        guard t.shape == yPred.shape else {
            var message = "labels of shape \(yTrue.shape) do not match predictions of shape \(yPred.shape)"
            if yTrue.rank == yPred.rank - 1 || (yTrue.rank == yPred.rank && yTrue.shape.last == 1 && yPred.shape.last != 1) {
                message += "; for integer class labels use sparse_categorical_crossentropy, or one-hot encode them"
            }
            throw NNError(op, .shape, message)
        }
        return (t, yPred)
    }
}
