import LuaHost
import NN
import Tensors

/// `nn.initializers.<name>(shape [, options])`: a new float32 tensor filled as Keras' initializer of
/// that name fills a weight of that shape (fans computed as Keras does), with Keras' options and
/// defaults: constant{value = 0}, random_normal and truncated_normal{mean = 0, stddev = 0.05},
/// random_uniform{minval = -0.05, maxval = 0.05}, orthogonal{gain = 1}, variance_scaling{scale = 1,
/// mode = 'fan_in', distribution = 'truncated_normal'}. `shape` is a table of sizes or the sizes.
func declareInitializers(in table: LuaModule) {
    let plain: [(String, ([Int]) throws -> Tensor)] = [
        ("zeros", Initializers.zeros), ("ones", Initializers.ones),
        ("glorot_uniform", Initializers.glorotUniform), ("glorot_normal", Initializers.glorotNormal),
        ("he_uniform", Initializers.heUniform), ("he_normal", Initializers.heNormal),
        ("lecun_uniform", Initializers.lecunUniform), ("lecun_normal", Initializers.lecunNormal),
    ]
    for (name, make) in plain {
        initializer(table, name) { shape, _ in try make(shape) }
    }
    initializer(table, "constant") { shape, options in
        try Initializers.constant(shape, value: options.value("value", default: 0.0))
    }
    initializer(table, "random_normal") { shape, options in
        try Initializers.randomNormal(shape, mean: options.value("mean", default: 0.0), std: options.value("stddev", default: 0.05))
    }
    initializer(table, "truncated_normal") { shape, options in
        try Initializers.truncatedNormal(shape, mean: options.value("mean", default: 0.0), std: options.value("stddev", default: 0.05))
    }
    initializer(table, "random_uniform") { shape, options in
        try Initializers.randomUniform(shape, low: options.value("minval", default: -0.05), high: options.value("maxval", default: 0.05))
    }
    initializer(table, "orthogonal") { shape, options in
        try Initializers.orthogonal(shape, gain: options.value("gain", default: 1.0))
    }
    initializer(table, "variance_scaling") { shape, options in
        let mode = try options.choice("mode", among: ["fan_in", "fan_out", "fan_avg"], default: "fan_in")
        let distribution = try options.choice("distribution", among: ["truncated_normal", "untruncated_normal", "uniform"],
                                              default: "truncated_normal")
        return try Initializers.varianceScaling(shape, scale: options.value("scale", default: 1.0),
                                                mode: Initializers.FanMode(rawValue: mode) ?? .fanIn,
                                                distribution: Initializers.Distribution(rawValue: distribution) ?? .truncatedNormal)
    }
}

/// An initializer function: sizes (a table, or integers) then options.
private func initializer(_ table: LuaModule, _ name: String, _ make: @escaping ([Int], LuaOptions) throws -> Tensor) {
    table.function(name) { call in
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
