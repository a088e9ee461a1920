import Tensors

/// One of Keras' layers as a user builds it: its names, what it does, the parameters Keras takes first
/// (in order), its options with the library's defaults, and how it is built from a configuration. The
/// one list of layers: loading (`LayerRegistry`), the bindings' constructors and the reference read it.
public struct LayerKind: Sendable {
    /// Keras' class name (`Conv2D`), also the saved `class_name`.
    public let className: String
    /// Other names of the same layer (`Convolution2D`).
    public let aliases: [String]
    public let summary: String
    /// Keras' first positional parameters, in order; those without a default are required.
    public let parameters: [LayerOption]
    /// The layer's own options after the parameters (`name`, `trainable` and the input declaration are
    /// `LayerKind.commonOptions`).
    public let options: [LayerOption]
    /// A call that shows the layer at work, for the reference: its arguments and input shapes.
    public let sample: LayerSample
    let build: @Sendable ([String: JSONValue], LoadContext) throws -> Layer

    public var names: [String] { [className] + aliases }

    /// Every key a configuration of this layer may hold.
    var keys: [String] { (parameters + options + LayerKind.commonOptions).map(\.key) }

    /// The layer from a configuration (`{"units": 10, "activation": "relu"}`): parameters and options not
    /// given take their defaults (a required parameter missing is an error of the layer); a key the layer
    /// does not know is an error listing those it does.
    func make(_ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let keys = self.keys
        if let unknown = config.keys.sorted().first(where: { !keys.contains($0) }) {
            throw NNError(className, .value, "unknown option '\(unknown)'; the options are \(keys.sorted().joined(separator: ", "))")
        }
        var filled = config
        for parameter in parameters where filled[parameter.key] == nil { filled[parameter.key] = parameter.defaultValue }
        let layer = try build(filled, context)
        if filled["trainable"]?.boolValue == false { layer.trainable = false }
        layer.inputDeclaration = try InputDeclaration(filled, op: className)
        return layer
    }

    /// The kind called `name` (the class name or an alias).
    public static func named(_ name: String) -> LayerKind? { all.first { $0.names.contains(name) } }

    /// Options every layer takes.
    public static let commonOptions: [LayerOption] = [
        LayerOption("name", .string, nil, "the layer's name (default: its class in snake_case, numbered: dense, dense_1...)"),
        LayerOption("trainable", .boolean, .bool(true), "whether training updates its weights"),
        LayerOption("input_shape", .sizes, nil, "Keras 2: the input's sizes without the batch, for the first layer of a Sequential model"),
        LayerOption("input_dim", .integer, nil, "Keras 2: the input's size, for a first layer taking vectors"),
        LayerOption("batch_input_shape", .integerList, nil, "Keras 2: the input's sizes with the batch first"),
    ]

    public static let all: [LayerKind] = coreLayers + convolutionLayers + poolingLayers + otherLayers
}

/// Arguments of a layer and the shapes of ones-filled inputs to call it on (several for merging layers).
public struct LayerSample: Sendable {
    public let arguments: [JSONValue]
    public let inputShapes: [[Int]]

    init(_ arguments: [JSONValue], _ inputShapes: [[Int]]) {
        self.arguments = arguments
        self.inputShapes = inputShapes
    }
}

/// A parameter or option of a layer: Keras' name, the form of value it takes, the library's default
/// (nil: required for a parameter, unset for an option) and what it does.
public struct LayerOption: Sendable {
    public let key: String
    public let form: OptionForm
    public let defaultValue: JSONValue?
    public let doc: String

    public init(_ key: String, _ form: OptionForm, _ defaultValue: JSONValue?, _ doc: String) {
        self.key = key
        self.form = form
        self.defaultValue = defaultValue
        self.doc = doc
    }

    /// The options of an options struct: its fields under Keras' names, with the struct's defaults.
    static func options<Options: LayerOptions>(of type: Options.Type, except excluded: Set<String> = []) -> [LayerOption] {
        let defaults = (try? ConfigCoding.encode(Options(), op: "")) ?? [:]
        return Mirror(reflecting: Options()).children.compactMap { $0.label.map(ConfigCoding.snakeCase) }
            .filter { !excluded.contains($0) }
            .map { key in LayerOption(key, OptionForm.of(key, defaults[key]), defaults[key] == .null ? nil : defaults[key], optionDocs[key] ?? "") }
    }
}

/// The form of value an option takes, for reading it and for the reference.
public enum OptionForm: Equatable, Sendable {
    case integer, number, boolean, string
    /// One integer for every spatial dimension, or a list (`3` or `{3, 3}`).
    case sizes
    case integerList
    case choice([String])
    /// A name (`'relu'`) or a function of a tensor.
    case activation
    /// A name (`'glorot_uniform'`) or `{class_name = ..., config = {...}}`.
    case initializer
    /// Checked by the layer; the text says what it takes.
    case described(String)

    /// The form of an options struct's field, from its name and default.
    static func of(_ key: String, _ defaultValue: JSONValue?) -> OptionForm {
        if key.hasSuffix("activation") { return .activation }
        if key.hasSuffix("_initializer") { return .initializer }
        if key == "padding" { return .choice(Padding.allCases.map(\.rawValue)) }
        if OptionForms.sizeKeys.contains(key) { return .sizes }
        switch defaultValue {
        case .bool: return .boolean
        case .string: return .string
        case .array: return .integerList
        default: return .number
        }
    }
}

/// What the options of several layers mean, by Keras' name.
let optionDocs: [String: String] = [
    "activation": "applied to the output ('linear': none)",
    "recurrent_activation": "the gates' activation",
    "use_bias": "whether the layer adds a bias",
    "kernel_initializer": "how the kernel starts",
    "bias_initializer": "how the bias starts",
    "recurrent_initializer": "how the recurrent kernel starts",
    "embeddings_initializer": "how the embedding vectors start",
    "beta_initializer": "how the offset beta starts",
    "gamma_initializer": "how the scale gamma starts",
    "moving_mean_initializer": "how the moving mean starts",
    "moving_variance_initializer": "how the moving variance starts",
    "strides": "the step between windows (for pooling, unset: the pool size)",
    "padding": "'valid' (no padding), 'same' (output as large as the input over strides) or, for Conv1D, 'causal'",
    "dilation_rate": "the spacing between kernel elements",
    "output_padding": "extra rows and columns at the bottom and right of the output (unset: the output size follows the input)",
    "return_sequences": "return the whole output sequence, not only the last step",
    "return_state": "also return the last states",
    "go_backwards": "run over the sequence backwards",
    "unit_forget_bias": "start the forget gate's bias at 1",
    "reset_after": "apply the reset gate after the matrix product (Keras 3's default, cuDNN-compatible)",
    "momentum": "weight of the old value in the moving averages",
    "epsilon": "added to the variance for stability",
    "center": "whether to add the offset beta",
    "scale": "whether to multiply by the scale gamma",
]

private func option(_ key: String, _ form: OptionForm, _ defaultValue: JSONValue?, _ doc: String) -> LayerOption {
    LayerOption(key, form, defaultValue, doc)
}

/// A parameter without a default.
private func required(_ key: String, _ form: OptionForm, _ doc: String) -> LayerOption {
    LayerOption(key, form, nil, doc)
}

private let keepdims = option("keepdims", .boolean, .bool(false), "keep the pooled axes with size 1")

private let coreLayers: [LayerKind] = [
    LayerKind(className: "Dense", aliases: [], summary: "A fully connected layer: activation(x · kernel + bias) over the last axis (Keras' `Dense`, PyTorch's `Linear`).",
              parameters: [required("units", .integer, "the output size")], options: LayerOption.options(of: Dense.Options.self),
              sample: LayerSample([.number(4)], [[2, 3]])) { c, context in
        try Dense(try c.requiredInt("units", op: "Dense"), options: ConfigCoding.decodeOptions(Dense.Options.self, from: c, context: context, op: "Dense"),
                  name: c["name"]?.stringValue)
    },
    LayerKind(className: "Activation", aliases: [], summary: "Applies an activation function (Keras' `Activation`).",
              parameters: [required("activation", .activation, "a name ('relu') or a function of a tensor")], options: [],
              sample: LayerSample([.string("relu")], [[2, 3]])) { c, context in
        try ActivationLayer.fromConfig(c, context)
    },
    LayerKind(className: "Flatten", aliases: [], summary: "Flattens each sample to a vector: (batch, d1, d2) to (batch, d1·d2) (Keras' `Flatten`).",
              parameters: [], options: [],
              sample: LayerSample([], [[2, 3, 4]])) { c, _ in try Flatten.fromConfig(c) },
    LayerKind(className: "Reshape", aliases: [], summary: "Reshapes each sample; one size may be -1 (Keras' `Reshape`).",
              parameters: [required("target_shape", .integerList, "the sizes without the batch")], options: [],
              sample: LayerSample([.array([.number(6)])], [[2, 3, 2]])) { c, _ in try Reshape.fromConfig(c) },
    LayerKind(className: "Permute", aliases: [], summary: "Permutes the axes of each sample, counted from 1 after the batch (Keras' `Permute`).",
              parameters: [required("dims", .integerList, "the new order of the axes (1 is the first after the batch)")], options: [],
              sample: LayerSample([.array([.number(2), .number(1)])], [[2, 3, 4]])) { c, _ in
        try Permute.fromConfig(c)
    },
    LayerKind(className: "RepeatVector", aliases: [], summary: "Repeats each vector n times: (batch, features) to (batch, n, features) (Keras' `RepeatVector`).",
              parameters: [required("n", .integer, "how many times")], options: [],
              sample: LayerSample([.number(3)], [[2, 4]])) { c, _ in try RepeatVector.fromConfig(c) },
    LayerKind(className: "Dropout", aliases: [], summary: "Sets a fraction of its inputs to 0 while training and scales the others up (Keras' `Dropout`).",
              parameters: [required("rate", .number, "the fraction dropped, in [0, 1)")],
              options: [option("noise_shape", .integerList, nil, "the shape of the mask, broadcast over the input (-1 or nil: the input's size)")],
              sample: LayerSample([.number(0.5)], [[2, 3]])) { c, _ in
        try Dropout.fromConfig(c)
    },
    LayerKind(className: "Embedding", aliases: [], summary: "Looks up a vector for each integer id (0-based) (Keras' `Embedding`).",
              parameters: [required("input_dim", .integer, "the number of ids"), required("output_dim", .integer, "the vector size")],
              options: LayerOption.options(of: Embedding.Options.self),
              sample: LayerSample([.number(10), .number(4)], [[2, 3]])) { c, context in
        try Embedding(inputDim: try c.requiredInt("input_dim", op: "Embedding"), outputDim: try c.requiredInt("output_dim", op: "Embedding"),
                      options: ConfigCoding.decodeOptions(Embedding.Options.self, from: c, context: context, op: "Embedding"),
                      name: c["name"]?.stringValue)
    },
]

private let filters = required("filters", .integer, "the number of output channels")
private let kernelSize = required("kernel_size", .sizes, "the window's size")

private let convolutionLayers: [LayerKind] = [
    LayerKind(className: "Conv1D", aliases: ["Convolution1D"], summary: "1-D convolution over (batch, steps, channels) (Keras' `Conv1D`).",
              parameters: [filters, kernelSize], options: LayerOption.options(of: ConvolutionOptions.self),
              sample: LayerSample([.number(2), .number(3)], [[1, 8, 3]])) { c, context in
        try Conv1D.fromConfig(c, context)
    },
    LayerKind(className: "Conv2D", aliases: ["Convolution2D"], summary: "2-D convolution over NHWC images (Keras' `Conv2D`).",
              parameters: [filters, kernelSize], options: LayerOption.options(of: ConvolutionOptions.self),
              sample: LayerSample([.number(2), .number(3)], [[1, 8, 8, 3]])) { c, context in
        try Conv2D.fromConfig(c, context)
    },
    LayerKind(className: "Conv2DTranspose", aliases: ["Convolution2DTranspose"],
              summary: "Transposed 2-D convolution, the gradient of Conv2D: upsamples NHWC images (Keras' `Conv2DTranspose`).",
              parameters: [filters, kernelSize], options: LayerOption.options(of: Conv2DTranspose.Options.self),
              sample: LayerSample([.number(2), .number(3)], [[1, 4, 4, 3]])) { c, context in
        try Conv2DTranspose.fromConfig(c, context)
    },
]

private let poolSize = option("pool_size", .sizes, .array([.number(2)]), "the window's size")
private let poolOptions = LayerOption.options(of: WindowPooling.Options.self)

private let poolingLayers: [LayerKind] = [
    LayerKind(className: "MaxPooling2D", aliases: ["MaxPool2D"], summary: "The maximum over windows of NHWC images (Keras' `MaxPooling2D`).",
              parameters: [poolSize], options: poolOptions,
              sample: LayerSample([.number(2)], [[1, 4, 4, 3]])) { c, _ in try MaxPooling2D.fromConfig(c) },
    LayerKind(className: "AveragePooling2D", aliases: ["AvgPool2D"], summary: "The mean over windows of NHWC images (Keras' `AveragePooling2D`).",
              parameters: [poolSize], options: poolOptions,
              sample: LayerSample([.number(2)], [[1, 4, 4, 3]])) { c, _ in try AveragePooling2D.fromConfig(c) },
    LayerKind(className: "MaxPooling1D", aliases: ["MaxPool1D"], summary: "The maximum over windows of steps (Keras' `MaxPooling1D`).",
              parameters: [poolSize], options: poolOptions,
              sample: LayerSample([.number(2)], [[1, 8, 3]])) { c, _ in try MaxPooling1D.fromConfig(c) },
    LayerKind(className: "AveragePooling1D", aliases: ["AvgPool1D"], summary: "The mean over windows of steps (Keras' `AveragePooling1D`).",
              parameters: [poolSize], options: poolOptions,
              sample: LayerSample([.number(2)], [[1, 8, 3]])) { c, _ in try AveragePooling1D.fromConfig(c) },
    LayerKind(className: "ZeroPadding1D", aliases: [], summary: "Adds zeros at the start and end of the steps (Keras' `ZeroPadding1D`).",
              parameters: [option("padding", .described("an integer ≥ 0 or a list {before, after}"), .number(1), "the steps added")], options: [],
              sample: LayerSample([.number(1)], [[1, 4, 2]])) { c, _ in
        try ZeroPadding1D.fromConfig(c)
    },
    LayerKind(className: "ZeroPadding2D", aliases: [], summary: "Adds rows and columns of zeros around NHWC images (Keras' `ZeroPadding2D`).",
              parameters: [option("padding", .described("an integer ≥ 0, a list {rows, columns}, or {{top, bottom}, {left, right}}"), .number(1),
                                  "the rows and columns added")], options: [],
              sample: LayerSample([.number(1)], [[1, 4, 4, 3]])) { c, _ in
        try ZeroPadding2D.fromConfig(c)
    },
    LayerKind(className: "Cropping1D", aliases: [], summary: "Removes steps at the start and end (Keras' `Cropping1D`).",
              parameters: [option("cropping", .described("an integer ≥ 0 or a list {before, after}"), .number(1), "the steps removed")], options: [],
              sample: LayerSample([.number(1)], [[1, 6, 2]])) { c, _ in
        try Cropping1D.fromConfig(c)
    },
    LayerKind(className: "Cropping2D", aliases: [], summary: "Removes rows and columns at the borders of NHWC images (Keras' `Cropping2D`).",
              parameters: [option("cropping", .described("an integer ≥ 0, a list {rows, columns}, or {{top, bottom}, {left, right}}"), .number(0),
                                  "the rows and columns removed")], options: [],
              sample: LayerSample([.number(1)], [[1, 6, 6, 3]])) { c, _ in
        try Cropping2D.fromConfig(c)
    },
    LayerKind(className: "GlobalAveragePooling2D", aliases: ["GlobalAvgPool2D"], summary: "The mean over height and width of NHWC images (Keras' `GlobalAveragePooling2D`).",
              parameters: [], options: [keepdims],
              sample: LayerSample([], [[1, 4, 4, 3]])) { c, _ in try GlobalAveragePooling2D.fromConfig(c) },
    LayerKind(className: "GlobalMaxPooling2D", aliases: ["GlobalMaxPool2D"], summary: "The maximum over height and width of NHWC images (Keras' `GlobalMaxPooling2D`).",
              parameters: [], options: [keepdims],
              sample: LayerSample([], [[1, 4, 4, 3]])) { c, _ in try GlobalMaxPooling2D.fromConfig(c) },
    LayerKind(className: "GlobalAveragePooling1D", aliases: ["GlobalAvgPool1D"], summary: "The mean over the steps (Keras' `GlobalAveragePooling1D`).",
              parameters: [], options: [keepdims],
              sample: LayerSample([], [[1, 8, 3]])) { c, _ in try GlobalAveragePooling1D.fromConfig(c) },
    LayerKind(className: "GlobalMaxPooling1D", aliases: ["GlobalMaxPool1D"], summary: "The maximum over the steps (Keras' `GlobalMaxPooling1D`).",
              parameters: [], options: [keepdims],
              sample: LayerSample([], [[1, 8, 3]])) { c, _ in try GlobalMaxPooling1D.fromConfig(c) },
    LayerKind(className: "UpSampling2D", aliases: [], summary: "Repeats rows and columns of NHWC images (Keras' `UpSampling2D`).",
              parameters: [option("size", .sizes, .array([.number(2)]), "the factors for rows and columns")],
              options: [option("interpolation", .choice(UpsamplingInterpolation.allCases.map(\.rawValue)), .string("nearest"), "how new pixels are filled")],
              sample: LayerSample([.number(2)], [[1, 4, 4, 3]])) { c, _ in
        try UpSampling2D.fromConfig(c)
    },
]

private func recurrent(_ cell: Recurrent.Cell, _ summary: String, except excluded: Set<String>) -> LayerKind {
    LayerKind(className: Recurrent.typeName(cell), aliases: [], summary: summary,
              parameters: [required("units", .integer, "the size of the hidden state")],
              options: LayerOption.options(of: RecurrentOptions.self, except: excluded),
              sample: LayerSample([.number(4)], [[2, 5, 3]])) { c, context in
        try Recurrent.fromConfig(cell, c, context)
    }
}

private let otherLayers: [LayerKind] = [
    LayerKind(className: "BatchNormalization", aliases: [],
              summary: "Normalizes each channel (the last axis) with the batch's statistics while training and moving averages otherwise (Keras' `BatchNormalization`).",
              parameters: [], options: [option("axis", .integer, .number(-1), "the channel axis (only the last)")]
                  + LayerOption.options(of: BatchNormalization.Options.self),
              sample: LayerSample([], [[2, 3]])) { c, context in
        try BatchNormalization(options: ConfigCoding.decodeOptions(BatchNormalization.Options.self, from: c, context: context, op: "BatchNormalization"),
                               name: c["name"]?.stringValue)
    },
    LayerKind(className: "LayerNormalization", aliases: [], summary: "Normalizes each sample over its last axis (Keras' `LayerNormalization`).",
              parameters: [], options: [option("axis", .integer, .number(-1), "the normalized axis (only the last)")]
                  + LayerOption.options(of: LayerNormalization.Options.self),
              sample: LayerSample([], [[2, 3]])) { c, context in
        try LayerNormalization(options: ConfigCoding.decodeOptions(LayerNormalization.Options.self, from: c, context: context, op: "LayerNormalization"),
                               name: c["name"]?.stringValue)
    },
    recurrent(.simple, "A fully connected recurrent layer: h = activation(x·W + h·U + b) (Keras' `SimpleRNN`).",
              except: ["recurrent_activation", "unit_forget_bias", "reset_after"]),
    recurrent(.lstm, "Long short-term memory, with states h and c (Keras' `LSTM`).", except: ["reset_after"]),
    recurrent(.gru, "Gated recurrent unit (Keras' `GRU`, reset_after = true as Keras 3).", except: ["unit_forget_bias"]),
    LayerKind(className: "Concatenate", aliases: [], summary: "Concatenates a list of inputs along an axis (Keras' `Concatenate`).",
              parameters: [option("axis", .integer, .number(-1), "the axis (-1: the last)")], options: [],
              sample: LayerSample([], [[2, 3], [2, 4]])) { c, _ in try Concatenate.fromConfig(c) },
    LayerKind(className: "Dot", aliases: [], summary: "Dot products of two inputs' samples along axes (Keras' `Dot`).",
              parameters: [required("axes", .sizes, "the axis of both inputs, or one per input")],
              options: [option("normalize", .boolean, .bool(false), "L2-normalize along the axes first (cosine similarity)")],
              sample: LayerSample([.number(1)], [[2, 3], [2, 3]])) { c, _ in
        try Dot.fromConfig(c)
    },
    merge("Add", "Adds a list of inputs (Keras' `Add`).", Add.init),
    merge("Subtract", "Subtracts the second input from the first (Keras' `Subtract`).", Subtract.init),
    merge("Multiply", "Multiplies a list of inputs elementwise (Keras' `Multiply`).", Multiply.init),
    merge("Average", "Averages a list of inputs (Keras' `Average`).", Average.init),
    merge("Maximum", "The elementwise maximum of a list of inputs (Keras' `Maximum`).", Maximum.init),
    merge("Minimum", "The elementwise minimum of a list of inputs (Keras' `Minimum`).", Minimum.init),
]

private func merge(_ className: String, _ summary: String, _ make: @escaping @Sendable (String?) throws -> Layer) -> LayerKind {
    LayerKind(className: className, aliases: [], summary: summary, parameters: [], options: [],
              sample: LayerSample([], [[2, 3], [2, 3]])) { c, _ in try make(c["name"]?.stringValue) }
}
