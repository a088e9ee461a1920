import LuaHost
import NN
import Tensors

/// `nn.initializers.<name>(shape [, options])`: a new float32 tensor filled as Keras' initializer of
/// that name fills a weight of that shape (fans computed as Keras does), with Keras' options and the
/// library's defaults.
func declareInitializers(in table: LuaModule) {
    let plain: [(String, String, ([Int]) throws -> Tensor)] = [
        ("zeros", "Zeros", Initializers.zeros), ("ones", "Ones", Initializers.ones),
        ("glorot_uniform", "GlorotUniform", Initializers.glorotUniform), ("glorot_normal", "GlorotNormal", Initializers.glorotNormal),
        ("he_uniform", "HeUniform", Initializers.heUniform), ("he_normal", "HeNormal", Initializers.heNormal),
        ("lecun_uniform", "LecunUniform", Initializers.lecunUniform), ("lecun_normal", "LecunNormal", Initializers.lecunNormal),
    ]
    for (name, kerasName, make) in plain {
        initializer(table, name, kerasName, []) { shape, _ in try make(shape) }
    }
    let keras = Initializer.Defaults()
    initializer(table, "constant", "Constant", [LuaOption("value", .number, default: .number(keras.value), "the value of every element")]) { shape, options in
        try Initializers.constant(shape, value: options.value("value"))
    }
    let normal = [LuaOption("mean", .number, default: .number(keras.mean), "the mean"),
                  LuaOption("stddev", .number, default: .number(keras.stddev), "the standard deviation")]
    initializer(table, "random_normal", "RandomNormal", normal) { shape, options in
        try Initializers.randomNormal(shape, mean: options.value("mean"), std: options.value("stddev"))
    }
    initializer(table, "truncated_normal", "TruncatedNormal", normal) { shape, options in
        try Initializers.truncatedNormal(shape, mean: options.value("mean"), std: options.value("stddev"))
    }
    initializer(table, "random_uniform", "RandomUniform", [LuaOption("minval", .number, default: .number(keras.minval), "the lower bound"),
                                                           LuaOption("maxval", .number, default: .number(keras.maxval), "the upper bound")]) { shape, options in
        try Initializers.randomUniform(shape, low: options.value("minval"), high: options.value("maxval"))
    }
    initializer(table, "orthogonal", "Orthogonal", [LuaOption("gain", .number, default: .number(keras.gain), "the factor applied")]) { shape, options in
        try Initializers.orthogonal(shape, gain: options.value("gain"))
    }
    let modes = [Initializers.FanMode.fanIn, .fanOut, .fanAverage].map(\.rawValue)
    let distributions = [Initializers.Distribution.truncatedNormal, .untruncatedNormal, .uniform].map(\.rawValue)
    initializer(table, "variance_scaling", "VarianceScaling", [
        LuaOption("scale", .number, default: .number(keras.scale), "the variance is scale / the fan"),
        LuaOption("mode", .choice(modes), default: .string(keras.mode), "which fan: of the inputs, the outputs, or their mean"),
        LuaOption("distribution", .choice(distributions), default: .string(keras.distribution), "what the values are drawn from"),
    ]) { shape, options in
        try Initializers.varianceScaling(shape, scale: options.value("scale"),
                                         mode: Initializers.FanMode(rawValue: options.value("mode")) ?? .fanIn,
                                         distribution: Initializers.Distribution(rawValue: options.value("distribution")) ?? .truncatedNormal)
    }
}

/// An initializer function: sizes (a table, or integers) then options.
private func initializer(_ table: LuaModule, _ name: String, _ kerasName: String, _ options: [LuaOption],
                         _ make: @escaping ([Int], LuaOptions) throws -> Tensor) {
    table.declare(name, LuaSignature(
        parameters: [LuaParameter("shape", .described("a table of sizes, or the sizes"), "the weight's shape")],
        options: options.isEmpty ? nil : options, returns: "a float32 tensor",
        summary: "A new tensor filled as Keras' `\(kerasName)` initializer fills a weight of this shape.",
        example: """
            tensor.manual_seed(1)
            print(nn.initializers.\(name){2, 3}:shape())
            """)) { call in
        let (shape, next) = try call.sizes(from: 1)
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw call.invalid(1, "must hold positive sizes, got {\(shape.map(String.init).joined(separator: ", "))}")
        }
        let options = try call.options(next)
        let tensor = try make(shape, options)
        try options.rejectUnknown()
        return call.push(tensor)
    }
}
