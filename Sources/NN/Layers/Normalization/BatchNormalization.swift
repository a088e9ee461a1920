import Tensors

/// Normalizes each channel (the last axis) by batch statistics while training and by moving averages
/// otherwise. Weights gamma, beta (trainable) and moving_mean, moving_variance (non-trainable), as Keras.
public final class BatchNormalization: Layer {
    public struct Options: LayerOptions {
        public var momentum = 0.99
        public var epsilon = 1e-3
        public var center = true
        public var scale = true
        public var betaInitializer: Initializer = .zeros
        public var gammaInitializer: Initializer = .ones
        public var movingMeanInitializer: Initializer = .zeros
        public var movingVarianceInitializer: Initializer = .ones
        public init() {}
    }

    public let options: Options
    public private(set) var gamma: Weight?, beta: Weight?, movingMean: Weight?, movingVariance: Weight?

    public init(options: Options = Options(), name: String? = nil) throws {
        guard options.momentum >= 0, options.momentum <= 1 else {
            throw NNError("BatchNormalization", .value, "option 'momentum' must lie in [0, 1], got \(OptionForms.luaText(.number(options.momentum)))")
        }
        guard options.epsilon > 0 else {
            throw NNError("BatchNormalization", .value, "option 'epsilon' must be positive, got \(OptionForms.luaText(.number(options.epsilon)))")
        }
        self.options = options
        try super.init(name: name)
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        guard inputShapes[0].rank >= 2, let channels = inputShapes[0][-1] else {
            throw shapeError("expected an input of rank ≥ 2 with known channels (last axis), got \(inputShapes[0])")
        }
        if options.scale { gamma = try addWeight("gamma", shape: [channels], initializer: options.gammaInitializer) }
        if options.center { beta = try addWeight("beta", shape: [channels], initializer: options.betaInitializer) }
        movingMean = try addWeight("moving_mean", shape: [channels], initializer: options.movingMeanInitializer, trainable: false)
        movingVariance = try addWeight("moving_variance", shape: [channels], initializer: options.movingVarianceInitializer, trainable: false)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let channels = movingMean?.shape[0]
        guard inputShapes[0].rank >= 2, inputShapes[0][-1] == channels else {
            throw shapeError("expected \(channels.map(String.init) ?? "known") channels on the last axis, got shape \(inputShapes[0])")
        }
        return inputShapes
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        guard let movingMean, let movingVariance else { throw NNError(label, .usage, "the layer is not built") }
        // A frozen layer runs in inference mode, as in Keras.
        guard training && trainable else {
            return [try Functional.batchNormInference(inputs[0], mean: movingMean.value, variance: movingVariance.value,
                                                          gamma: gamma?.value, beta: beta?.value, epsilon: options.epsilon)]
        }
        let batch = try Functional.batchNormTraining(inputs[0], gamma: gamma?.value, beta: beta?.value, epsilon: options.epsilon)
        // moving = moving · momentum + batch · (1 − momentum)
        try Autograd.withoutGradients {
            try movingMean.value.lerp_(batch.mean.detach(), weight: 1 - options.momentum)
            try movingVariance.value.lerp_(batch.variance.detach(), weight: 1 - options.momentum)
        }
        return [batch.output]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["axis"] = .number(-1)
        return config
    }
}
