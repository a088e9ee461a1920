import Tensors

/// An activation function, by Keras' name (`"relu"`, `"softmax"`...) or a custom closure. Layers
/// apply it after their main computation; saved configurations store the name.
public struct ActivationFunction: CustomStringConvertible {
    public let name: String
    /// The named function (`Functional.activate`), nil for a custom one.
    public let builtIn: Activation?
    private let custom: ((Tensor) throws -> Tensor)?

    /// The names Keras uses (swish and silu are the same function).
    public static let knownNames = Activation.allCases.map(\.rawValue)

    /// The activation called `name`; `"linear"` means none.
    public init(named name: String) throws {
        guard let activation = Activation(kerasName: name) else {
            throw NNError("activation", .value, "unknown activation '\(name)'; known: \(ActivationFunction.knownNames.joined(separator: ", "))")
        }
        self.init(activation)
    }

    public init(_ activation: Activation) {
        name = activation.rawValue
        builtIn = activation
        custom = nil
    }

    /// A function written by the user (a Lua function through the binding). Models using it can be
    /// saved with their weights, but loading the architecture needs the function again.
    public static func custom(name: String, _ function: @escaping (Tensor) throws -> Tensor) -> ActivationFunction {
        ActivationFunction(name: name, custom: function)
    }

    private init(name: String, custom: @escaping (Tensor) throws -> Tensor) {
        self.name = name
        builtIn = nil
        self.custom = custom
    }

    public static var linear: ActivationFunction { ActivationFunction(.linear) }
    public static var relu: ActivationFunction { ActivationFunction(.relu) }
    public static var sigmoid: ActivationFunction { ActivationFunction(.sigmoid) }
    public static var tanh: ActivationFunction { ActivationFunction(.tanh) }
    public static var softmax: ActivationFunction { ActivationFunction(.softmax) }

    public var isLinear: Bool { builtIn == .linear }
    public var isCustom: Bool { custom != nil }
    public var description: String { name }

    /// The activation a convolution kernel can apply while writing its output, if this is one.
    var fused: FusedActivation? { builtIn?.fused }

    /// Applies the function (softmax over the last axis, as Keras).
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        if let builtIn { return try Functional.activate(x, builtIn) }
        return try custom?(x) ?? x
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
        if let activation = Activation(kerasName: name) {
            self.init(activation)
        } else if let function = customFunctionsWhileLoading[name] {
            self = .custom(name: name, function)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown activation '\(name)'; known: \(ActivationFunction.knownNames.joined(separator: ", ")) (a model saved with a custom function as activation needs it again when loading: functions: [\"\(name)\": f])")
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
