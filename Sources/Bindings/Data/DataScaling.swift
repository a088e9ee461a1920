import Datasets
import LuaHost
import Tensors

// Scaling features: scalers fitted on training data and applied unchanged to test data, and Keras'
// normalize.

func declareDataScaling(_ module: LuaModule) {
    let axisOption = LuaOption("axis", .oneOf([.integer, .list(.integer)]), default: .described("-1"), """
        the dimension(s) with statistics of their own, as in Keras' Normalization layer: -1 gives columns of \
        an N x F matrix and channels of N x H x W x C images (a 1-D tensor gets one statistic); a list for \
        several; {} for one statistic overall
        """)
    let range = FeatureScaler.defaultFeatureRange
    let rangeOption = LuaOption("feature_range", .list(.number), default: .described("{\(formatNumber(range.low)), \(formatNumber(range.high))}"),
                                "{low, high}: the range of the scaled values")

    module.declareTranslatingErrors("StandardScaler", LuaSignature(
        options: [axisOption], returns: "a Scaler",
        summary: "A scaler to mean 0 and standard deviation 1 per feature, as scikit-learn's StandardScaler; fit it with scaler:fit(x_train).",
        example: """
            local scaler = data.StandardScaler():fit(tensor{{1, 10}, {3, 30}})
            print(scaler.mean, scaler:transform(tensor{{2, 20}}))
            """)) { call in
        let options = try call.options(1)
        let axes = try featureAxes(options, call: call)
        try options.rejectUnknown()
        return call.push(try FeatureScaler(method: .standard, featureDims: axes, operation: "StandardScaler"), ScalerLua.luaClass)
    }

    module.declareTranslatingErrors("MinMaxScaler", LuaSignature(
        options: [rangeOption, axisOption], returns: "a Scaler",
        summary: "A scaler to feature_range per feature, as scikit-learn's MinMaxScaler; fit it with scaler:fit(x_train).",
        example: """
            local scaler = data.MinMaxScaler{feature_range = {-1, 1}}:fit(tensor{0, 5, 10})
            print(scaler:transform(tensor{5, 10}))
            """)) { call in
        let options = try call.options(1)
        let method = try minMaxMethod(options)
        let axes = try featureAxes(options, call: call)
        try options.rejectUnknown()
        return call.push(try FeatureScaler(method: method, featureDims: axes, operation: "MinMaxScaler"), ScalerLua.luaClass)
    }

    module.declareTranslatingErrors("standardize", LuaSignature(
        parameters: [LuaParameter("x", .tensor, "the data to fit and scale")], options: [axisOption],
        returns: "the scaled tensor, and the fitted Scaler (for test data: scaler:transform(x_test))",
        summary: "Fits a StandardScaler on x and returns x scaled to mean 0 and standard deviation 1 per feature, as scikit-learn's scale.",
        example: """
            local scaled, scaler = data.standardize(tensor{{1}, {3}})
            print(scaled:view(-1), scaler.mean)
            """)) { call in
        let data = try call.tensor(1)
        let options = try call.options(2)
        let scaler = try FeatureScaler(method: .standard, featureDims: try featureAxes(options, call: call), operation: call.name)
        try options.rejectUnknown()
        try scaler.fit(data)
        return call.push(call.value(try scaler.transform(data)), ObjectValue(call: call, object: scaler, luaClass: ScalerLua.luaClass))
    }

    module.declareTranslatingErrors("min_max_scale", LuaSignature(
        parameters: [LuaParameter("x", .tensor, "the data to fit and scale")], options: [rangeOption, axisOption],
        returns: "the scaled tensor, and the fitted Scaler",
        summary: "Fits a MinMaxScaler on x and returns x mapped to feature_range per feature, as scikit-learn's minmax_scale.",
        example: """
            print(data.min_max_scale(tensor{2, 4, 6}))
            """)) { call in
        let data = try call.tensor(1)
        let options = try call.options(2)
        let scaler = try FeatureScaler(method: try minMaxMethod(options), featureDims: try featureAxes(options, call: call),
                                       operation: call.name)
        try options.rejectUnknown()
        try scaler.fit(data)
        return call.push(call.value(try scaler.transform(data)), ObjectValue(call: call, object: scaler, luaClass: ScalerLua.luaClass))
    }

    module.declareTranslatingErrors("normalize", LuaSignature(
        parameters: [LuaParameter("x", .tensor, "the vectors")],
        options: [LuaOption("axis", .integer, default: .integer(VectorNormalization.defaultDim), "the dimension along which vectors lie"),
                  LuaOption("order", .number, default: .number(VectorNormalization.defaultOrder), "the norm's order (2: Euclidean)")],
        returns: "a float32 tensor: x divided by its norms",
        summary: "Keras' normalize: each slice along `axis` divided by its L-order norm (slices of norm 0 stay 0).",
        example: """
            print(data.normalize(tensor{{3, 4}, {0, 0}}))
            """)) { call in
        let data = try call.tensor(1)
        let options = try call.options(2)
        let axis = try libraryDim(try options.value("axis"), call: call, option: "axis")
        let order = try options.value("order", as: Double.self)
        try options.rejectUnknown()
        return call.push(try VectorNormalization.normalize(data, dim: axis, order: order, operation: call.name))
    }
}

/// The `axis` option of the scalers as the library's feature dimensions: nil (default), [] ({}), or
/// the listed dimensions converted to 0-based.
private func featureAxes(_ options: LuaOptions, call: LuaCall) throws -> [Int]? {
    try options.with("axis") { element -> [Int]? in
        if element.isMissing { return nil }
        let dims = element.type == .number ? [try element.value(as: Int.self)]
            : try element.table(expected: "a dimension or a list of dimensions").array(of: Int.self)
        return try dims.map { try libraryDim($0, call: call, option: "axis") }
    }
}

private func minMaxMethod(_ options: LuaOptions) throws -> FeatureScaler.Method {
    try options.with("feature_range") { element -> FeatureScaler.Method in
        if element.isMissing { return .minMax(low: FeatureScaler.defaultFeatureRange.low, high: FeatureScaler.defaultFeatureRange.high) }
        let range = try element.table(expected: "{low, high}").array(of: Double.self)
        guard range.count == 2 else { throw element.invalid("must be {low, high}, got \(range.count) numbers") }
        return .minMax(low: range[0], high: range[1])
    }
}
