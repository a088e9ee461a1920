import Tensors

/// Per-sample loss values with Keras' formulas and clipping (see Interim.swift): each takes labels and
/// predictions of one shape (batch, ..., k) and returns the mean or sum over the last axis, shape (batch, ...).
enum InterimLosses {
    /// Keras' backend epsilon.
    static let epsilon = 1e-7

    static func meanSquaredError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        try (yPred - yTrue).pow(2).mean(-1)
    }

    static func meanAbsoluteError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        try (yPred - yTrue).abs().mean(-1)
    }

    /// 0.5·e² where |e| ≤ delta, delta·(|e| − 0.5·delta) beyond.
    static func huber(_ yTrue: Tensor, _ yPred: Tensor, delta: Double) throws -> Tensor {
        let error = try (yPred - yTrue).abs()
        let quadratic = try error.clamp(max: delta)
        return try (quadratic.pow(2) * 0.5 + (error - quadratic) * delta).mean(-1)
    }

    static func binaryCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool) throws -> Tensor {
        if fromLogits {
            // max(x, 0) − x·z + log(1 + e^−|x|): no overflow for large |x|.
            return try (yPred.relu() - yPred * yTrue + yPred.abs().neg().exp().log1p()).mean(-1)
        }
        let p = try yPred.clamp(min: epsilon, max: 1 - epsilon)
        return try (yTrue * p.log() + (1 - yTrue) * (1 - p).log()).neg().mean(-1)
    }

    static func categoricalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool) throws -> Tensor {
        try (yTrue * logProbabilities(yPred, fromLogits: fromLogits)).sum(-1).neg()
    }

    /// Integer labels of shape (batch, ...) or (batch, ..., 1) against class scores (batch, ..., k).
    static func sparseCategoricalCrossentropy(_ labels: Tensor, _ yPred: Tensor, fromLogits: Bool) throws -> Tensor {
        var index = try labels.long()
        if index.rank == yPred.rank { index = try index.squeeze(-1) }
        let logP = try logProbabilities(yPred, fromLogits: fromLogits)
        return try logP.gather(-1, index: index.unsqueeze(-1)).squeeze(-1).neg()
    }

    /// log-probabilities along the last axis: log_softmax of logits, or the log of predictions
    /// normalized to sum 1 and clipped to [ε, 1 − ε] (Keras' treatment of probabilities).
    private static func logProbabilities(_ yPred: Tensor, fromLogits: Bool) throws -> Tensor {
        if fromLogits { return try yPred.logSoftmax(-1) }
        return try (yPred / yPred.sum(-1, keepDims: true)).clamp(min: epsilon, max: 1 - epsilon).log()
    }

    static func klDivergence(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let t = try yTrue.clamp(min: epsilon, max: 1), p = try yPred.clamp(min: epsilon, max: 1)
        return try (t * (t / p).log()).sum(-1)
    }

    /// −cos(yTrue, yPred) along the last axis (Keras' cosine_similarity loss).
    static func cosineSimilarity(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let t = try yTrue / yTrue.norm(dims: [-1], keepDims: true).clamp(min: 1e-12)
        let p = try yPred / yPred.norm(dims: [-1], keepDims: true).clamp(min: 1e-12)
        return try (t * p).sum(-1).neg()
    }
}
