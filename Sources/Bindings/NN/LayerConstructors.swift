import CLua
import LuaHost
import NN
import Tensors

// The layer constructors of `nn`, with Keras' names, first positional parameters and options:
//
//   nn.Dense(10, {activation = 'softmax'})            nn.Conv2D(32, 3, {padding = 'same'})
//   nn.MaxPooling2D(2)   nn.LSTM(50, {return_sequences = true})   nn.Embedding(1000, 64)
//   nn.Dropout(0.5)      nn.Reshape{7, 7, 1}          nn.Activation('relu')
//
// Positional parameters may also be given by name among the options (`nn.Dense{units = 10}`). Sizes
// such as kernel_size, strides and pool_size take one number or a list, which reaches the layer as a
// list; the layer checks its length and values. `input_shape`, `input_dim` and `batch_input_shape`
// declare the input a Sequential model puts before its first layer. `activation` takes Keras' name or
// a Lua function of a tensor. The options become the layer's Keras configuration, which the NN library
// checks (an unknown option is an error listing the known ones); axes keep Keras' numbering.

/// How a positional parameter is read.
enum ParameterKind {
    case integer, number, sizes, list, activation
    /// Any value, converted as it is (ZeroPadding2D's `{{1, 2}, {3, 4}}`); the layer checks its form.
    case any
}

/// One Keras layer constructor as `nn` offers it.
struct LayerConstructor {
    /// `Dense`; aliases such as `MaxPool2D` are extra names of the same constructor.
    let names: [String]
    /// The NN library's class name.
    let className: String
    /// Keras' first positional parameters, in order, with defaults for those Keras does not require.
    let parameters: [(key: String, kind: ParameterKind, defaultValue: JSONValue?)]
    /// For layers whose configuration the library reads without refusing unknown keys: their options.
    let uncheckedOptions: [String]?

    init(_ names: [String], _ className: String? = nil, _ parameters: [(String, ParameterKind, JSONValue?)] = [],
         options: [String]? = nil) {
        self.names = names
        self.className = className ?? names[0]
        self.parameters = parameters.map { (key: $0.0, kind: $0.1, defaultValue: $0.2) }
        uncheckedOptions = options
    }

    static let all: [LayerConstructor] = [
        LayerConstructor(["Dense"], nil, [("units", .integer, nil)]),
        LayerConstructor(["Activation"], nil, [("activation", .activation, nil)], options: []),
        LayerConstructor(["Flatten"], options: []),
        LayerConstructor(["Reshape"], nil, [("target_shape", .list, nil)], options: []),
        LayerConstructor(["Permute"], nil, [("dims", .list, nil)], options: []),
        LayerConstructor(["RepeatVector"], nil, [("n", .integer, nil)], options: []),
        LayerConstructor(["Dropout"], nil, [("rate", .number, nil)], options: ["noise_shape"]),
        LayerConstructor(["Embedding"], nil, [("input_dim", .integer, nil), ("output_dim", .integer, nil)]),
        LayerConstructor(["Conv1D", "Convolution1D"], "Conv1D", [("filters", .integer, nil), ("kernel_size", .sizes, nil)]),
        LayerConstructor(["Conv2D", "Convolution2D"], "Conv2D", [("filters", .integer, nil), ("kernel_size", .sizes, nil)]),
        LayerConstructor(["Conv2DTranspose", "Convolution2DTranspose"], "Conv2DTranspose",
                         [("filters", .integer, nil), ("kernel_size", .sizes, nil)]),
        LayerConstructor(["MaxPooling2D", "MaxPool2D"], "MaxPooling2D", [("pool_size", .sizes, .array([.number(2)]))]),
        LayerConstructor(["AveragePooling2D", "AvgPool2D"], "AveragePooling2D", [("pool_size", .sizes, .array([.number(2)]))]),
        LayerConstructor(["MaxPooling1D", "MaxPool1D"], "MaxPooling1D", [("pool_size", .sizes, .array([.number(2)]))]),
        LayerConstructor(["AveragePooling1D", "AvgPool1D"], "AveragePooling1D", [("pool_size", .sizes, .array([.number(2)]))]),
        LayerConstructor(["ZeroPadding1D"], nil, [("padding", .any, .number(1))], options: []),
        LayerConstructor(["ZeroPadding2D"], nil, [("padding", .any, .number(1))], options: []),
        LayerConstructor(["Cropping1D"], nil, [("cropping", .any, .number(1))], options: []),
        LayerConstructor(["Cropping2D"], nil, [("cropping", .any, .number(0))], options: []),
        LayerConstructor(["GlobalAveragePooling2D", "GlobalAvgPool2D"], "GlobalAveragePooling2D", options: ["keepdims"]),
        LayerConstructor(["GlobalMaxPooling2D", "GlobalMaxPool2D"], "GlobalMaxPooling2D", options: ["keepdims"]),
        LayerConstructor(["GlobalAveragePooling1D", "GlobalAvgPool1D"], "GlobalAveragePooling1D", options: ["keepdims"]),
        LayerConstructor(["GlobalMaxPooling1D", "GlobalMaxPool1D"], "GlobalMaxPooling1D", options: ["keepdims"]),
        LayerConstructor(["UpSampling2D"], nil, [("size", .sizes, .array([.number(2)]))], options: ["interpolation"]),
        LayerConstructor(["BatchNormalization"]),
        LayerConstructor(["LayerNormalization"]),
        LayerConstructor(["SimpleRNN"], nil, [("units", .integer, nil)]),
        LayerConstructor(["LSTM"], nil, [("units", .integer, nil)]),
        LayerConstructor(["GRU"], nil, [("units", .integer, nil)]),
        LayerConstructor(["Concatenate"], nil, [("axis", .integer, .number(-1))], options: []),
        LayerConstructor(["Dot"], nil, [("axes", .sizes, nil)]),
        LayerConstructor(["Add"], options: []),
        LayerConstructor(["Subtract"], options: []),
        LayerConstructor(["Multiply"], options: []),
        LayerConstructor(["Average"], options: []),
        LayerConstructor(["Maximum"], options: []),
        LayerConstructor(["Minimum"], options: []),
    ]

    /// Reads the arguments and makes the layer.
    func make(_ call: LuaCall) throws -> Layer {
        var converter = LuaConfigConverter(call: call)
        var config: [String: JSONValue] = [:]
        var inputOptions: [String: JSONValue] = [:]
        var index: Int32 = 1
        for parameter in parameters {
            guard !call.isMissing(index), !isOptionsTable(call, index, kind: parameter.kind) else { break }
            config[parameter.key] = try converter.parameter(index, parameter.kind, label: "argument #\(index) (\(parameter.key))")
            index += 1
        }
        if !call.isMissing(index) {
            let options = try call.table(index, expected: "a table of options")
            try options.forEach { key, value in
                guard let name = String.read(call.state, key.index) else {
                    throw call.invalid(index, "must have string keys (option names), got a \(key.type.name) key")
                }
                if let unchecked = uncheckedOptions {
                    let known = parameters.map(\.key) + unchecked + ["name", "trainable"] + InputDeclaration.keys
                    guard known.contains(name) else {
                        throw LuaError.message("\(call.name): unknown option '\(name)' (known options: \(known.sorted().map { "'\($0)'" }.joined(separator: ", ")))")
                    }
                }
                if config[name] != nil {
                    throw LuaError.message("\(call.name): '\(name)' is given both as an argument and as an option")
                }
                let label = "option '\(name)'"
                if let parameter = parameters.first(where: { $0.key == name }) {
                    config[name] = try converter.parameter(value.index, parameter.kind, label: label)
                } else if OptionForms.sizeKeys.contains(name) {
                    config[name] = try converter.parameter(value.index, .sizes, label: label)
                } else if InputDeclaration.keys.contains(name) {
                    inputOptions[name] = try converter.parameter(value.index, name == "input_dim" ? .integer : .sizes, label: label)
                } else {
                    config[name] = try converter.value(value.index, key: name, label: label)
                }
            }
            index += 1
        }
        if !call.isMissing(index) {
            throw call.invalid(index, "is one too many: options go in one table after \(parameters.isEmpty ? "the parentheses" : parameters.map(\.key).joined(separator: ", "))")
        }
        for parameter in parameters where config[parameter.key] == nil {
            guard let defaultValue = parameter.defaultValue else {
                let required = parameters.filter { $0.defaultValue == nil }.map(\.key).joined(separator: ", ")
                throw LuaError.message("\(call.name): missing argument '\(parameter.key)'; call it as nn.\(names[0])(\(required) [, options])")
            }
            config[parameter.key] = defaultValue
        }
        if let name = config["name"], name.stringValue == nil {
            throw LuaError.message("\(call.name): option 'name' must be a string")
        }
        if let trainable = config["trainable"], trainable.boolValue == nil {
            throw LuaError.message("\(call.name): option 'trainable' must be a boolean")
        }
        let layer = try NN.layer(className: className, config: config, functions: converter.functions)
        if config["trainable"]?.boolValue == false { layer.trainable = false }
        layer.inputDeclaration = try InputDeclaration(inputOptions, op: call.name)
        return layer
    }

    /// A table where a positional parameter may stand is the options when that parameter is not a list,
    /// or when the table has no list part (`nn.MaxPooling2D{pool_size = 2}`).
    private func isOptionsTable(_ call: LuaCall, _ index: Int32, kind: ParameterKind) -> Bool {
        guard call.type(index) == .table else { return false }
        guard kind == .sizes || kind == .list || kind == .any else { return true }
        return lua_rawlen(call.state, index) == 0
    }
}

/// Converts Lua values on the stack of `call` to the JSON values of a layer configuration, keeping the
/// Lua functions given as activations under generated names (`lua_activation`, `lua_activation_1`...,
/// the names `nn.load` asks for).
struct LuaConfigConverter {
    let call: LuaCall
    private(set) var functions: [String: (Tensor) throws -> Tensor] = [:]
    nonisolated(unsafe) private static var customActivations = 0

    init(call: LuaCall) { self.call = call }

    private var state: OpaquePointer { call.state }

    private func typeName(_ index: Int32) -> String { call.type(index).name }

    private func fail(_ label: String, _ problem: String) -> LuaError { .message("\(call.name): \(label) \(problem)") }

    /// A positional parameter (or the option of the same name).
    mutating func parameter(_ index: Int32, _ kind: ParameterKind, label: String) throws -> JSONValue {
        let index = lua_absindex(state, index)
        let type = lua_type(state, index)
        switch kind {
        case .integer:
            guard let value = Int.read(state, index) else { throw fail(label, "must be an integer, got \(given(index))") }
            return try integer(value, label)
        case .number:
            guard let value = Double.read(state, index) else { throw fail(label, "must be a number, got \(given(index))") }
            return .number(value)
        case .sizes, .list:
            if kind == .sizes, let value = Int.read(state, index) { return .array([try integer(value, label)]) }
            guard type == LUA_TTABLE else {
                throw fail(label, "must be \(kind == .sizes ? "an integer or a list of integers" : "a list of integers"), got \(given(index))")
            }
            let count = Int(lua_rawlen(state, index))
            return .array(try (0..<count).map { offset in
                let k = offset + 1
                lua_rawgeti(state, index, lua_Integer(k))
                defer { lua_settop(state, -2) }
                guard let value = Int.read(state, -1) else {
                    throw fail(label, "must be \(kind == .sizes ? "an integer or a list of integers" : "a list of integers"), got \(given(index)) (element \(k) is \(given(-1)))")
                }
                return try integer(value, "\(label) element \(k)")
            })
        case .activation:
            return try value(index, key: "activation", label: label)
        case .any:
            return try value(index, key: "", label: label)
        }
    }

    /// The value at `index` as a script writes it (`'abc'`, `{6, {6}}`, `2.5`), or its type for values
    /// that have no literal (functions, tensors).
    private func given(_ index: Int32) -> String {
        let index = lua_absindex(state, index)
        switch lua_type(state, index) {
        case LUA_TNUMBER: return lua_isinteger(state, index) != 0 ? String(lua_tointegerx(state, index, nil)) : String(lua_tonumberx(state, index, nil))
        case LUA_TSTRING: return "'\(String.read(state, index) ?? "")'"
        case LUA_TBOOLEAN: return lua_toboolean(state, index) != 0 ? "true" : "false"
        case LUA_TTABLE:
            var copy = LuaConfigConverter(call: call)
            return (try? copy.value(index, key: "", label: "")).map(OptionForms.luaText) ?? "a table"
        default: return "a \(typeName(index))"
        }
    }

    /// An integer as configurations hold it: a JSON number (read back as an integer below 10^15); larger
    /// ones are refused here rather than read back as some other value.
    private func integer(_ value: Int, _ label: String) throws -> JSONValue {
        guard value.magnitude < 1_000_000_000_000_000 else { throw fail(label, "is too large: \(value)") }
        return .number(Double(value))
    }

    /// Any option value: numbers, strings, booleans, lists and tables with string keys (an initializer's
    /// `{class_name = 'RandomNormal', config = {stddev = 0.1}}`); functions for activations.
    mutating func value(_ index: Int32, key: String, label: String) throws -> JSONValue {
        let index = lua_absindex(state, index)
        switch lua_type(state, index) {
        case LUA_TNUMBER:
            return lua_isinteger(state, index) != 0
                ? try integer(Int(lua_tointegerx(state, index, nil)), label) : .number(lua_tonumberx(state, index, nil))
        case LUA_TSTRING: return .string(String.read(state, index) ?? "")
        case LUA_TBOOLEAN: return .bool(lua_toboolean(state, index) != 0)
        case LUA_TFUNCTION:
            guard key.hasSuffix("activation") else { throw fail(label, "cannot be a function") }
            let name = LuaConfigConverter.customActivations == 0 ? "lua_activation" : "lua_activation_\(LuaConfigConverter.customActivations)"
            LuaConfigConverter.customActivations += 1
            let function = ActiveCall.tensorFunction(call.reference(index), what: "the activation function \(name)")
            functions[name] = { try function([$0]) }
            return .string(name)
        case LUA_TTABLE:
            guard lua_checkstack(state, 8) != 0 else { throw fail(label, "is nested too deeply") }
            let count = Int(lua_rawlen(state, index))
            if count > 0 {
                var elements: [JSONValue] = []
                for k in 1...count {
                    lua_rawgeti(state, index, lua_Integer(k))
                    defer { lua_settop(state, -2) }
                    elements.append(try value(-1, key: key, label: "\(label) element \(k)"))
                }
                return .array(elements)
            }
            var object: [String: JSONValue] = [:]
            lua_pushnil(state)
            while lua_next(state, index) != 0 {
                let top = lua_gettop(state)
                guard let name = String.read(state, top - 1) else {
                    lua_settop(state, top - 2)
                    throw fail(label, "must be a list or a table with string keys")
                }
                do {
                    object[name] = try value(top, key: name, label: "\(label) field '\(name)'")
                } catch {
                    lua_settop(state, top - 2)
                    throw error
                }
                lua_settop(state, top - 1)
            }
            return .object(object)
        default:
            throw fail(label, "cannot be a \(typeName(index))")
        }
    }
}
