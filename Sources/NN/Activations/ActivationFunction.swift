import Tensors

/// An activation function, by Keras' name (`"relu"`, `"softmax"`...) or a custom closure. Layers
/// apply it after their main computation; saved configurations store the name.
public struct ActivationFunction: CustomStringConvertible {
    public let name: String
    private let custom: ((Tensor) throws -> Tensor)?

    /// The names Keras uses (swish and silu are the same function).
    public static let knownNames = ["linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu",
                                    "leaky_relu", "softplus", "softsign", "swish", "silu", "gelu", "exponential"]

    /// The activation called `name`; `nil` and `"linear"` mean none.
    public init(named name: String) throws {
        let key = name.lowercased()
        guard ActivationFunction.knownNames.contains(key) else {
            throw NNError("activation", .value, "unknown activation '\(name)'; known: \(ActivationFunction.knownNames.joined(separator: ", "))")
        }
        self.name = key
        custom = nil
    }

    /// A function written by the user (a Lua function through the binding). Models using it can be
    /// saved with their weights, but loading the architecture needs the function again.
    public static func custom(name: String, _ function: @escaping (Tensor) throws -> Tensor) -> ActivationFunction {
        ActivationFunction(name: name, custom: function)
    }

    private init(name: String, custom: ((Tensor) throws -> Tensor)?) {
        self.name = name
        self.custom = custom
    }

    public static var linear: ActivationFunction { ActivationFunction(name: "linear", custom: nil) }
    public static var relu: ActivationFunction { ActivationFunction(name: "relu", custom: nil) }
    public static var sigmoid: ActivationFunction { ActivationFunction(name: "sigmoid", custom: nil) }
    public static var tanh: ActivationFunction { ActivationFunction(name: "tanh", custom: nil) }
    public static var softmax: ActivationFunction { ActivationFunction(name: "softmax", custom: nil) }

    public var isLinear: Bool { custom == nil && name == "linear" }
    public var isCustom: Bool { custom != nil }
    public var description: String { name }

    /// Applies the function (softmax over the last axis, as Keras).
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        if let custom { return try custom(x) }
        switch name {
        case "relu": return try x.relu()
        case "sigmoid": return try x.sigmoid()
        case "tanh": return try x.tanh()
        case "softmax": return try x.softmax(-1)
        case "elu": return try x.elu(alpha: 1)
        case "selu": return try InterimActivations.selu(x)
        // Keras' leaky_relu activation uses slope 0.2 (the LeakyReLU layer's default is 0.3).
        case "leaky_relu": return try x.leakyRelu(slope: 0.2)
        case "softplus": return try x.softplus()
        case "softsign": return try x / (x.abs() + 1)
        case "swish", "silu": return try InterimActivations.swish(x)
        case "gelu": return try InterimActivations.gelu(x)
        case "exponential": return try x.exp()
        default: return x
        }
    }
}

/// Custom functions available while a saved model is rebuilt (see `withCustomFunctions`). Loading
/// models on several threads at once is not supported.
nonisolated(unsafe) private var customFunctionsWhileLoading: [String: (Tensor) throws -> Tensor] = [:]

/// Saved as the name. A custom function is saved by its name too; loading finds it among the functions
/// given to `NN.load`, or fails with a message saying so.
extension ActivationFunction: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = container.decodeNil() ? "linear" : try container.decode(String.self)
        if ActivationFunction.knownNames.contains(name.lowercased()) {
            try self.init(named: name)
        } else if let function = customFunctionsWhileLoading[name] {
            self = .custom(name: name, function)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "the activation '\(name)' is not a Keras activation; if it is a custom function, pass it when loading (functions: [\"\(name)\": f])")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Runs `body` with `functions` available to decoding by name.
    static func withCustomFunctions<R>(_ functions: [String: (Tensor) throws -> Tensor], _ body: () throws -> R) rethrows -> R {
        let previous = customFunctionsWhileLoading
        customFunctionsWhileLoading.merge(functions) { $1 }
        defer { customFunctionsWhileLoading = previous }
        return try body()
    }
}
