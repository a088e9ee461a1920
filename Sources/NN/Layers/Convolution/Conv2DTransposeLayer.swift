import Tensors

/// Transposed 2-D convolution (upsampling by learned kernels) over NHWC images; kernel
/// (kh, kw, filters, in) as in Keras.
public final class Conv2DTranspose: Layer {
    public struct Options: LayerOptions {
        public var strides: [Int] = [1]
        public var padding: Padding = .valid
        /// Extra rows/columns at the bottom/right of the output; nil lets the output size follow the input.
        public var outputPadding: [Int]? = nil
        public var dilationRate: [Int] = [1]
        public var activation: ActivationFunction = .linear
        public var useBias = true
        public var kernelInitializer: Initializer = .glorotUniform
        public var biasInitializer: Initializer = .zeros
        public init() {}
    }

    public let filters: Int
    public let kernelSize: [Int]
    public let options: Options
    public private(set) var kernel: Weight?
    public private(set) var bias: Weight?

    public init(_ filters: Int, kernelSize: [Int], options: Options = Options(), name: String? = nil) throws {
        let op = "Conv2DTranspose"
        guard filters > 0 else { throw NNError(op, .value, "filters must be positive, got \(filters)") }
        self.filters = filters
        self.kernelSize = try OptionForms.sizes(kernelSize, rank: 2, name: "kernel_size", op: op)
        guard options.padding != .causal else { throw NNError(op, .value, "causal padding is for Conv1D; use 'valid' or 'same'") }
        var normalized = options
        normalized.strides = try OptionForms.sizes(options.strides, rank: 2, name: "strides", op: op)
        normalized.dilationRate = try OptionForms.sizes(options.dilationRate, rank: 2, name: "dilation_rate", op: op)
        if let padding = options.outputPadding {
            let expanded = try OptionForms.sizes(padding, rank: 2, name: "output_padding", op: op, minimum: 0)
            guard zip(expanded, normalized.strides).allSatisfy({ $0 < $1 }) else {
                throw NNError(op, .value, "option 'output_padding' must be smaller than the strides \(OptionForms.luaText(normalized.strides)), got \(OptionForms.luaText(padding))")
            }
            normalized.outputPadding = expanded
        }
        self.options = normalized
        try super.init(name: name)
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        let shape = inputShapes[0]
        guard shape.rank == 4, let channels = shape[-1] else {
            throw shapeError("expected an input of rank 4 (batch, height, width, channels) with known channels, got \(shape)")
        }
        kernel = try addWeight("kernel", shape: kernelSize + [filters, channels], initializer: options.kernelInitializer)
        if options.useBias { bias = try addWeight("bias", shape: [filters], initializer: options.biasInitializer) }
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        let channels = kernel?.shape[3]
        guard shape.rank == 4, shape[-1] == channels else {
            throw shapeError("expected an input of shape (batch, height, width, \(channels.map(String.init) ?? "channels")), got \(shape)")
        }
        let sizes = try (0..<2).map { d in
            try WindowGeometry.transposeOutputLength(shape[d + 1], kernel: kernelSize[d], stride: options.strides[d], padding: options.padding,
                                                      outputPadding: options.outputPadding?[d], dilation: options.dilationRate[d], op: label)
        }
        return [SymbolicShape([shape[0]] + sizes + [filters])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        guard let kernel else { throw NNError(label, .usage, "the layer is not built") }
        let fused = options.activation.fused
        let y = try Functional.conv2dTranspose(inputs[0], kernel: kernel.value, bias: bias?.value,
                                               strides: (options.strides[0], options.strides[1]), padding: options.padding,
                                               outputPadding: options.outputPadding.map { ($0[0], $0[1]) },
                                               dilation: (options.dilationRate[0], options.dilationRate[1]), activation: fused ?? .linear)
        return [fused == nil ? try options.activation(y) : y]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["filters"] = .number(Double(filters))
        config["kernel_size"] = .array(kernelSize.map { .number(Double($0)) })
        if options.outputPadding == nil { config["output_padding"] = .null }
        return config
    }

    static func fromConfig(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let op = "Conv2DTranspose"
        return try Conv2DTranspose(try config.requiredInt("filters", op: op), kernelSize: try config.requiredInts("kernel_size", op: op),
                                   options: ConfigCoding.decodeOptions(Options.self, from: config, context: context, op: op), name: config["name"]?.stringValue)
    }
}
