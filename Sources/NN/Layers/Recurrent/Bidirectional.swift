import Tensors

/// Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges the two
/// outputs: `concat` (default), `sum`, `mul`, `ave`, or `none` (two outputs). The directions are new
/// layers named `forward_<name>` and `backward_<name>`, as in Keras.
public final class Bidirectional: Layer {
    public enum MergeMode: String, Codable, Sendable, CaseIterable { case concat, sum, mul, ave, none }

    public let forwardLayer: Recurrent
    public let backwardLayer: Recurrent
    public let mergeMode: MergeMode

    public init(_ layer: Recurrent, mergeMode: MergeMode = .concat, name: String? = nil) throws {
        forwardLayer = try layer.copy(name: "forward_" + layer.name, goBackwards: layer.options.goBackwards)
        backwardLayer = try layer.copy(name: "backward_" + layer.name, goBackwards: !layer.options.goBackwards)
        self.mergeMode = mergeMode
        try super.init(name: name)
    }

    public override var sublayers: [Layer] { [forwardLayer, backwardLayer] }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        try forwardLayer.buildIfNeeded(inputShapes)
        try backwardLayer.buildIfNeeded(inputShapes)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let forward = try forwardLayer.outputShapes(for: inputShapes)
        let states = Array(forward.dropFirst())
        let main = forward[0]
        switch mergeMode {
        case .concat:
            var dims = main.dims
            dims[dims.count - 1] = dims[dims.count - 1].map { $0 * 2 }
            return [SymbolicShape(dims)] + states + states
        case .none: return [main, main] + states + states
        default: return [main] + states + states
        }
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let forward = try forwardLayer.forward(inputs, training: training)
        let backward = try backwardLayer.forward(inputs, training: training)
        var b = backward[0]
        // The backward direction's sequence comes out last step first; put it in time order.
        if forwardLayer.options.returnSequences { b = try b.flip([1]) }
        let f = forward[0]
        let merged: [Tensor]
        switch mergeMode {
        case .concat: merged = [try Tensor.concat([f, b], dim: -1)]
        case .sum: merged = [try f + b]
        case .mul: merged = [try f * b]
        case .ave: merged = [try (f + b) * 0.5]
        case .none: merged = [f, b]
        }
        return merged + forward.dropFirst() + backward.dropFirst()
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["merge_mode": .string(mergeMode.rawValue),
         "layer": .object(["class_name": .string(forwardLayer.typeName), "config": .object(try forwardLayer.config())])]
    }

    static func fromConfig(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        // The saved inner layer is the forward direction; rebuild the layer it was copied from.
        var inner = config["layer"]?.objectValue ?? [:]
        if var innerConfig = inner["config"]?.objectValue, let name = innerConfig["name"]?.stringValue, name.hasPrefix("forward_") {
            innerConfig["name"] = .string(String(name.dropFirst("forward_".count)))
            inner["config"] = .object(innerConfig)
        }
        guard let layer = try LayerRegistry.layer(from: inner, context: context) as? Recurrent else {
            throw NNError("Bidirectional", .value, "the configuration needs a recurrent 'layer'")
        }
        let mode = MergeMode(rawValue: config["merge_mode"]?.stringValue ?? "concat") ?? .concat
        return try Bidirectional(layer, mergeMode: mode, name: config["name"]?.stringValue)
    }
}
