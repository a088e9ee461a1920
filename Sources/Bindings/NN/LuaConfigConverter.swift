import LuaHost
import NN
import Tensors

/// A Lua value on the stack, as an argument or inside a table.
struct LuaSlot {
    let state: OpaquePointer
    let index: Int32
    let type: LuaType
    let table: () throws -> LuaTable

    init(_ call: LuaCall, _ index: Int32) {
        state = call.state
        self.index = index
        type = call.type(index)
        table = { try call.table(index) }
    }

    init(_ element: LuaElement) {
        state = element.state
        index = element.index
        type = element.type
        table = { try element.table() }
    }
}

/// Converts Lua values of a layer constructor's call to the values of a layer configuration, keeping the
/// Lua functions given as activations under generated names (`lua_activation`, `lua_activation_1`...,
/// the names loading asks for).
struct LuaConfigConverter {
    let call: LuaCall
    private(set) var functions: [String: (Tensor) throws -> Tensor] = [:]
    nonisolated(unsafe) private static var customActivations = 0

    init(call: LuaCall) { self.call = call }

    private func fail(_ label: String, _ problem: String) -> LuaError { .message("\(call.name): \(label) \(problem)") }

    /// A positional parameter (or the option of the same name).
    mutating func parameter(_ slot: LuaSlot, _ form: ParameterForm, label: String) throws -> JSONValue {
        switch form {
        case .integer:
            guard let value = Int.read(slot.state, slot.index) else { throw fail(label, "must be an integer, got \(given(slot))") }
            return try integer(value, label)
        case .number:
            guard let value = Double.read(slot.state, slot.index) else { throw fail(label, "must be a number, got \(given(slot))") }
            return .number(value)
        case .sizes, .list:
            let accepted = form == .sizes ? "an integer or a list of integers" : "a list of integers"
            if form == .sizes, let value = Int.read(slot.state, slot.index) { return .array([try integer(value, label)]) }
            guard slot.type == .table else { throw fail(label, "must be \(accepted), got \(given(slot))") }
            let list = try slot.table()
            return .array(try (1..<(list.count + 1)).map { k in
                try list.withElement(k) { element in
                    guard let value = Int.read(element.state, element.index) else {
                        throw fail(label, "must be \(accepted), got \(given(slot)) (element \(k) is \(given(LuaSlot(element))))")
                    }
                    return try integer(value, "\(label) element \(k)")
                }
            })
        case .activation:
            return try value(slot, key: "activation", label: label)
        case .any:
            return try value(slot, key: "", label: label)
        }
    }

    /// The value as a script writes it (`'abc'`, `{6, {6}}`, `2.5`), or its type for values that have no
    /// literal (functions, tensors).
    private func given(_ slot: LuaSlot) -> String {
        switch slot.type {
        case .number: return Int.read(slot.state, slot.index).map(String.init) ?? String(Double.read(slot.state, slot.index) ?? .nan)
        case .string: return "'\(String.read(slot.state, slot.index) ?? "")'"
        case .boolean: return Bool.read(slot.state, slot.index) == true ? "true" : "false"
        case .table:
            var copy = LuaConfigConverter(call: call)
            return (try? copy.value(slot, key: "", label: "")).map(OptionForms.luaText) ?? "a table"
        default: return "a \(slot.type.name)"
        }
    }

    /// An integer as configurations hold it: a number (read back as an integer below 10^15); larger ones
    /// are refused here rather than read back as some other value.
    private func integer(_ value: Int, _ label: String) throws -> JSONValue {
        guard value.magnitude < 1_000_000_000_000_000 else { throw fail(label, "is too large: \(value)") }
        return .number(Double(value))
    }

    /// Any option value: numbers, strings, booleans, lists and tables with string keys (an initializer's
    /// `{class_name = 'RandomNormal', config = {stddev = 0.1}}`); functions for activations.
    mutating func value(_ slot: LuaSlot, key: String, label: String) throws -> JSONValue {
        switch slot.type {
        case .number:
            if let whole = Int.read(slot.state, slot.index) { return try integer(whole, label) }
            return .number(Double.read(slot.state, slot.index) ?? .nan)
        case .string: return .string(String.read(slot.state, slot.index) ?? "")
        case .boolean: return .bool(Bool.read(slot.state, slot.index) ?? false)
        case .function:
            guard key.hasSuffix("activation") else { throw fail(label, "cannot be a function") }
            let count = LuaConfigConverter.customActivations
            let name = count == 0 ? "lua_activation" : "lua_activation_\(count)"
            LuaConfigConverter.customActivations += 1
            let function = tensorFunction(call.reference(slot.index), what: "the activation function \(name)")
            functions[name] = { try function([$0]) }
            return .string(name)
        case .table:
            try call.reserveStack(8)
            let table = try slot.table()
            if table.count > 0 {
                return .array(try (1...table.count).map { k in
                    try table.withElement(k) { try value(LuaSlot($0), key: key, label: "\(label) element \(k)") }
                })
            }
            var object: [String: JSONValue] = [:]
            try table.forEach { name, field in
                guard let name = String.read(name.state, name.index) else { throw fail(label, "must be a list or a table with string keys") }
                object[name] = try value(LuaSlot(field), key: name, label: "\(label) field '\(name)'")
            }
            return .object(object)
        default:
            throw fail(label, "cannot be a \(slot.type.name)")
        }
    }
}
