import Tensors

/// The activation functions a Keras layer can name, applied by `Functional.activate`. Elementwise ones
/// run as Tensors kernels; softmax and log-softmax work on the last axis.
public enum Activation: String, Sendable, CaseIterable {
    case linear, relu, relu6, sigmoid, tanh, softmax, logSoftmax = "log_softmax", selu, elu, gelu
    case swish, silu, hardSigmoid = "hard_sigmoid", leakyRelu = "leaky_relu", softplus, softsign, exponential

    /// The activation Keras calls `name` (`"relu"`, `"hard_sigmoid"`...), or nil for a name Keras does
    /// not have here.
    public init?(kerasName name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// The convolution kernels apply these in place while writing their output.
    var fused: FusedActivation? {
        switch self {
        case .linear: .linear
        case .relu: .relu
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        default: nil
        }
    }
}

extension Functional {
    /// Applies `activation` with Keras' defaults (leaky ReLU slope 0.2 as keras.activations.leaky_relu,
    /// ELU alpha 1, exact GELU).
    public static func activate(_ x: Tensor, _ activation: Activation) throws -> Tensor {
        switch activation {
        case .linear: x
        case .relu: try x.relu()
        case .relu6: try x.clamp(min: 0, max: 6)
        case .sigmoid: try withLogits(x.sigmoid(), .sigmoid, x)
        case .tanh: try x.tanh()
        case .softmax: try withLogits(softmax(x), .softmax, x)
        case .logSoftmax: try x.logSoftmax(-1)
        case .selu: try x.selu()
        case .elu: try x.elu(alpha: 1)
        case .gelu: try x.gelu()
        case .swish, .silu: try x.silu()
        case .hardSigmoid: try x.hardSigmoid()
        case .leakyRelu: try leakyRelu(x)
        case .softplus: try x.softplus()
        case .softsign: try x / (x.abs() + 1)
        case .exponential: try x.exp()
        }
    }

    /// `probabilities`, remembering the scores they came from for the cross-entropies.
    private static func withLogits(_ probabilities: Tensor, _ kind: ActivationLogits.Kind, _ scores: Tensor) -> Tensor {
        probabilities.activationLogits = ActivationLogits(kind, scores: scores)
        return probabilities
    }

    /// Softmax along `axis` (the last by default, as Keras).
    public static func softmax(_ x: Tensor, axis: Int = -1) throws -> Tensor {
        guard x.rank >= 1 else { throw TensorError("softmax", .shape, "needs a tensor of rank at least 1, got a scalar") }
        return try x.softmax(axis)
    }

    /// x for x > 0, negativeSlope·x otherwise. Keras' function `leaky_relu` defaults to 0.2; its layer
    /// `LeakyReLU` defaults to 0.3 (the layer passes its own).
    public static func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.2) throws -> Tensor {
        guard negativeSlope >= 0 else { throw TensorError("leakyRelu", .value, "the negative slope must not be negative, got \(negativeSlope)") }
        return try x.leakyRelu(slope: negativeSlope)
    }
}
