import Tensors

/// A plain stack of one-input, one-output layers (Keras' `Sequential`). With an Input first (or after
/// `build(inputShape:)`, or after the first call on data) it has a graph like a functional model, so its
/// layers' symbolic outputs are reachable (`model.layer(named: "conv").output`).
public final class Sequential: Model {
    private var stack: [Layer] = []
    private var declaredInput: InputLayer?

    public init(_ layers: [Layer] = [], name: String? = nil) throws {
        try super.init(name: name)
        for layer in layers { try add(layer) }
    }

    public override var typeName: String { "Sequential" }

    /// The layers without the InputLayer (as Keras lists them).
    public override var layers: [Layer] { stack }

    public override func optionsConfig() throws -> [String: JSONValue] { try sequentialConfig() }

    /// Appends a layer; an InputLayer may only come first.
    public func add(_ layer: Layer) throws {
        if let input = layer as? InputLayer {
            guard stack.isEmpty, declaredInput == nil else {
                throw NNError(label, .value, "an Input can only be the first layer of a Sequential model")
            }
            declaredInput = input
            try setGraph(inputs: [input.tensor], outputs: [input.tensor])
            return
        }
        guard !layer.contains(self) else {
            throw NNError(label, .value, "cannot add \(layer.label): it is or contains this model, and a model cannot contain itself")
        }
        if stack.isEmpty, declaredInput == nil, let declared = layer.inputDeclaration {
            try add(try InputLayer(shape: declared.shape, batchSize: declared.batchSize))
        }
        guard !stack.contains(where: { $0 === layer }) else {
            throw NNError(label, .value, "the layer \(layer.label) is already in this model")
        }
        if hasGraph {
            let outputs = try layer([graphOutputs[0]])
            guard outputs.count == 1 else {
                throw NNError(label, .value, "layers of a Sequential model must have one output; \(layer.label) has \(outputs.count) (use a functional Model)")
            }
            stack.append(layer)
            try setGraph(inputs: graphInputs, outputs: outputs)
        } else {
            stack.append(layer)
        }
    }

    /// Builds the model for samples of `inputShape` (without the batch dimension) when it has no Input.
    public func build(inputShape: [Int]) throws {
        try buildIfNeeded([SymbolicShape(batchOf: inputShape)])
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        guard !hasGraph else { return }
        guard !stack.isEmpty else { throw NNError(label, .usage, "the model has no layers") }
        guard let sizes = inputShapes.first?.knownFeatureSizes else {
            throw NNError(label, .shape, "cannot build from an input of shape \(inputShapes.first?.description ?? "()")")
        }
        var current = try Input(shape: sizes, dtype: .float32)
        let input = current
        for layer in stack {
            let outputs = try layer([current])
            guard outputs.count == 1 else {
                throw NNError(label, .value, "layers of a Sequential model must have one output; \(layer.label) has \(outputs.count)")
            }
            current = outputs[0]
        }
        try setGraph(inputs: [input], outputs: [current])
    }
}
