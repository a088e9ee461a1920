import CheckedArithmetic
import Tensors

/// How a loss turns per-sample values into the number returned.
public enum LossReduction: String, Sendable, CaseIterable {
    /// The per-sample values (the predictions' shape without the last axis).
    case none
    /// Their mean (Keras' "sum_over_batch_size", its default).
    case mean
    /// Their sum.
    case sum
}

extension Functional {
    /// Keras' epsilon for clipping probabilities.
    public static let lossEpsilon = 1e-7

    /// Mean squared error over the last axis.
    public static func meanSquaredError(_ yTrue: Tensor, _ yPred: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try checkPair("meanSquaredError", yTrue, yPred)
        let d = try yPred - yTrue
        return try reduce((d * d).mean(-1), reduction)
    }

    /// Mean absolute error over the last axis.
    public static func meanAbsoluteError(_ yTrue: Tensor, _ yPred: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try checkPair("meanAbsoluteError", yTrue, yPred)
        return try reduce((yPred - yTrue).abs().mean(-1), reduction)
    }

    /// Huber loss over the last axis: ½d² where |d| ≤ delta, delta·(|d| − ½delta) beyond.
    public static func huber(_ yTrue: Tensor, _ yPred: Tensor, delta: Double = 1, reduction: LossReduction = .mean) throws -> Tensor {
        try checkPair("huber", yTrue, yPred)
        guard delta > 0 else { throw TensorError("huber", .value, "delta must be positive, got \(delta)") }
        let magnitude = try (yPred - yTrue).abs()
        let quadratic = try magnitude.minimum(delta)
        let loss = try quadratic * quadratic * 0.5 + (magnitude - quadratic) * delta
        return try reduce(loss.mean(-1), reduction)
    }

    /// Binary cross-entropy averaged over the last axis. Probabilities are clipped to [ε, 1 − ε] as Keras
    /// does; from logits (`fromLogits`, or the scores a layer's sigmoid made the predictions from, as Keras)
    /// it is computed stably as softplus(x) − x·y. Label smoothing moves the
    /// targets towards ½.
    public static func binaryCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool = false, labelSmoothing: Double = 0,
                                          reduction: LossReduction = .mean) throws -> Tensor {
        let op = "binaryCrossentropy"
        try checkPair(op, yTrue, yPred)
        try requireBinaryTargets(yTrue, op: "binary_crossentropy")
        let target = try smoothed(op, yTrue.to(.float32), labelSmoothing) { try $0 * (1 - labelSmoothing) + 0.5 * labelSmoothing }
        let loss: Tensor
        if !fromLogits, let logits = scores(of: yPred, .sigmoid) {
            loss = try logits.softplus() - logits * target
        } else if fromLogits {
            loss = try yPred.softplus() - yPred * target
        } else {
            let p = try yPred.clamp(min: lossEpsilon, max: 1 - lossEpsilon)
            loss = try (target * p.log() + (1 - target) * (1 - p).log()).neg()
        }
        return try reduce(loss.mean(-1), reduction)
    }

    /// Categorical cross-entropy over the last axis with one-hot (or soft) targets. Probabilities are
    /// rescaled to sum to 1 and clipped to [ε, 1 − ε] as Keras does; from logits (`fromLogits`, or the
    /// scores a layer's softmax made the predictions from, as Keras) one fused kernel does it.
    /// Label smoothing mixes the targets with the uniform distribution.
    public static func categoricalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool = false,
                                               labelSmoothing: Double = 0, reduction: LossReduction = .mean) throws -> Tensor {
        let op = "categoricalCrossentropy"
        try checkPair(op, yTrue, yPred)
        guard yPred.rank >= 1 else { throw TensorError(op, .shape, "needs predictions with a class axis, got a scalar") }
        let classes = Double(yPred.shape[yPred.rank - 1])
        let target = try smoothed(op, yTrue.to(.float32), labelSmoothing) { try $0 * (1 - labelSmoothing) + labelSmoothing / classes }
        if !target.requiresGrad, let logits = fromLogits ? yPred : scores(of: yPred, .softmax) {
            let perRow = try softmaxCrossentropy(logits.reshape([-1, Int(classes)]), targets: target.reshape([-1, Int(classes)]),
                                                 probabilities: fromLogits ? nil : yPred.reshape([-1, Int(classes)]))
            return try reduce(perRow.reshape(Array(yPred.shape.array.dropLast())), reduction)
        }
        let logProbabilities: Tensor
        if fromLogits {
            logProbabilities = try yPred.logSoftmax(-1)
        } else {
            let p = try yPred / yPred.sum(dims: [-1], keepDims: true)
            logProbabilities = try p.clamp(min: lossEpsilon, max: 1 - lossEpsilon).log()
        }
        return try reduce((target * logProbabilities).sum(-1).neg(), reduction)
    }

    /// Cross-entropy with integer class labels (the predictions' shape without the class axis). With
    /// `fromLogits` a fused kernel computes log-softmax, the loss and its gradient in one pass per row;
    /// probabilities are rescaled to sum to 1 and clipped as Keras does.
    public static func sparseCategoricalCrossentropy(_ labels: Tensor, _ yPred: Tensor, fromLogits: Bool = false,
                                                     reduction: LossReduction = .mean) throws -> Tensor {
        let op = "sparseCategoricalCrossentropy"
        try requireFloat(yPred, op, "predictions")
        guard labels.dtype != .float32 else {
            throw TensorError(op, .dtype, "labels must be integers (class numbers from 0), got float32; convert with long(), or use categoricalCrossentropy for one-hot targets")
        }
        guard yPred.rank >= 1, labels.shape.array == Array(yPred.shape.array.dropLast()) else {
            throw TensorError(op, .shape, "labels of shape \(labels.shape) do not match predictions of shape \(yPred.shape) (expected the predictions' shape without its last, class axis)")
        }
        let classes = yPred.shape[yPred.rank - 1]
        let flatLabels = try labels.to(.int64).reshape([-1])
        if flatLabels.count > 0 {
            let low = try flatLabels.min().item(), high = try flatLabels.max().item()
            guard low >= 0, high < Double(classes) else {
                let label = low < 0 ? low : high
                throw TensorError(op, .index, "label \(CheckedSize.integer(label).map(String.init) ?? "\(label)") is out of range for \(classes) classes (labels count from 0)")
            }
        }
        let perSample: Tensor
        if let logits = fromLogits ? yPred : scores(of: yPred, .softmax) {
            perSample = try sparseSoftmaxCrossentropy(logits.reshape([-1, classes]), labels: flatLabels,
                                                      probabilities: fromLogits ? nil : yPred.reshape([-1, classes]))
                .reshape(labels.shape.array)
        } else {
            let p = try yPred / yPred.sum(dims: [-1], keepDims: true)
            let logP = try p.clamp(min: lossEpsilon, max: 1 - lossEpsilon).log().reshape([-1, classes])
            let picked = try logP.gather(1, index: flatLabels.unsqueeze(1)).squeeze(1)
            perSample = try (logP.logsumexp(dims: [1]) - picked).reshape(labels.shape.array)
        }
        return try reduce(perSample, reduction)
    }

    /// Kullback–Leibler divergence Σ y·log(y / ŷ) over the last axis, both clipped to [ε, 1] as Keras does.
    public static func klDivergence(_ yTrue: Tensor, _ yPred: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try checkPair("klDivergence", yTrue, yPred)
        let t = try yTrue.to(.float32).clamp(min: lossEpsilon, max: 1), p = try yPred.clamp(min: lossEpsilon, max: 1)
        return try reduce((t * (t / p).log()).sum(-1), reduction)
    }

    /// Keras' cosine similarity loss: −Σ normalize(y)·normalize(ŷ) over the last axis (−1 when aligned),
    /// each vector divided by its norm (at least 1e-6, Keras' l2_normalize floor of 1e-12 on the square).
    public static func cosineSimilarity(_ yTrue: Tensor, _ yPred: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try checkPair("cosineSimilarity", yTrue, yPred)
        func normalized(_ v: Tensor) throws -> Tensor {
            try v * (v * v).sum(dims: [-1], keepDims: true).clamp(min: 1e-12).rsqrt()
        }
        return try reduce((normalized(yTrue.to(.float32)) * normalized(yPred)).sum(-1).neg(), reduction)
    }

    /// The scores `probabilities` came from when a layer's softmax (over the last axis) or sigmoid made them.
    private static func scores(of probabilities: Tensor, _ kind: ActivationLogits.Kind) -> Tensor? {
        guard let logits = probabilities.activationLogits, logits.kind == kind,
              logits.scores.shape == probabilities.shape else { return nil }
        return logits.scores
    }

    private static func checkPair(_ op: String, _ yTrue: Tensor, _ yPred: Tensor) throws {
        try requireFloat(yPred, op, "predictions")
        guard yTrue.shape == yPred.shape else {
            throw TensorError(op, .shape, "targets of shape \(yTrue.shape) do not match predictions of shape \(yPred.shape)")
        }
        guard yPred.rank >= 1 else { throw TensorError(op, .shape, "needs predictions of rank at least 1 (the last axis is averaged), got a scalar") }
    }

    private static func smoothed(_ op: String, _ target: Tensor, _ amount: Double, _ apply: (Tensor) throws -> Tensor) throws -> Tensor {
        guard amount >= 0, amount <= 1 else { throw TensorError(op, .value, "label smoothing must lie in [0, 1], got \(amount)") }
        return amount == 0 ? target : try apply(target)
    }

    private static func reduce(_ perSample: Tensor, _ reduction: LossReduction) throws -> Tensor {
        switch reduction {
        case .none: perSample
        case .mean: try perSample.mean()
        case .sum: try perSample.sum()
        }
    }
}
