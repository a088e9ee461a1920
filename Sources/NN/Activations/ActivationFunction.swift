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

/// Saved as the name. A custom function is saved by its name too; decoding finds it among the functions
/// of the decoder's `LoadContext` (`userInfo[.loadContext]`), or fails with a message saying so.
extension ActivationFunction: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = container.decodeNil() ? "linear" : try container.decode(String.self)
        let context = decoder.userInfo[.loadContext] as? LoadContext
        if let activation = Activation(kerasName: name) {
            self.init(activation)
        } else if let function = context?.functions[name] {
            self = .custom(name: name, function)
        } else {
            let known = "unknown activation '\(name)'; known: \(ActivationFunction.knownNames.joined(separator: ", "))"
            let error = context?.isLoading == true
                ? NNError("activation", .value, known + " (a custom activation function is not saved with the model)", suggestion: .functionWhenLoading(name: name))
                : NNError("activation", .value, known)
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
