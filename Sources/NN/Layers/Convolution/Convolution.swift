import Tensors

/// Options shared by Conv1D and Conv2D, with Keras' defaults. Sizes may be given as one number for
/// every spatial dimension.
public struct ConvolutionOptions: LayerOptions {
    public var strides: [Int] = [1]
    public var padding: Padding = .valid
    public var dilationRate: [Int] = [1]
    public var activation: ActivationFunction = .linear
    public var useBias = true
    public var kernelInitializer: Initializer = .glorotUniform
    public var biasInitializer: Initializer = .zeros
    public init() {}
}

/// Convolution over `spatialRank` dimensions of channels-last input (Keras' base of Conv1D and Conv2D):
/// kernel (k1, ..., in, filters), bias (filters).
public class Convolution: Layer {
    public let filters: Int
    public let kernelSize: [Int]
    public let options: ConvolutionOptions
    let spatialRank: Int
    public private(set) var kernel: Weight?
    public private(set) var bias: Weight?

    init(spatialRank: Int, filters: Int, kernelSize: [Int], options: ConvolutionOptions, name: String?) throws {
        let op = spatialRank == 1 ? "Conv1D" : "Conv2D"
        guard filters > 0 else { throw NNError(op, .value, "filters must be positive, got \(filters)") }
        self.spatialRank = spatialRank
        self.filters = filters
        self.kernelSize = try OptionForms.sizes(kernelSize, rank: spatialRank, name: "kernel_size", op: op)
        var normalized = options
        normalized.strides = try OptionForms.sizes(options.strides, rank: spatialRank, name: "strides", op: op)
        normalized.dilationRate = try OptionForms.sizes(options.dilationRate, rank: spatialRank, name: "dilation_rate", op: op)
        if spatialRank != 1 && options.padding == .causal {
            throw NNError(op, .value, "causal padding is for Conv1D; use 'valid' or 'same'")
        }
        self.options = normalized
        try super.init(name: name)
    }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        let shape = inputShapes[0]
        guard shape.rank == spatialRank + 2, let channels = shape[-1] else {
            throw shapeError("expected an input of rank \(spatialRank + 2) (batch, \(spatialRank == 1 ? "steps" : "height, width"), channels) with known channels, got \(shape)")
        }
        kernel = try addWeight("kernel", shape: kernelSize + [channels, filters], initializer: options.kernelInitializer)
        if options.useBias { bias = try addWeight("bias", shape: [filters], initializer: options.biasInitializer) }
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        let channels = kernel?.shape[spatialRank]
        guard shape.rank == spatialRank + 2, shape[-1] == channels else {
            throw shapeError("expected an input of shape (batch, \(spatialRank == 1 ? "steps" : "height, width"), \(channels.map(String.init) ?? "channels")), got \(shape)")
        }
        var dims: [Int?] = [shape[0]]
        for d in 0..<spatialRank {
            let length = try WindowGeometry.outputLength(shape[d + 1], kernel: kernelSize[d], stride: options.strides[d],
                                                          padding: options.padding, dilation: options.dilationRate[d], op: label)
            if length == 0 {
                throw shapeError("the input of shape \(shape) is smaller than the kernel \(OptionForms.luaText(kernelSize)) (with dilation_rate \(OptionForms.luaText(options.dilationRate))); use padding 'same' or a smaller kernel")
            }
            dims.append(length)
        }
        return [SymbolicShape(dims + [filters])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        guard let kernel else { throw NNError(label, .usage, "the layer is not built") }
        // relu, sigmoid and tanh run inside the kernel as it writes its output; others afterwards.
        let fused = options.activation.fused
        let y = spatialRank == 1
            ? try Functional.conv1d(inputs[0], kernel: kernel.value, bias: bias?.value, stride: options.strides[0],
                                    padding: options.padding, dilation: options.dilationRate[0], activation: fused ?? .linear)
            : try Functional.conv2d(inputs[0], kernel: kernel.value, bias: bias?.value, strides: (options.strides[0], options.strides[1]),
                                    padding: options.padding, dilation: (options.dilationRate[0], options.dilationRate[1]),
                                    activation: fused ?? .linear)
        return [fused == nil ? try options.activation(y) : y]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["filters"] = .number(Double(filters))
        config["kernel_size"] = .array(kernelSize.map { .number(Double($0)) })
        return config
    }

    static func decode(_ config: [String: JSONValue], _ context: LoadContext, op: String) throws -> (Int, [Int], ConvolutionOptions, String?) {
        (try config.requiredInt("filters", op: op), try config.requiredInts("kernel_size", op: op),
         try ConfigCoding.decodeOptions(ConvolutionOptions.self, from: config, context: context, op: op), config["name"]?.stringValue)
    }
}

/// 2-D convolution over NHWC images; kernel (kh, kw, in, filters).
public final class Conv2D: Convolution {
    public init(_ filters: Int, kernelSize: [Int], options: ConvolutionOptions = ConvolutionOptions(), name: String? = nil) throws {
        try super.init(spatialRank: 2, filters: filters, kernelSize: kernelSize, options: options, name: name)
    }

    /// `Conv2D(32, 3, padding: .same, activation: .relu)`.
    public convenience init(_ filters: Int, _ kernelSize: Int, strides: Int = 1, padding: Padding = .valid,
                            activation: ActivationFunction = .linear, name: String? = nil) throws {
        var options = ConvolutionOptions()
        options.strides = [strides]
        options.padding = padding
        options.activation = activation
        try self.init(filters, kernelSize: [kernelSize], options: options, name: name)
    }

    static func fromConfig(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let (filters, size, options, name) = try decode(config, context, op: "Conv2D")
        return try Conv2D(filters, kernelSize: size, options: options, name: name)
    }
}

/// 1-D convolution over (batch, steps, channels); kernel (k, in, filters).
public final class Conv1D: Convolution {
    public init(_ filters: Int, kernelSize: Int, options: ConvolutionOptions = ConvolutionOptions(), name: String? = nil) throws {
        try super.init(spatialRank: 1, filters: filters, kernelSize: [kernelSize], options: options, name: name)
    }

    static func fromConfig(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let (filters, size, options, name) = try decode(config, context, op: "Conv1D")
        guard size.count == 1 else { throw NNError("Conv1D", .value, "option 'kernel_size' must be a positive integer, got \(OptionForms.luaText(size))") }
        return try Conv1D(filters, kernelSize: size[0], options: options, name: name)
    }
}
