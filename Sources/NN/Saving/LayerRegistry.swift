import Foundation
import Tensors

/// What building a layer needs besides its configuration: the functions of Lambda layers and custom
/// activations, which cannot be saved, by layer or activation name. Decoders carry it in their
/// `userInfo[.loadContext]` (unchecked: decoding runs on the thread that loads, as its functions must).
struct LoadContext: @unchecked Sendable {
    var functions: [String: (Tensor) throws -> Tensor] = [:]
    /// Whether a saved model is being loaded (a missing function is then asked for again).
    var isLoading = false
}

extension CodingUserInfoKey {
    static let loadContext = CodingUserInfoKey(rawValue: "NN.LoadContext")!
}

/// Rebuilds layers and models from their saved configurations (`{"class_name": ..., "config": ...}`).
enum LayerRegistry {
    typealias Factory = ([String: JSONValue], LoadContext) throws -> Layer

    /// The layers of `LayerKind.all`, and those a user does not build from options alone.
    nonisolated(unsafe) static let factories: [String: Factory] = Dictionary(uniqueKeysWithValues: LayerKind.all.map { ($0.className, $0.make) })
        .merging(special) { $1 }

    // Immutable after initialization.
    nonisolated(unsafe) private static let special: [String: Factory] = [
        "InputLayer": { c, _ in try InputLayer.fromConfig(c) },
        "Bidirectional": { c, context in try Bidirectional.fromConfig(c, context) },
        "Lambda": { c, context in try lambda(c, context) },
        "Sequential": { c, context in try sequential(c, context) },
        "Functional": { c, context in try functional(c, context) },
    ]

    /// `{"class_name": "Dense", "config": {...}}` → a new layer.
    static func layer(from description: [String: JSONValue], context: LoadContext = LoadContext()) throws -> Layer {
        guard let className = description["class_name"]?.stringValue, let config = description["config"]?.objectValue else {
            throw NNError("load", .value, "a layer description needs 'class_name' and 'config'")
        }
        guard let factory = factories[className] else {
            throw NNError("load", .value, "unknown layer type '\(className)'")
        }
        return try factory(config, context)
    }

    /// The description of a layer for saving.
    static func describe(_ layer: Layer) throws -> [String: JSONValue] {
        ["class_name": .string(layer.typeName), "config": .object(try layer.config())]
    }

    private static func lambda(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let name = config["name"]?.stringValue ?? "lambda"
        guard let function = context.functions[name] else {
            throw NNError("load", .value, "the model has a Lambda layer '\(name)', whose function cannot be saved", suggestion: .functionWhenLoading(name: name))
        }
        let count = config["input_count"]?.intValue ?? 1
        guard count == 1 else {
            throw NNError("load", .value, "the Lambda layer '\(name)' takes \(count) inputs; rebuild it in code and use load_weights")
        }
        return try Lambda(function, name: name)
    }

    private static func sequential(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let model = try Sequential(name: config["name"]?.stringValue)
        for description in try layerEntries(config) {
            guard let object = description.objectValue else { throw NNError("load", .value, "a Sequential layer entry must be an object") }
            try model.add(try layer(from: object, context: context))
        }
        if let shape = config["build_input_shape"]?.arrayValue, !model.hasGraph {
            try model.buildIfNeeded([SymbolicShape(shape.map(\.intValue))])
        }
        model.trainable = config["trainable"]?.boolValue ?? true
        return model
    }

    /// The model's list of layer entries; absent means none, anything but a list is a damaged file.
    private static func layerEntries(_ config: [String: JSONValue]) throws -> [JSONValue] {
        guard let layers = config["layers"] else { return [] }
        guard let entries = layers.arrayValue else { throw NNError("load", .value, "the model's 'layers' must be a list of layer entries") }
        return entries
    }

    /// Rebuilds a functional model by replaying each layer's recorded calls once their inputs exist.
    private static func functional(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        struct Pending { let layer: Layer; let calls: [[[JSONValue]]] }
        var pending: [Pending] = []
        for entry in try layerEntries(config) {
            guard let object = entry.objectValue else { throw NNError("load", .value, "a layer entry must be an object") }
            let calls = (object["inbound_nodes"]?.arrayValue ?? []).map { $0.arrayValue?.map { $0.arrayValue ?? [] } ?? [] }
            pending.append(Pending(layer: try layer(from: object, context: context), calls: calls))
        }
        var tensors: [String: SymbolicTensor] = [:]
        func key(_ layer: String, _ node: Int, _ index: Int) -> String { "\(layer)#\(node)#\(index)" }
        var done = Array(repeating: 0, count: pending.count)
        for (i, entry) in pending.enumerated() {
            guard let input = entry.layer as? InputLayer else { continue }
            tensors[key(input.name, 0, 0)] = input.tensor
            done[i] = 1
        }
        var progress = true
        while progress {
            progress = false
            for (i, entry) in pending.enumerated() where !(entry.layer is InputLayer) && done[i] < entry.calls.count {
                let call = entry.calls[done[i]]
                let inputs = call.compactMap { reference -> SymbolicTensor? in
                    guard reference.count == 3, let name = reference[0].stringValue, let node = reference[1].intValue,
                          let index = reference[2].intValue else { return nil }
                    return tensors[key(name, node, index)]
                }
                guard inputs.count == call.count else { continue }
                for (index, output) in try entry.layer(inputs).enumerated() { tensors[key(entry.layer.name, done[i], index)] = output }
                done[i] += 1
                progress = true
            }
        }
        func resolve(_ list: String) throws -> [SymbolicTensor] {
            try (config[list]?.arrayValue ?? []).map { item in
                guard let r = item.arrayValue, r.count == 3, let name = r[0].stringValue, let node = r[1].intValue, let index = r[2].intValue,
                      let tensor = tensors[key(name, node, index)] else {
                    throw NNError("load", .value, "the model's \(list) refer to a tensor the saved graph does not produce")
                }
                return tensor
            }
        }
        let model = try Model(inputs: try resolve("input_layers"), outputs: try resolve("output_layers"), name: config["name"]?.stringValue)
        model.trainable = config["trainable"]?.boolValue ?? true
        return model
    }
}

extension NN {
    /// A new layer from Keras' class name and options (`"Dense"`, `{"units": 10, "activation": "relu"}`),
    /// as a binding receives them: options not given take Keras' defaults, and an unknown option is an
    /// error naming it. An activation that names one of `functions` is that function (a Lua function
    /// given as `activation`).
    public static func layer(className: String, config: [String: JSONValue],
                             functions: [String: (Tensor) throws -> Tensor] = [:]) throws -> Layer {
        guard let kind = LayerKind.named(className) else { throw NNError("layer", .value, "unknown layer type '\(className)'") }
        return try kind.make(config, LoadContext(functions: functions))
    }
}

extension Sequential {
    func sequentialConfig() throws -> [String: JSONValue] {
        var layers = try self.layers.map { JSONValue.object(try LayerRegistry.describe($0)) }
        if hasGraph, let input = graphInputs.first?.layer {
            layers.insert(.object(try LayerRegistry.describe(input)), at: 0)
        }
        return ["layers": .array(layers)]
    }
}

extension Model {
    /// Keras' functional configuration: each layer with the calls it makes (`inbound_nodes`, lists of
    /// [layer, node, tensor] references), and the model's input and output references.
    func functionalConfig() throws -> [String: JSONValue] {
        // A node's index here counts the calls of its layer inside this model.
        var nodeIndex: [ObjectIdentifier: Int] = [:]
        var callCount: [ObjectIdentifier: Int] = [:]
        for node in nodes {
            let layerID = ObjectIdentifier(node.layer)
            nodeIndex[ObjectIdentifier(node)] = callCount[layerID, default: 0]
            callCount[layerID, default: 0] += 1
        }
        func reference(_ tensor: SymbolicTensor) -> JSONValue {
            .array([.string(tensor.layer.name), .number(Double(nodeIndex[ObjectIdentifier(tensor.node)] ?? 0)), .number(Double(tensor.outputIndex))])
        }
        let layers = try self.layers.map { layer -> JSONValue in
            var description = try LayerRegistry.describe(layer)
            let calls = nodes.filter { $0.layer === layer && !($0.layer is InputLayer) }
            description["inbound_nodes"] = .array(calls.map { .array($0.inputs.map(reference)) })
            return .object(description)
        }
        return ["layers": .array(layers), "input_layers": .array(graphInputs.map(reference)),
                "output_layers": .array(graphOutputs.map(reference))]
    }
}
