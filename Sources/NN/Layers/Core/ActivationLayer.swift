import Tensors

/// Applies an activation function: Keras' `Activation("relu")` layer (named ActivationLayer in Swift, as
/// `Activation` is the functional ops' enum of activation names; summaries and saved models say
/// `Activation`).
public final class ActivationLayer: Layer {
    public let activation: ActivationFunction

    public init(_ activation: ActivationFunction, name: String? = nil) throws {
        self.activation = activation
        try super.init(name: name)
    }

    public override var typeName: String { "Activation" }
    override class func autoNamePrefix(_ typeName: String) -> String { "activation" }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try activation(inputs[0])]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        try ConfigCoding.encode(["activation": activation], op: label)
    }

    static func fromConfig(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let decoded = try ConfigCoding.decode([String: ActivationFunction].self, from: config.filter { $0.key == "activation" }, op: "Activation",
                                              context: context)
        return try ActivationLayer(decoded["activation"] ?? .linear, name: config["name"]?.stringValue)
    }
}
