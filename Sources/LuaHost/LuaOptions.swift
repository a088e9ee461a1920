import CLua
import LuaShim

/// An option table passed to a Swift function (`model:fit(x, y, {epochs = 3, batch_size = 64})`),
/// read against the function's declared options (`LuaSignature.options`): a value of the wrong kind is
/// an error naming the option, an absent one gives the declared default, and `rejectUnknown()` tells
/// the user about a misspelt option instead of silently ignoring it. Values are read with raw access.
public final class LuaOptions {
    let state: OpaquePointer
    /// Absolute stack index of the table, nil when no options were given.
    let index: Int32?
    let functionName: String
    let declared: [LuaOption]

    init(state: OpaquePointer, index: Int32?, functionName: String, declared: [LuaOption]) {
        self.state = state
        self.index = index
        self.functionName = functionName
        self.declared = declared
    }

    /// Calls `body` with the option's value pushed (nil when absent), then pops it. The value is of the
    /// declared kind when present.
    public func with<Result>(_ key: String, _ body: (LuaElement) throws -> Result) throws -> Result {
        let option = try declaration(of: key)
        if let index {
            key.push(onto: state)
            lua_rawget(state, index)
        } else {
            lua_pushnil(state)
        }
        defer { lua_settop(state, -2) }
        let top = lua_gettop(state)
        if lua_type(state, top) > LUA_TNIL, !option.kind.accepts(state, top) {
            throw option.kind.mismatch(state, top, subject: "\(functionName): option '\(key)'")
        }
        return try body(LuaElement(state: state, index: top, owner: functionName, role: .option(key)))
    }

    public func has(_ key: String) throws -> Bool { try with(key) { !$0.isMissing } }

    /// The option's value, or its declared default when absent.
    public func value<Value: LuaReadable>(_ key: String, as type: Value.Type = Value.self) throws -> Value {
        if let value = try optional(key, as: type) { return value }
        guard let literal = try declaration(of: key).defaultValue.literal else {
            throw LuaError.message("\(functionName): option '\(key)' is required")
        }
        literal.push(onto: state)
        defer { lua_settop(state, -2) }
        guard let value = Value.read(state, -1) else {
            throw LuaError.message("internal error: \(functionName) declares a default for option '\(key)' that is not \(Value.expected)")
        }
        return value
    }

    public func optional<Value: LuaReadable>(_ key: String, as type: Value.Type = Value.self) throws -> Value? {
        try with(key) { $0.isMissing ? nil : try $0.value(as: type) }
    }

    public func object<Object>(_ key: String, _ luaClass: LuaClass<Object>) throws -> Object? {
        try with(key) { $0.isMissing ? nil : try $0.object(luaClass) }
    }

    public func function(_ key: String) throws -> LuaReference? {
        try with(key) { element in
            if element.isMissing { return nil }
            guard element.type == .function else { throw element.mismatch(expected: "a function") }
            return LuaReference(pushing: element)
        }
    }

    /// The declared option; reading an undeclared one is a mistake in the binding, caught by the tests.
    private func declaration(of key: String) throws -> LuaOption {
        guard let option = declared.first(where: { $0.name == key }) else {
            throw LuaError.message("internal error: \(functionName) reads option '\(key)', which it does not declare")
        }
        return option
    }

    private var knownNames: Set<String> { Set(declared.map(\.name)) }

    /// Throws when the table holds a key that is not declared, naming the declared options.
    public func rejectUnknown() throws {
        guard let index else { return }
        var unknown: [String] = []
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            lua_settop(state, -2)
            if let key = String.read(state, -1) {
                if !knownNames.contains(key) { unknown.append(key) }
            } else {
                unknown.append("[\(typeName(state, -1))]")
            }
        }
        guard let first = unknown.sorted().first else { return }
        let listed = knownNames.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw LuaError.message("\(functionName): unknown option '\(first)' (known options: \(listed))")
    }
}
