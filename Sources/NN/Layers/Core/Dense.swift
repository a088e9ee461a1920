import CheckedArithmetic
import Tensors

/// A fully connected layer: `activation(x · kernel + bias)` over the last axis, kernel (in, units).
public final class Dense: Layer {
    public struct Options: LayerOptions {
        public var activation: ActivationFunction = .linear
        public var useBias = true
        public var kernelInitializer: Initializer = .glorotUniform
        public var biasInitializer: Initializer = .zeros
        public init() {}
    }

    public let units: Int
    public let options: Options
    public private(set) var kernel: Weight?
    public private(set) var bias: Weight?

    public init(_ units: Int, options: Options = Options(), name: String? = nil) throws {
        guard units > 0 else { throw NNError("Dense", .value, "units must be positive, got \(units)") }
        self.units = units
        self.options = options
        try super.init(name: name)
    }

    /// `Dense(10, activation: .softmax)`.
    public convenience init(_ units: Int, activation: ActivationFunction, useBias: Bool = true, name: String? = nil) throws {
        var options = Options()
        options.activation = activation
        options.useBias = useBias
        try self.init(units, options: options, name: name)
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        let shape = inputShapes[0]
        guard shape.rank >= 2, let inputSize = shape[-1] else {
            throw shapeError("expected an input of rank ≥ 2 with a known last dimension, got \(shape)")
        }
        kernel = try addWeight("kernel", shape: [inputSize, units], initializer: options.kernelInitializer)
        if options.useBias { bias = try addWeight("bias", shape: [units], initializer: options.biasInitializer) }
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        let expected = kernel?.shape[0]
        guard shape.rank >= 2, shape[-1] == expected else {
            let message = "expected an input whose last dimension is \(expected.map(String.init) ?? "known"), got shape \(shape)"
            let flattens = shape.rank > 2 && shape.knownFeatureSizes.flatMap { CheckedSize.product($0) } == expected
            throw shapeError(message, suggestion: flattens ? .addFlatten : nil)
        }
        var dims = shape.dims
        dims[dims.count - 1] = units
        return [SymbolicShape(dims)]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        guard let kernel else { throw NNError(label, .usage, "the layer is not built") }
        let x = inputs[0]
        var y: Tensor
        if x.rank == 2, let bias {
            y = try bias.value.addmm(x, kernel.value)
        } else {
            y = try x.matmul(kernel.value)
            if let bias { y = try y + bias.value }
        }
        return [try options.activation(y)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["units"] = .number(Double(units))
        return config
    }
}
