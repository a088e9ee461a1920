import CLua
import LuaShim

/// An option table passed to a Swift function (`model:fit(x, y, {epochs = 3, batch_size = 64})`).
/// Values are read with raw access; each read marks its key as known, so `rejectUnknown()` can tell
/// the user about a misspelt option instead of silently ignoring it.
public final class LuaOptions {
    let state: OpaquePointer
    /// Absolute stack index of the table, nil when no options were given.
    let index: Int32?
    let functionName: String
    private var known: Set<String> = []

    init(state: OpaquePointer, index: Int32?, functionName: String) {
        self.state = state
        self.index = index
        self.functionName = functionName
    }

    /// Calls `body` with the option's value pushed (nil when absent), then pops it.
    public func with<Result>(_ key: String, _ body: (LuaElement) throws -> Result) rethrows -> Result {
        known.insert(key)
        if let index {
            key.push(onto: state)
            lua_rawget(state, index)
        } else {
            lua_pushnil(state)
        }
        defer { lua_settop(state, -2) }
        return try body(LuaElement(state: state, index: lua_gettop(state), owner: functionName, role: .option(key)))
    }

    public func has(_ key: String) -> Bool { with(key) { !$0.isMissing } }

    public func value<Value: LuaReadable>(_ key: String, default defaultValue: Value) throws -> Value {
        try optional(key) ?? defaultValue
    }

    public func optional<Value: LuaReadable>(_ key: String, as type: Value.Type = Value.self) throws -> Value? {
        try with(key) { $0.isMissing ? nil : try $0.value(as: type) }
    }

    /// A string option restricted to a set of choices: `padding must be one of 'valid', 'same'`.
    public func choice(_ key: String, among choices: [String], default defaultValue: String) throws -> String {
        let value = try self.value(key, default: defaultValue)
        guard choices.contains(value) else {
            let listed = choices.map { "'\($0)'" }.joined(separator: ", ")
            throw LuaError.message("\(functionName): option '\(key)' must be one of \(listed), got '\(value)'")
        }
        return value
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

    /// Throws when the table holds a key that no read asked for, naming the known options.
    public func rejectUnknown() throws {
        guard let index else { return }
        var unknown: [String] = []
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            lua_settop(state, -2)
            if let key = String.read(state, -1) {
                if !known.contains(key) { unknown.append(key) }
            } else {
                unknown.append("[\(typeName(state, -1))]")
            }
        }
        guard let first = unknown.sorted().first else { return }
        let listed = known.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw LuaError.message("\(functionName): unknown option '\(first)' (known options: \(listed))")
    }
}
