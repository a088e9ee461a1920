import Tensors

/// Looks up a learned vector for each integer index: (batch, ...) indices in 0..<inputDim →
/// (batch, ..., outputDim). Weight `embeddings` (inputDim, outputDim).
public final class Embedding: Layer {
    public struct Options: LayerOptions {
        /// Keras' default: random_uniform with its default range.
        public var embeddingsInitializer: Initializer = .randomUniform(minval: Initializer.Defaults().minval, maxval: Initializer.Defaults().maxval)
        public init() {}
    }

    public let inputDim: Int
    public let outputDim: Int
    public let options: Options
    public private(set) var embeddings: Weight?

    public init(inputDim: Int, outputDim: Int, options: Options = Options(), name: String? = nil) throws {
        guard inputDim > 0, outputDim > 0 else {
            throw NNError("Embedding", .value, "input_dim and output_dim must be positive, got \(inputDim) and \(outputDim)")
        }
        self.inputDim = inputDim
        self.outputDim = outputDim
        self.options = options
        try super.init(name: name)
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        embeddings = try addWeight("embeddings", shape: [inputDim, outputDim], initializer: options.embeddingsInitializer)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        [SymbolicShape(inputShapes[0].dims + [outputDim])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        guard let embeddings else { throw NNError(label, .usage, "the layer is not built") }
        let indices = inputs[0]
        guard let ids = try indices.integerIds() else {
            throw NNError(label, .value, "indices must be whole numbers in 0..<\(inputDim) (input_dim); the float indices given hold fractions or NaN")
        }
        let flat = try ids.reshape([indices.count])
        do {
            let rows = try embeddings.value.indexSelect(0, index: flat)
            return [try rows.reshape(indices.shape.array + [outputDim])]
        } catch let error as TensorError where error.kind == .index {
            throw shapeError("indices must lie in 0..<\(inputDim) (input_dim); \(error.message(indexBase: 0))")
        }
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["input_dim"] = .number(Double(inputDim))
        config["output_dim"] = .number(Double(outputDim))
        return config
    }
}
