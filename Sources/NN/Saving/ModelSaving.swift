import FileSupport
import Foundation
import Tensors

/// Saving and loading. A model is saved as one safetensors file: the weights under their paths
/// (`dense/kernel`, `encoder/dense/kernel` for a nested model's layers) and the architecture as Keras-style
/// JSON in the header's `__metadata__` under `lunette_model` (`format` is `lunette`). Other tools read the
/// weights as usual; `NN.load` rebuilds the model from the JSON.
extension Model {
    static let configKey = "lunette_model"
    static let orderKey = "lunette_weight_order"

    /// The weights with the names they are saved under; each weight once (shared layers).
    public var namedWeights: [(name: String, weight: Weight)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(String, Weight)] = []
        func collect(_ layer: Layer, prefix: String) {
            for weight in layer.ownWeights where seen.insert(ObjectIdentifier(weight)).inserted {
                result.append((prefix + layer.name + "/" + weight.name, weight))
            }
            for sublayer in layer.sublayers { collect(sublayer, prefix: prefix + layer.name + "/") }
        }
        for layer in layers { collect(layer, prefix: "") }
        return result
    }

    private func checkBuilt(_ op: String) throws {
        guard hasGraph || layers.allSatisfy(\.isBuilt) else {
            throw NNError(op, .usage, "the model is not built yet, so it has no weights: start it with an Input, or call it on data first")
        }
    }

    /// Writes the weights only (atomically).
    public func saveWeights(_ path: String) throws {
        try checkBuilt("save_weights")
        let data = try SafeTensors.encode(namedWeights.map { ($0.name, $0.weight.value) },
                                          metadata: ["format": "lunette", Model.orderKey: try weightOrder()])
        try writeAtomically(data, to: path, op: "save_weights")
    }

    /// Reads weights written by `saveWeights` or `save` into this model; every weight must be present
    /// with its shape.
    public func loadWeights(_ path: String) throws {
        try checkBuilt("load_weights")
        let (tensors, metadata) = try SafeTensors.decode(try Model.read(path, op: "load_weights"), path: path)
        try assign(tensors, path: path, order: metadata[Model.orderKey])
    }

    /// The weights' names in `namedWeights` order, as JSON, saved so that a model of the same
    /// architecture whose layers are named otherwise can load the weights by position.
    private func weightOrder() throws -> String {
        try JSONValue.array(namedWeights.map { .string($0.name) }).jsonText()
    }

    /// Assigns weights by name; when names are missing but the file lists as many weights as the model
    /// has, with the same shapes in the same order, by position (Keras loads weights by structure: the same
    /// architecture built again in one session gets other automatic names, `dense_2` for `dense`).
    func assign(_ tensors: [String: Tensor], path: String, order: String? = nil) throws {
        var tensors = tensors
        let named = namedWeights
        if named.contains(where: { tensors[$0.name] == nil }), let order,
           let names = try? JSONValue.parse(order).arrayValue?.compactMap(\.stringValue), names.count == named.count,
           case let values = names.compactMap({ tensors[$0] }), values.count == named.count,
           zip(named, values).allSatisfy({ $0.weight.value.shape == $1.shape }) {
            tensors = Dictionary(uniqueKeysWithValues: zip(named.map(\.name), values))
        }
        let missing = named.filter { tensors[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            throw NNError("load_weights", .value, "\(path) lacks the weights \(missing.joined(separator: ", ")) (it has \(tensors.keys.sorted().joined(separator: ", ")))")
        }
        let values = try named.map { name, weight -> Tensor in
            guard let value = tensors[name], value.shape == weight.value.shape else {
                throw NNError("load_weights", .shape, "weight \(name) has shape \(weight.value.shape) in the model but \(tensors[name]?.shape.description ?? "?") in \(path)")
            }
            return value
        }
        // Checked all first, so that a mismatch changes nothing.
        for ((_, weight), value) in zip(named, values) { try weight.assign(value) }
    }

    /// Writes the architecture and the weights (atomically) for `NN.load`.
    public func save(_ path: String) throws {
        try save(path, extraTensors: [], extraMetadata: [:])
    }

    /// `save` with more tensors and header entries (the training state adds the optimizer's).
    func save(_ path: String, extraTensors: [(name: String, value: Tensor)], extraMetadata: [String: String]) throws {
        try checkBuilt("save")
        let description = try LayerRegistry.describe(self)
        let metadata = ["format": "lunette", Model.configKey: try JSONValue.object(description).jsonText(), Model.orderKey: try weightOrder()]
        let data = try SafeTensors.encode(namedWeights.map { ($0.name, $0.weight.value) } + extraTensors,
                                          metadata: metadata.merging(extraMetadata) { current, _ in current })
        try writeAtomically(data, to: path, op: "save")
    }

    static func read(_ path: String, op: String) throws -> Data {
        if let problem = FilePath.problem(with: path) { throw NNError(op, .io, problem) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NNError(op, .io, "cannot read \(path): no such file, or it is not readable")
        }
        FileReads.note(path)
        return data
    }
}

extension NN {
    /// Rebuilds a model saved with `save` and loads its weights. Lambda layers and custom activations
    /// need their functions again, by layer or activation name.
    public static func load(_ path: String, functions: [String: (Tensor) throws -> Tensor] = [:]) throws -> Model {
        let (tensors, metadata) = try SafeTensors.decode(try Model.read(path, op: "load"), path: path)
        guard let text = metadata[Model.configKey] else {
            throw NNError("load", .value, "\(path) holds weights only (no architecture); build the model in code and call load_weights")
        }
        guard let description = try? JSONValue.parse(text).objectValue else {
            throw NNError("load", .io, "\(path): the saved architecture is not valid JSON")
        }
        guard let model = try LayerRegistry.layer(from: description, context: LoadContext(functions: functions, isLoading: true)) as? Model else {
            throw NNError("load", .value, "\(path) describes a layer, not a model")
        }
        try model.assign(tensors, path: path)
        return model
    }
}
