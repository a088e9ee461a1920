import Tensors

/// What `compile` sets: the optimizer, one loss per output (or one for all) and the metrics.
struct CompiledSetup {
    var optimizer: Optimizer
    var losses: [Loss]
    var metrics: [MetricSpec]
}

extension Model {
    /// Prepares the model for `fit` and `evaluate` (Keras' `compile`). `losses` has one loss for all
    /// outputs or one per output; it may be empty for training with a custom `trainStep` (the VAE case).
    public func compile(optimizer: Optimizer, losses: [Loss], metrics: [MetricSpec] = []) throws {
        for metric in metrics { try metric.validate() }
        if hasGraph, losses.count > 1, losses.count != graphOutputs.count {
            throw NNError("compile", .value, "got \(losses.count) losses for a model with \(graphOutputs.count) outputs; give one loss, or one per output")
        }
        compiled = CompiledSetup(optimizer: optimizer, losses: losses, metrics: metrics)
    }

    /// `compile(optimizer: adam, loss: Loss(named: "mse"))`.
    public func compile(optimizer: Optimizer, loss: Loss? = nil, metrics: [MetricSpec] = []) throws {
        try compile(optimizer: optimizer, losses: loss.map { [$0] } ?? [], metrics: metrics)
    }

    /// `compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"])`: Keras'
    /// optimizer and loss by name, with their defaults.
    public func compile(optimizer: String, loss: String? = nil, metrics: [String] = []) throws {
        try compile(optimizer: Optimizer.named(optimizer), loss: loss.map { try Loss(named: $0) },
                    metrics: metrics.map { .named($0) })
    }

    /// The optimizer set by `compile`.
    public var optimizer: Optimizer? { compiled?.optimizer }

    func requireCompiled(_ op: String) throws -> CompiledSetup {
        guard let compiled else {
            throw NNError(op, .usage, "the model must be compiled first", suggestion: .compileFirst)
        }
        return compiled
    }
}
