import LuaHost
import NN
import Tensors

/// The layer constructors of `nn`, one per name of the NN library's `LayerKind.all`, with Keras' names,
/// first positional parameters and options (`nn.Dense(10, {activation = 'softmax'})`). Parameters may
/// also be given by name among the options (`nn.Dense{units = 10}`). Sizes such as kernel_size and
/// strides take one number or a list, which reaches the layer as a list; the layer checks its length and
/// values. `activation` takes Keras' name or a Lua function of a tensor.
enum LayerConstructors {
    static func declare(in module: LuaModule) {
        for kind in LayerKind.all {
            let signature = signature(of: kind)
            for name in kind.names {
                module.declareActive(name, signature) { call in call.push(layer: try make(kind, call)) }
            }
        }
    }

    /// The declaration the reference shows: parameters, then every option with the library's default.
    private static func signature(of kind: LayerKind) -> LuaSignature {
        let parameters = kind.parameters.map {
            LuaParameter($0.key, luaKind($0.form), default: $0.defaultValue.flatMap { luaDefault($0).text }, $0.doc)
        }
        let byName = kind.parameters.map { LuaOption($0.key, luaKind($0.form), default: $0.defaultValue.map(luaDefault) ?? .none, "the parameter, given by name") }
        let options = (kind.options + LayerKind.commonOptions).map { LuaOption($0.key, luaKind($0.form), default: $0.defaultValue.map(luaDefault) ?? .none, $0.doc) }
        return LuaSignature(parameters: parameters, options: byName + options, returns: "a Layer", summary: kind.summary,
                            example: example(kind))
    }

    /// Builds the layer, called on a small input, and prints its output's shape.
    private static func example(_ kind: LayerKind) -> String {
        let sample = kind.sample
        let arguments = sample.arguments.map(OptionForms.luaText).joined(separator: ", ")
        let inputs = sample.inputShapes.map { shape in "tensor.ones{" + shape.map(String.init).joined(separator: ", ") + "}" }
        let input = inputs.count == 1 ? inputs[0] : "{" + inputs.joined(separator: ", ") + "}"
        return """
            local layer = nn.\(kind.className)(\(arguments))
            print(layer(\(input)):shape())
            """
    }

    private static func luaKind(_ form: OptionForm) -> LuaValueKind {
        switch form {
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        case .string: return .string
        case .sizes: return .oneOf([.integer, .list(.integer)])
        case .integerList: return .list(.integer)
        case .choice(let choices): return .choice(choices)
        case .activation: return .described("an activation's name ('relu') or a function of a tensor")
        case .initializer: return .described("an initializer's name ('glorot_uniform') or {class_name = ..., config = {...}}")
        case .described(let text): return .described(text)
        }
    }

    private static func luaDefault(_ value: JSONValue) -> LuaDefault {
        switch value {
        case .null: return .none
        case .bool(let flag): return .boolean(flag)
        case .number(let number): return value.intValue.map(LuaDefault.integer) ?? .number(number)
        case .string(let text): return .string(text)
        case .array, .object: return .described(OptionForms.luaText(value))
        }
    }

    /// Reads the arguments and makes the layer.
    private static func make(_ kind: LayerKind, _ call: LuaCall) throws -> Layer {
        var converter = LuaConfigConverter(call: call)
        var config: [String: JSONValue] = [:]
        var index: Int32 = 1
        for parameter in kind.parameters {
            let form = ParameterForm(parameter.form)
            guard !call.isMissing(index), !(try isOptionsTable(call, index, form: form)) else { break }
            config[parameter.key] = try converter.parameter(LuaSlot(call, index), form, label: "argument #\(index) (\(parameter.key))")
            index += 1
        }
        if !call.isMissing(index) {
            let options = try call.table(index, expected: "a table of options")
            try options.forEach { key, value in
                guard key.type == .string, let name = try? key.value(as: String.self) else {
                    throw call.invalid(index, "must have string keys (option names), got a \(key.type.name) key")
                }
                if config[name] != nil {
                    throw LuaError.message("\(call.name): '\(name)' is given both as an argument and as an option")
                }
                let label = "option '\(name)'"
                let slot = LuaSlot(value)
                if let parameter = kind.parameters.first(where: { $0.key == name }) {
                    config[name] = try converter.parameter(slot, ParameterForm(parameter.form), label: label)
                } else if OptionForms.sizeKeys.contains(name) {
                    config[name] = try converter.parameter(slot, .sizes, label: label)
                } else if InputDeclaration.keys.contains(name) {
                    config[name] = try converter.parameter(slot, name == "input_dim" ? .integer : .sizes, label: label)
                } else {
                    config[name] = try converter.value(slot, key: name, label: label)
                }
            }
            try call.options(index).rejectUnknown()
            index += 1
        }
        if !call.isMissing(index) {
            let parameters = kind.parameters.map(\.key)
            throw call.invalid(index, "is one too many: options go in one table after \(parameters.isEmpty ? "the parentheses" : parameters.joined(separator: ", "))")
        }
        for parameter in kind.parameters where config[parameter.key] == nil && parameter.defaultValue == nil {
            let required = kind.parameters.filter { $0.defaultValue == nil }.map(\.key).joined(separator: ", ")
            throw LuaError.message("\(call.name): missing argument '\(parameter.key)'; call it as \(call.name)(\(required) [, options])")
        }
        if let name = config["name"], name.stringValue == nil {
            throw LuaError.message("\(call.name): option 'name' must be a string")
        }
        if let trainable = config["trainable"], trainable.boolValue == nil {
            throw LuaError.message("\(call.name): option 'trainable' must be a boolean")
        }
        return try NN.layer(className: kind.className, config: config, functions: converter.functions)
    }

    /// A table where a positional parameter may stand is the options when that parameter is not a list,
    /// or when the table has no list part (`nn.MaxPooling2D{pool_size = 2}`).
    private static func isOptionsTable(_ call: LuaCall, _ index: Int32, form: ParameterForm) throws -> Bool {
        guard call.type(index) == .table else { return false }
        guard form == .sizes || form == .list || form == .any else { return true }
        return try call.table(index).count == 0
    }
}

/// How a positional parameter is read.
enum ParameterForm {
    case integer, number, sizes, list, activation
    /// Any value, converted as it is (ZeroPadding2D's `{{1, 2}, {3, 4}}`); the layer checks its form.
    case any

    init(_ form: OptionForm) {
        switch form {
        case .integer: self = .integer
        case .number: self = .number
        case .sizes: self = .sizes
        case .integerList: self = .list
        case .activation: self = .activation
        case .boolean, .string, .choice, .initializer, .described: self = .any
        }
    }
}
