import Tensors

/// The base of every layer and model (Keras' `Layer`). A class: identity matters, since calling the same
/// layer twice shares its weights.
///
/// A layer is built lazily on its first call, from the shapes of its inputs (batch dimension unknown),
/// and then creates its weights. It can be called on symbolic tensors (recording a `Node`, to define
/// models) or on real tensors (computing, with autograd history when gradients are on).
///
/// Subclasses override `build`, `outputShapes(for:)`, `forward` and `optionsConfig`, and
/// `inputCountRange` when they take several inputs.
open class Layer {
    public let name: String
    /// False freezes the layer: its weights stop requiring grad and move to the non-trainable lists.
    /// Setting it on a model freezes every layer inside.
    public var trainable: Bool {
        didSet {
            // Weights are float32 leaves, for which changing requiresGrad cannot fail.
            for weight in ownWeights { try? weight.updateRequiresGrad() }
            for layer in sublayers { layer.trainable = trainable }
        }
    }
    /// Keras 2's `input_shape` on a layer: the Input a Sequential model puts before it when it comes first.
    public var inputDeclaration: InputDeclaration?
    public internal(set) var isBuilt = false
    /// The input shapes the layer was built for.
    public private(set) var builtInputShapes: [SymbolicShape]?
    /// The weights this layer created itself, in creation order (not those of layers inside it).
    public private(set) var ownWeights: [Weight] = []
    private var nodeReferences: [WeakReference<Node>] = []

    /// `name` nil gives Keras' automatic name (`dense`, `dense_1`...).
    public init(name: String? = nil) throws {
        let typeName = String(describing: type(of: self))
        if let name {
            guard !name.isEmpty, !name.contains("/") else {
                throw NNError(typeName, .value, "a layer name must be non-empty and must not contain '/', got \"\(name)\"")
            }
            self.name = name
        } else {
            self.name = LayerNaming.uniqueName(Self.autoNamePrefix(typeName))
        }
        trainable = true
    }

    /// The type name shown in summaries and saved in configurations (`Dense`).
    open var typeName: String { String(describing: type(of: self)) }

    /// The prefix of automatic names for a type (`dense`); models override it (`functional`).
    class func autoNamePrefix(_ typeName: String) -> String { LayerNaming.snakeCase(typeName) }

    // MARK: For subclasses

    /// How many inputs the layer takes.
    open var inputCountRange: ClosedRange<Int> { 1...1 }

    /// Creates the weights for inputs of these shapes (called once, before the first call).
    open func build(_ inputShapes: [SymbolicShape]) throws {}

    /// The shapes of the outputs for inputs of these shapes; throws when the inputs do not fit.
    open func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] { inputShapes }

    /// The element types of the outputs (float32 unless a layer says otherwise).
    open func outputDTypes(for inputDTypes: [DType], count: Int) -> [DType] { Array(repeating: .float32, count: count) }

    /// The computation on real tensors (inputs already checked by `outputShapes(for:)`).
    open func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] { inputs }

    /// The layer's own options (units, activation...) for saving and summaries, with Keras' key names.
    open func optionsConfig() throws -> [String: JSONValue] { [:] }

    /// Layers inside this one (a model's layers, a Bidirectional's two directions).
    open var sublayers: [Layer] { [] }

    /// Whether `other` is this layer or nested anywhere inside it (layers only nest when a model
    /// gets a layer, which refuses one that would contain the model, so this walk ends).
    public func contains(_ other: Layer) -> Bool {
        self === other || sublayers.contains { $0.contains(other) }
    }

    /// Checks real inputs before `forward`; the default compares them with `outputShapes(for:)`.
    open func validate(_ inputShapes: [SymbolicShape]) throws { _ = try outputShapes(for: inputShapes) }

    /// The op name in error messages: `Dense (dense_1)`.
    public var label: String { "\(typeName) (\(name))" }

    public func shapeError(_ message: String, suggestion: NNError.Suggestion? = nil) -> NNError {
        NNError(label, .shape, message, suggestion: suggestion)
    }

    /// Creates a weight of `shape` from `initializer`; call it from `build`.
    @discardableResult
    public func addWeight(_ weightName: String, shape: [Int], initializer: Initializer, trainable: Bool = true) throws -> Weight {
        if ownWeights.contains(where: { $0.name == weightName }) {
            throw NNError(label, .value, "the layer already has a weight named \(weightName)")
        }
        let weight = try Weight(name: weightName, value: try initializer.make(shape: shape, op: label),
                                trainable: trainable, owner: self)
        ownWeights.append(weight)
        return weight
    }

    // MARK: Building and calling

    func checkInputCount(_ count: Int) throws {
        guard inputCountRange.contains(count) else {
            let expected = inputCountRange.count == 1 ? "\(inputCountRange.lowerBound)" :
                inputCountRange.upperBound == Int.max ? "at least \(inputCountRange.lowerBound)" :
                "\(inputCountRange.lowerBound) to \(inputCountRange.upperBound)"
            throw NNError(label, .shape, "expected \(expected) input\(expected == "1" ? "" : "s"), got \(count)")
        }
    }

    /// Builds the layer for these input shapes unless it is built already.
    public func buildIfNeeded(_ inputShapes: [SymbolicShape]) throws {
        guard !isBuilt else { return }
        try checkInputCount(inputShapes.count)
        try build(inputShapes)
        builtInputShapes = inputShapes
        isBuilt = true
    }

    /// Calls the layer on symbolic tensors: checks and records the call, returns symbolic outputs.
    public func callAsFunction(_ inputs: [SymbolicTensor]) throws -> [SymbolicTensor] {
        try checkInputCount(inputs.count)
        let shapes = inputs.map(\.shape)
        try buildIfNeeded(shapes)
        let outShapes = try outputShapes(for: shapes)
        let node = Node(layer: self, inputs: inputs)
        registerNode(node)
        return node.makeOutputs(shapes: outShapes, dtypes: outputDTypes(for: inputs.map(\.dtype), count: outShapes.count))
    }

    /// Calls a one-output layer on one symbolic tensor.
    public func callAsFunction(_ input: SymbolicTensor) throws -> SymbolicTensor {
        try single(try self([input]))
    }

    /// Calls the layer on real tensors (the batch first). `training` switches dropout and batch
    /// normalization to their training behaviour.
    public func callAsFunction(_ inputs: [Tensor], training: Bool = false) throws -> [Tensor] {
        try checkInputCount(inputs.count)
        try buildIfNeeded(inputs.map { SymbolicShape(batchOf: $0) })
        // Checked with the real batch size, so that messages show the real shapes.
        try validate(inputs.map { SymbolicShape($0.shape.map { Optional($0) }) })
        return try forward(inputs, training: training)
    }

    /// Calls a one-input, one-output layer on a real tensor.
    public func callAsFunction(_ input: Tensor, training: Bool = false) throws -> Tensor {
        try single(try self([input], training: training))
    }

    private func single<T>(_ outputs: [T]) throws -> T {
        guard outputs.count == 1, let only = outputs.first else {
            throw NNError(label, .usage, "the layer gives \(outputs.count) outputs; call it with a list to get them all")
        }
        return only
    }

    // MARK: Graph

    func registerNode(_ node: Node) {
        nodeReferences.removeAll { $0.object == nil }
        nodeReferences.append(WeakReference(node))
    }

    /// The symbolic calls of this layer that are still in use, in order.
    public var inboundNodes: [Node] { nodeReferences.compactMap(\.object) }

    /// The outputs of the layer's first symbolic call (for Grad-CAM: `model.layer("conv").output`).
    open var outputs: [SymbolicTensor] {
        get throws {
            guard let node = inboundNodes.first else {
                throw NNError(label, .usage, "the layer has not been called on symbolic tensors, so it has no output yet (put it in a model with an Input first)")
            }
            let tensors = node.outputs
            guard tensors.count == node.outputShapes.count else {
                throw NNError(label, .usage, "the outputs of this layer's call are no longer part of any model")
            }
            return tensors
        }
    }

    /// The single output of the layer's first symbolic call.
    public var output: SymbolicTensor { get throws { try single(try outputs) } }

    /// The inputs of the layer's first symbolic call.
    open var inputs: [SymbolicTensor] {
        get throws {
            guard let node = inboundNodes.first else {
                throw NNError(label, .usage, "the layer has not been called on symbolic tensors, so it has no input yet")
            }
            return node.inputs
        }
    }

    public var input: SymbolicTensor { get throws { try single(try inputs) } }

    // MARK: Weights

    /// All weights, this layer's and those of the layers inside it, each once.
    public var weights: [Weight] {
        var seen = Set<ObjectIdentifier>()
        return (ownWeights + sublayers.flatMap(\.weights)).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    public var trainableWeights: [Weight] { weights.filter(\.trainable) }
    public var nonTrainableWeights: [Weight] { weights.filter { !$0.trainable } }

    /// The tensors optimizers update: the trainable weights' values.
    public var parameters: [Tensor] { trainableWeights.map(\.value) }

    /// The number of scalars in all weights.
    public func countParams() -> Int { weights.reduce(0) { $0 + $1.count } }

    /// Copies of all weights' values, in `weights` order.
    public func getWeights() throws -> [Tensor] { try weights.map { try $0.value.detach().clone() } }

    /// Overwrites all weights with `values`, in `weights` order.
    public func setWeights(_ values: [Tensor]) throws {
        let all = weights
        guard values.count == all.count else {
            throw NNError(label, .value, "expected \(all.count) weight values, got \(values.count)")
        }
        for (weight, value) in zip(all, values) { try weight.assign(value) }
    }

    /// The configuration saved with models: name, trainable and the layer's options.
    public func config() throws -> [String: JSONValue] {
        var config = try optionsConfig()
        config["name"] = .string(name)
        config["trainable"] = .bool(trainable)
        return config
    }
}
