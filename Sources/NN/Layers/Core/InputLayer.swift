import Tensors

/// The layer behind `Input`: it has no weights and passes its input through; a model's inputs are the
/// outputs of InputLayers.
public final class InputLayer: Layer {
    /// The shape with the batch dimension first (nil unless a fixed batch size was given).
    public let shape: SymbolicShape
    public let dtype: DType
    /// Held weakly: the tensor refers to this layer through its node, so a strong reference back made a
    /// cycle that was never freed (every `nn.Input` stayed in memory). Models hold their input tensors.
    private weak var madeTensor: SymbolicTensor?

    /// The symbolic tensor this layer produces: the one in use, or a new one when nothing holds it.
    public var tensor: SymbolicTensor {
        if let madeTensor { return madeTensor }
        let node = Node(layer: self, inputs: [])
        registerNode(node)
        let tensor = node.makeOutputs(shapes: [shape], dtypes: [dtype])[0]
        madeTensor = tensor
        return tensor
    }

    /// An input of `shape` per sample (the batch dimension is added in front).
    public init(shape: [Int], dtype: DType = .float32, batchSize: Int? = nil, name: String? = nil) throws {
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw NNError("Input", .value, "option 'shape' must hold positive sizes, got \(OptionForms.luaText(shape))")
        }
        guard batchSize.map({ $0 > 0 }) ?? true else {
            throw NNError("Input", .value, "option 'batch_size' must be a positive integer, got \(batchSize ?? 0)")
        }
        self.shape = SymbolicShape([batchSize] + shape.map { Optional($0) })
        self.dtype = dtype
        try super.init(name: name)
        try buildIfNeeded([])
    }

    public override var inputCountRange: ClosedRange<Int> { 0...1 }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] { [shape] }

    public override func outputDTypes(for inputDTypes: [DType], count: Int) -> [DType] { [dtype] }

    public override func validate(_ inputShapes: [SymbolicShape]) throws {}

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config: [String: JSONValue] = [
            "batch_shape": .array(shape.dims.map { $0.map { .number(Double($0)) } ?? .null }),
            "dtype": .string(dtype.description),
        ]
        config["sparse"] = .bool(false)
        return config
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        guard let dims = config["batch_shape"]?.arrayValue, !dims.isEmpty,
              let sizes = Optional(dims.dropFirst().compactMap(\.intValue)), sizes.count == dims.count - 1 else {
            throw NNError("InputLayer", .value, "the configuration needs a 'batch_shape' with known sizes after the batch")
        }
        let dtype = DType.allCases.first { $0.description == config["dtype"]?.stringValue } ?? .float32
        return try InputLayer(shape: sizes, dtype: dtype, batchSize: dims[0].intValue, name: config["name"]?.stringValue)
    }
}

/// A symbolic input of `shape` per sample (Keras' `keras.Input`): the start of a functional model.
public func Input(shape: [Int], dtype: DType = .float32, batchSize: Int? = nil, name: String? = nil) throws -> SymbolicTensor {
    try InputLayer(shape: shape, dtype: dtype, batchSize: batchSize, name: name).tensor
}
