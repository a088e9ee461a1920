import Datasets
import LuaHost
import Tensors

/// StandardScaler and MinMaxScaler objects: fit on training data, then transform any data the same way.
enum ScalerLua {
    nonisolated(unsafe) static let luaClass: LuaClass<FeatureScaler> = {
        let luaClass = LuaClass<FeatureScaler>(name: "Scaler")
        luaClass.method("fit") { call, scaler in
            try translatingErrors(call) {
                try scaler.fit(try call.tensor(2))
                return call.push(scaler, luaClass)
            }
        }
        luaClass.method("transform") { call, scaler in
            try translatingErrors(call) { call.push(try scaler.transform(try call.tensor(2))) }
        }
        luaClass.method("fit_transform") { call, scaler in
            try translatingErrors(call) {
                let data = try call.tensor(2)
                try scaler.fit(data)
                return call.push(try scaler.transform(data))
            }
        }
        luaClass.method("inverse_transform") { call, scaler in
            try translatingErrors(call) { call.push(try scaler.inverseTransform(try call.tensor(2))) }
        }
        // Fields: the fitted statistics (nil before fit) and the kind of scaling.
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
