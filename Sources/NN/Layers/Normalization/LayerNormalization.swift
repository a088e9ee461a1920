import Tensors

/// Normalizes each sample over its last axis, then scales by gamma and shifts by beta.
public final class LayerNormalization: Layer {
    public struct Options: LayerOptions {
        public var epsilon = 1e-3
        public var center = true
        public var scale = true
        public var betaInitializer: Initializer = .zeros
        public var gammaInitializer: Initializer = .ones
        public init() {}
    }

    public let options: Options
    public private(set) var gamma: Weight?, beta: Weight?

    public init(options: Options = Options(), name: String? = nil) throws {
        guard options.epsilon > 0 else { throw NNError("LayerNormalization", .value, "epsilon must be positive, got \(options.epsilon)") }
        self.options = options
        try super.init(name: name)
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        guard inputShapes[0].rank >= 2, let features = inputShapes[0][-1] else {
            throw shapeError("expected an input of rank ≥ 2 with a known last axis, got \(inputShapes[0])")
        }
        if options.scale { gamma = try addWeight("gamma", shape: [features], initializer: options.gammaInitializer) }
        if options.center { beta = try addWeight("beta", shape: [features], initializer: options.betaInitializer) }
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let features = (gamma ?? beta)?.shape[0]
        guard inputShapes[0].rank >= 2, features == nil || inputShapes[0][-1] == features else {
            throw shapeError("expected \(features.map(String.init) ?? "known") features on the last axis, got shape \(inputShapes[0])")
        }
        return inputShapes
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try Functional.layerNorm(inputs[0], gamma: gamma?.value, beta: beta?.value, axes: 1, epsilon: options.epsilon)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["axis"] = .number(-1)
        return config
    }
}
