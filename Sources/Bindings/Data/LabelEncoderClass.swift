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

/// The LabelEncoder class (data.LabelEncoder).
enum LabelEncoderLua {
    nonisolated(unsafe) static let luaClass: LuaClass<LabelEncoderObject> = {
        let luaClass = LuaClass<LabelEncoderObject>(name: "LabelEncoder", summary: """
            Labels to class ids 0, 1, ... in sorted order of the labels, and back, as scikit-learn's \
            LabelEncoder (data.LabelEncoder()).
            """, fields: [
                LuaParameter("classes", .described("a tensor or a list"), "the sorted labels, in the form fit saw them (nil before fit)"),
                LuaParameter("fitted", .boolean, "whether fit has run"),
            ])
        let labelsParameter = LuaParameter("labels", .oneOf([.tensor, .list(.oneOf([.number, .string]))]),
                                           "a tensor, or a list of numbers or strings")
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
        luaClass.declareTranslatingErrors("fit", LuaSignature(
            parameters: [labelsParameter], returns: "the encoder",
            summary: "Learns the classes: the distinct labels, sorted.",
            example: """
                local encoder = data.LabelEncoder():fit(tensor{-1, 1, -1})
                print(encoder.classes)
                """)) { call, object in
            try fit(call, object)
            return call.push(object, luaClass)
        }
        luaClass.declareTranslatingErrors("transform", LuaSignature(
            parameters: [labelsParameter], returns: "int64 class ids, in the labels' shape",
            summary: "The class id of each label; a label not seen by fit is an error.",
            example: """
                local encoder = data.LabelEncoder():fit{'b', 'a'}
                print(encoder:transform{'a', 'b', 'b'})
                """)) { call, object in
            try transform(call, object)
        }
        luaClass.declareTranslatingErrors("fit_transform", LuaSignature(
            parameters: [labelsParameter], returns: "int64 class ids",
            summary: "fit, then transform the same labels.",
            example: """
                print(data.LabelEncoder():fit_transform{'low', 'high', 'low'})
                """)) { call, object in
            try fit(call, object)
            return try transform(call, object)
        }
        luaClass.declareTranslatingErrors("inverse_transform", LuaSignature(
            parameters: [LuaParameter("ids", .oneOf([.tensor, .list(.integer)]), "class ids")],
            returns: "the labels, in the form fit saw them (a tensor of its dtype, or a list)",
            summary: "The label of each class id.",
            example: """
                local encoder = data.LabelEncoder():fit{'cat', 'dog'}
                print(table.concat(encoder:inverse_transform{1, 0}, ' '))
                """)) { call, object in
            let ids = try call.integers(2, expected: "a tensor or list of class ids")
            return try object.pushLabels(try object.encoder.inverse(ids), call: call)
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
