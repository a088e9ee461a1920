import Tensors

/// One of Keras' optimizers as a user picks it: its names, what it does, its own hyperparameters
/// with Keras' defaults, and how it is built. The one list of optimizers: `Optimizer.named`, the
/// bindings' constructors and the reference all read it.
public struct OptimizerKind: Sendable {
    /// A hyperparameter of the optimizer's own (beyond the learning rate and the common ones).
    public struct Hyperparameter: Sendable {
        public enum Value: Sendable {
            case number(Double)
            case flag(Bool)
        }
        /// Keras' name (`beta_1`).
        public let key: String
        public let defaultValue: Value
        public let doc: String
    }

    /// Keras' class name (`Adam`).
    public let className: String
    /// The name `compile` takes (`adam`).
    public let name: String
    public let defaultLearningRate: Double
    public let summary: String
    public let hyperparameters: [Hyperparameter]
    /// Builds it from the learning rate and values of its hyperparameters (by key, defaults filled in).
    let build: @Sendable (Double, [String: Hyperparameter.Value], [Tensor]) throws -> Optimizer

    public static let all: [OptimizerKind] = [
        OptimizerKind(className: "Adam", name: "adam", defaultLearningRate: 0.001,
                      summary: "Adam: adaptive moments of the gradient (Keras' `Adam`).",
                      hyperparameters: adamHyperparameters) { rate, values, parameters in
            try Adam(learningRate: rate, beta1: values.number("beta_1"), beta2: values.number("beta_2"),
                     epsilon: values.number("epsilon"), amsgrad: values.flag("amsgrad"), parameters: parameters)
        },
        OptimizerKind(className: "SGD", name: "sgd", defaultLearningRate: 0.01,
                      summary: "Stochastic gradient descent, with optional momentum and Nesterov momentum (Keras' `SGD`).",
                      hyperparameters: [
                          .init(key: "momentum", defaultValue: .number(0), doc: "fraction of the previous update kept, in [0, 1]"),
                          .init(key: "nesterov", defaultValue: .flag(false), doc: "use Nesterov momentum"),
                      ]) { rate, values, parameters in
            try SGD(learningRate: rate, momentum: values.number("momentum"), nesterov: values.flag("nesterov"), parameters: parameters)
        },
        OptimizerKind(className: "RMSprop", name: "rmsprop", defaultLearningRate: 0.001,
                      summary: "RMSprop: steps scaled by a moving average of squared gradients (Keras' `RMSprop`, Keras' default optimizer).",
                      hyperparameters: [
                          .init(key: "rho", defaultValue: .number(0.9), doc: "decay of the moving average of squared gradients"),
                          .init(key: "momentum", defaultValue: .number(0), doc: "fraction of the previous update kept"),
                          .init(key: "epsilon", defaultValue: .number(1e-7), doc: "added to the denominator for stability"),
                          .init(key: "centered", defaultValue: .flag(false), doc: "divide by the variance instead of the second moment"),
                      ]) { rate, values, parameters in
            try RMSprop(learningRate: rate, rho: values.number("rho"), momentum: values.number("momentum"),
                        epsilon: values.number("epsilon"), centered: values.flag("centered"), parameters: parameters)
        },
        OptimizerKind(className: "Adagrad", name: "adagrad", defaultLearningRate: 0.001,
                      summary: "Adagrad: steps scaled by the sum of all squared gradients so far (Keras' `Adagrad`).",
                      hyperparameters: [
                          .init(key: "initial_accumulator_value", defaultValue: .number(0.1), doc: "starting value of the sums"),
                          .init(key: "epsilon", defaultValue: .number(1e-7), doc: "added to the denominator for stability"),
                      ]) { rate, values, parameters in
            try Adagrad(learningRate: rate, initialAccumulatorValue: values.number("initial_accumulator_value"),
                        epsilon: values.number("epsilon"), parameters: parameters)
        },
        OptimizerKind(className: "AdamW", name: "adamw", defaultLearningRate: 0.001,
                      summary: "Adam with decoupled weight decay (Keras' `AdamW`).",
                      hyperparameters: [.init(key: "weight_decay", defaultValue: .number(0.004), doc: "decay rate applied to the weights each step")]
                          + adamHyperparameters) { rate, values, parameters in
            try AdamW(learningRate: rate, weightDecay: values.number("weight_decay"), beta1: values.number("beta_1"),
                      beta2: values.number("beta_2"), epsilon: values.number("epsilon"), amsgrad: values.flag("amsgrad"),
                      parameters: parameters)
        },
    ]

    private static let adamHyperparameters: [Hyperparameter] = [
        .init(key: "beta_1", defaultValue: .number(0.9), doc: "decay of the first-moment estimate"),
        .init(key: "beta_2", defaultValue: .number(0.999), doc: "decay of the second-moment estimate"),
        .init(key: "epsilon", defaultValue: .number(1e-7), doc: "added to the denominator for stability"),
        .init(key: "amsgrad", defaultValue: .flag(false), doc: "use the maximum of past second moments (AMSGrad)"),
    ]

    /// The kind called `name` (either spelling, any case).
    public static func named(_ name: String) -> OptimizerKind? {
        all.first { $0.name == name.lowercased() || $0.className.lowercased() == name.lowercased() }
    }

    /// The optimizer with these hyperparameter values; those not given take Keras' defaults.
    public func make(learningRate: Double? = nil, _ given: [String: Hyperparameter.Value] = [:], parameters: [Tensor] = []) throws -> Optimizer {
        let values = defaults.merging(given) { _, new in new }
        return try build(learningRate ?? defaultLearningRate, values, parameters)
    }
}

extension OptimizerKind {
    /// Keras' default of the optimizer `name`'s hyperparameter `key` (`"learning_rate"` for its rate):
    /// the optimizers' initialisers take their default arguments from here.
    public static func defaultNumber(_ name: String, _ key: String) -> Double {
        guard let kind = named(name) else { preconditionFailure("no optimizer \(name)") }
        if key == "learning_rate" { return kind.defaultLearningRate }
        return kind.defaults.number(key)
    }

    public static func defaultFlag(_ name: String, _ key: String) -> Bool {
        guard let kind = named(name) else { preconditionFailure("no optimizer \(name)") }
        return kind.defaults.flag(key)
    }

    private var defaults: [String: Hyperparameter.Value] { Dictionary(uniqueKeysWithValues: hyperparameters.map { ($0.key, $0.defaultValue) }) }
}

private extension Dictionary where Key == String, Value == OptimizerKind.Hyperparameter.Value {
    func number(_ key: String) -> Double {
        if case .number(let value)? = self[key] { return value }
        preconditionFailure("hyperparameter \(key) is not a number")
    }

    func flag(_ key: String) -> Bool {
        if case .flag(let value)? = self[key] { return value }
        preconditionFailure("hyperparameter \(key) is not a flag")
    }
}
