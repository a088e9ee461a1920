import Datasets
import LuaHost
import Tensors

/// A label encoder as Lua holds it: the encoder and the form its labels came in, so that
/// inverse_transform gives labels back in that form (a tensor of the same dtype, or a Lua list).
final class LabelEncoderObject {
    let encoder = LabelEncoder()
    /// The dtype of the tensor `fit` read, nil for a Lua list.
    var dtype: DType?

    /// Labels from a tensor (numbers) or a Lua list of numbers or strings.
    func labels(_ call: LuaCall, _ index: Int32) throws -> (labels: [LabelEncoder.Label], tensor: Tensor?) {
        if let tensor = call.optionalTensor(index) {
            return (try doubles(of: tensor).map { .number($0) }, tensor)
        }
        let list = try call.table(index, expected: "a tensor or a list of labels")
        let labels = try (0..<list.count).map { offset in
            try list.withElement(offset + 1) { element -> LabelEncoder.Label in
                switch element.type {
                case .number: return .number(try element.value(as: Double.self))
                case .string: return .text(try element.value(as: String.self))
                default: throw element.mismatch(expected: "a number or a string")
                }
            }
        }
        return (labels, nil)
    }

    /// Labels in the form `fit` saw: a tensor of its dtype, or a Lua list.
    func pushLabels(_ labels: [LabelEncoder.Label], call: LuaCall) throws -> Int32 {
        if let dtype {
            let numbers = labels.map { if case .number(let n) = $0 { Float(n) } else { Float.nan } }
            return call.push(try Tensor(numbers, shape: [numbers.count]).to(dtype))
        }
        // fit refuses a mix, so the labels are all strings or all numbers.
        let texts = labels.compactMap { if case .text(let s) = $0 { s } else { nil } }
        if texts.count == labels.count { return call.push(texts) }
        return call.push(labels.map { if case .number(let n) = $0 { n } else { Double.nan } })
    }
}

/// data.LabelEncoder(): fit(labels), transform(labels) -> int64 class ids from 0, fit_transform,
/// inverse_transform(ids), field classes (sorted labels).
enum LabelEncoderLua {
    nonisolated(unsafe) static let luaClass: LuaClass<LabelEncoderObject> = {
        let luaClass = LuaClass<LabelEncoderObject>(name: "LabelEncoder")
        func fit(_ call: LuaCall, _ object: LabelEncoderObject) throws {
            let (labels, tensor) = try object.labels(call, 2)
            try object.encoder.fit(labels)
            object.dtype = tensor?.dtype
        }
        func transform(_ call: LuaCall, _ object: LabelEncoderObject) throws -> Int32 {
            let (labels, tensor) = try object.labels(call, 2)
            let ids = try object.encoder.transform(labels)
            return call.push(try Tensor(ids, shape: tensor?.shape.array ?? [ids.count]))
        }
        luaClass.method("fit") { call, object in
            try translatingErrors(call) {
                try fit(call, object)
                return call.push(object, luaClass)
            }
        }
        luaClass.method("transform") { call, object in try translatingErrors(call) { try transform(call, object) } }
        luaClass.method("fit_transform") { call, object in
            try translatingErrors(call) {
                try fit(call, object)
                return try transform(call, object)
            }
        }
        luaClass.method("inverse_transform") { call, object in
            try translatingErrors(call) {
                let ids: [Int64]
                if let tensor = call.optionalTensor(2) {
                    ids = try integerValues(of: tensor) { call.invalid(2, "holds \($0), not a class id") }
                } else {
                    ids = try call.table(2, expected: "a tensor or list of class ids").array(of: Int.self).map(Int64.init)
                }
                return try object.pushLabels(try object.encoder.inverse(ids), call: call)
            }
        }
        luaClass.index { call, object in
            switch String.read(call.state, 2) {
            case "classes": return object.encoder.isFitted ? try object.pushLabels(object.encoder.classes, call: call) : call.pushNil()
            case "fitted": return call.push(object.encoder.isFitted)
            default: return call.pushNil()
            }
        }
        luaClass.metamethod("__tostring") { call in
            let object = try call.object(1, luaClass)
            return call.push("LabelEncoder\(object.encoder.isFitted ? " (\(object.encoder.classes.count) classes)" : " (not fitted yet)")")
        }
        return luaClass
    }()
}
