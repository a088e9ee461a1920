import Tensors

/// Applies an activation function (Keras' `Activation("relu")`).
public final class Activation: Layer {
    public let activation: ActivationFunction

    public init(_ activation: ActivationFunction, name: String? = nil) throws {
        self.activation = activation
        try super.init(name: name)
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try activation(inputs[0])]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        try ConfigCoding.encode(["activation": activation], op: label)
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        let decoded = try ConfigCoding.decode([String: ActivationFunction].self, from: config.filter { $0.key == "activation" }, op: "Activation")
        return try Activation(decoded["activation"] ?? .linear, name: config["name"]?.stringValue)
    }
}
