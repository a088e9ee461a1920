import CheckedArithmetic
import Tensors

/// Identifies one output of one node while a graph runs.
struct NodeOutputKey: Hashable {
    let node: ObjectIdentifier
    let index: Int
    init(_ tensor: SymbolicTensor) { node = ObjectIdentifier(tensor.node); index = tensor.outputIndex }
    init(_ node: Node, _ index: Int) { self.node = ObjectIdentifier(node); self.index = index }
}

/// A functional model (Keras' `Model(inputs, outputs)`): the graph of layer calls between symbolic inputs
/// and outputs. A model is a layer: it can be called on tensors (with autograd history), on symbolic
/// tensors (nesting it in another model), and sub-models can share its layers and their weights.
open class Model: Layer {
    public private(set) var graphInputs: [SymbolicTensor] = []
    public private(set) var graphOutputs: [SymbolicTensor] = []
    /// The calls to run, inputs first, each after the calls it depends on.
    private(set) var nodes: [Node] = []
    private var graphLayers: [Layer] = []

    /// Training configuration set by `compile`.
    var compiled: CompiledSetup?
    /// Set by callbacks (EarlyStopping) to end `fit` after the current epoch.
    public var stopTraining = false

    public init(inputs: [SymbolicTensor], outputs: [SymbolicTensor], name: String? = nil) throws {
        try super.init(name: name)
        try setGraph(inputs: inputs, outputs: outputs)
    }

    public convenience init(inputs: SymbolicTensor, outputs: SymbolicTensor, name: String? = nil) throws {
        try self.init(inputs: [inputs], outputs: [outputs], name: name)
    }

    /// For subclasses that set their graph later (Sequential).
    override init(name: String?) throws {
        try super.init(name: name)
    }

    open override var typeName: String { "Functional" }
    override class func autoNamePrefix(_ typeName: String) -> String { typeName == "Model" ? "functional" : LayerNaming.snakeCase(typeName) }

    /// True once the model knows its inputs (a Sequential without Input learns them from its first data).
    public var hasGraph: Bool { !graphOutputs.isEmpty }

    func setGraph(inputs: [SymbolicTensor], outputs: [SymbolicTensor]) throws {
        guard !inputs.isEmpty, !outputs.isEmpty else {
            throw NNError(label, .value, "a model needs at least one input and one output")
        }
        for (i, input) in inputs.enumerated() where !(input.layer is InputLayer) {
            throw NNError(label, .value, "input \(i + 1) is the output of \(input.layer.label), not of Input(...); models start at Input tensors")
        }
        let inputNodes = Set(inputs.map { ObjectIdentifier($0.node) })
        // One Input listed twice would take the value of only one of the tensors given for it.
        guard inputNodes.count == inputs.count else {
            throw NNError(label, .value, "the inputs list the same Input more than once; give each Input once")
        }
        var order: [Node] = []
        var visited = Set<ObjectIdentifier>()
        func visit(_ node: Node) throws {
            guard visited.insert(ObjectIdentifier(node)).inserted else { return }
            if node.layer is InputLayer, !inputNodes.contains(ObjectIdentifier(node)) {
                throw NNError(label, .value, "the outputs depend on the input '\(node.layer.name)', which is not among the model's inputs")
            }
            for input in node.inputs { try visit(input.node) }
            order.append(node)
        }
        for output in outputs { try visit(output.node) }
        for input in inputs { try visit(input.node) }
        var seenLayers = Set<ObjectIdentifier>(), seenNames = [String: Layer]()
        var layers: [Layer] = []
        for node in order where seenLayers.insert(ObjectIdentifier(node.layer)).inserted {
            if let other = seenNames[node.layer.name], other !== node.layer {
                throw NNError(label, .value, "two different layers are named '\(node.layer.name)'; layer names in a model must be unique")
            }
            seenNames[node.layer.name] = node.layer
            layers.append(node.layer)
        }
        graphInputs = inputs
        graphOutputs = outputs
        nodes = order
        graphLayers = layers
        isBuilt = true
    }

    // MARK: Layers

    /// The layers in the order they run (for functional models including the InputLayers, as Keras).
    open var layers: [Layer] { graphLayers }

    public override var sublayers: [Layer] { layers }

    /// The layer called `name`.
    public func layer(named name: String) throws -> Layer {
        guard let found = layers.first(where: { $0.name == name }) else {
            throw NNError(label, .value, "no layer named '\(name)'; the layers are \(layers.map(\.name).joined(separator: ", "))")
        }
        return found
    }

    /// The layer at position `index` (0-based) of `layers`.
    public func layer(at index: Int) throws -> Layer {
        let all = layers
        guard all.indices.contains(index) else {
            throw NNError(label, .value, "layer index \(index) is out of range: the model has \(all.count) layers")
        }
        return all[index]
    }

    // MARK: Symbolic side

    /// The model's symbolic inputs (Keras' `model.inputs`).
    open override var inputs: [SymbolicTensor] {
        get throws {
            guard hasGraph else { throw NNError(label, .usage, "the model has no inputs yet: start it with an Input or call it on data first") }
            return graphInputs
        }
    }

    /// The model's symbolic outputs (Keras' `model.outputs`).
    open override var outputs: [SymbolicTensor] {
        get throws {
            guard hasGraph else { throw NNError(label, .usage, "the model has no outputs yet: start it with an Input or call it on data first") }
            return graphOutputs
        }
    }

    public override var inputCountRange: ClosedRange<Int> {
        hasGraph ? graphInputs.count...graphInputs.count : 1...1
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        try validate(inputShapes)
        var shapes: [NodeOutputKey: SymbolicShape] = [:]
        for (tensor, shape) in zip(graphInputs, inputShapes) { shapes[NodeOutputKey(tensor)] = shape }
        for node in nodes where !(node.layer is InputLayer) {
            let inputs = try node.inputs.map { tensor in
                guard let shape = shapes[NodeOutputKey(tensor)] else { throw graphError(node) }
                return shape
            }
            for (i, shape) in try node.layer.outputShapes(for: inputs).enumerated() { shapes[NodeOutputKey(node, i)] = shape }
        }
        return try graphOutputs.map { tensor in
            guard let shape = shapes[NodeOutputKey(tensor)] else { throw graphError(tensor.node) }
            return shape
        }
    }

    private func graphError(_ node: Node) -> NNError {
        NNError(label, .value, "the graph does not connect \(node.layer.label) to the model's inputs")
    }

    public override func validate(_ inputShapes: [SymbolicShape]) throws {
        guard inputShapes.count == graphInputs.count else {
            throw NNError(label, .shape, "the model takes \(graphInputs.count) input\(graphInputs.count == 1 ? "" : "s"), got \(inputShapes.count)")
        }
        for (i, (expected, given)) in zip(graphInputs.map(\.shape), inputShapes).enumerated() {
            let fits = expected.rank == given.rank && zip(expected.dims, given.dims).allSatisfy { $0 == nil || $1 == nil || $0 == $1 }
            guard fits else {
                let which = graphInputs.count == 1 ? "input" : "input \(i + 1) (\(graphInputs[i].layer.name))"
                throw NNError(label, .shape, "expected the \(which) to have shape \(expected), got \(given)",
                              suggestion: Model.reshapeHint(expected: expected, given: given))
            }
        }
    }

    /// What to do about data of the wrong rank whose samples hold the expected number of values: images
    /// given to a model of flat vectors, or images without their channel dimension.
    static func reshapeHint(expected: SymbolicShape, given: SymbolicShape) -> NNError.Suggestion? {
        guard let sizes = expected.knownFeatureSizes, given.rank >= 1 else { return nil }
        let givenSizes = given.featureDims.compactMap { $0 }
        guard let expectedCount = CheckedSize.product(sizes), givenSizes.count == given.rank - 1,
              CheckedSize.product(givenSizes) == expectedCount, given.rank != expected.rank else { return nil }
        return expected.rank == 2 ? .flattenData(to: [-1] + sizes) : .reshapeData(to: [-1] + sizes)
    }

    public override func optionsConfig() throws -> [String: JSONValue] { try functionalConfig() }

    // MARK: Running

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        var values: [NodeOutputKey: Tensor] = [:]
        for (tensor, value) in zip(graphInputs, inputs) {
            // Integer data (raw pixels, 0/1 features) given to a float32 input is cast, as Keras casts
            // inputs to their Input's dtype; otherwise only some layers (Dense) would accept it.
            values[NodeOutputKey(tensor)] = tensor.dtype == .float32 && value.dtype != .float32 ? try value.float() : value
        }
        for node in nodes where !(node.layer is InputLayer) {
            let arguments = try node.inputs.map { tensor in
                guard let value = values[NodeOutputKey(tensor)] else { throw graphError(node) }
                return value
            }
            for (i, value) in try node.layer(arguments, training: training).enumerated() { values[NodeOutputKey(node, i)] = value }
        }
        return try graphOutputs.map { tensor in
            guard let value = values[NodeOutputKey(tensor)] else { throw graphError(tensor.node) }
            return value
        }
    }
}
