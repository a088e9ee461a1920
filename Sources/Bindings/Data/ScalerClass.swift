import Datasets
import LuaHost
import Tensors

/// StandardScaler and MinMaxScaler objects: fit on training data, then transform any data the same way.
enum ScalerLua {
    nonisolated(unsafe) static let luaClass: LuaClass<FeatureScaler> = {
        let luaClass = LuaClass<FeatureScaler>(name: "Scaler", summary: """
            A StandardScaler or MinMaxScaler (data.StandardScaler, data.MinMaxScaler), as scikit-learn's: fit \
            on training data, then transform any data the same way.
            """, fields: [
                LuaParameter("mean", .tensor, "StandardScaler: the fitted means, shaped as the feature dimensions (nil before fit)"),
                LuaParameter("std", .tensor, "StandardScaler: the fitted standard deviations"),
                LuaParameter("min", .tensor, "MinMaxScaler: the fitted minima"),
                LuaParameter("max", .tensor, "MinMaxScaler: the fitted maxima"),
                LuaParameter("fitted", .boolean, "whether fit has run"),
            ])
        let data = LuaParameter("x", .tensor, "the data, features at the scaler's axis")
        luaClass.declareTranslatingErrors("fit", LuaSignature(
            parameters: [data], returns: "the scaler",
            summary: "Learns the statistics of each feature from x.",
            example: """
                local scaler = data.StandardScaler():fit(tensor{{0, 1}, {2, 3}})
                print(scaler.mean, scaler.std)
                """)) { call, scaler in
            try scaler.fit(try call.tensor(2))
            return call.push(scaler, luaClass)
        }
        luaClass.declareTranslatingErrors("transform", LuaSignature(
            parameters: [data], returns: "a scaled float32 tensor",
            summary: "x scaled with the fitted statistics.",
            example: """
                local scaler = data.MinMaxScaler():fit(tensor{0, 10})
                print(scaler:transform(tensor{5, 20}))
                """)) { call, scaler in
            call.push(try scaler.transform(try call.tensor(2)))
        }
        luaClass.declareTranslatingErrors("fit_transform", LuaSignature(
            parameters: [data], returns: "a scaled float32 tensor",
            summary: "fit, then transform the same data.",
            example: """
                print(data.StandardScaler():fit_transform(tensor{{1}, {3}}))
                """)) { call, scaler in
            let data = try call.tensor(2)
            try scaler.fit(data)
            return call.push(try scaler.transform(data))
        }
        luaClass.declareTranslatingErrors("inverse_transform", LuaSignature(
            parameters: [LuaParameter("scaled", .tensor, "scaled data")], returns: "the data in its original units",
            summary: "Undoes transform.",
            example: """
                local scaler = data.MinMaxScaler():fit(tensor{0, 10})
                print(scaler:inverse_transform(tensor{0.5}))
                """)) { call, scaler in
            call.push(try scaler.inverseTransform(try call.tensor(2)))
        }
        luaClass.index { call, scaler in
            switch String.read(call.state, 2) {
            case "mean": return call.push(scaler.mean.map { call.value($0) })
            case "std": return call.push(scaler.std.map { call.value($0) })
            case "min": return call.push(scaler.min.map { call.value($0) })
            case "max": return call.push(scaler.max.map { call.value($0) })
            case "fitted": return call.push(scaler.isFitted)
            default: return call.pushNil()
            }
        }
        luaClass.metamethod("__tostring") { call in
            let scaler = try call.object(1, luaClass)
            return call.push("\(name(of: scaler))\(scaler.isFitted ? "" : " (not fitted yet)")")
        }
        return luaClass
    }()

    private static func name(of scaler: FeatureScaler) -> String {
        switch scaler.method {
        case .standard: return "StandardScaler"
        case .minMax(let low, let high): return "MinMaxScaler (feature_range {\(low), \(high)})"
        }
    }
}
