import CLua
import LuaShim

/// A table on the stack during a call, read with raw access (no metamethods, so nothing can raise).
/// Messages name the element: `tensor.tensor: argument #1 element 3 expected a number, got string`.
public struct LuaTable {
    public let state: OpaquePointer
    /// Absolute stack index of the table.
    public let index: Int32
    /// How messages name the table itself ("tensor.zeros: argument #1").
    let owner: String

    /// The length of the sequence part (`#t` without metamethods).
    public var count: Int { Int(lua_rawlen(state, index)) }

    /// Calls `body` with the element `k` (1-based) pushed on the stack, then pops it.
    public func withElement<Result>(_ k: Int, _ body: (LuaElement) throws -> Result) rethrows -> Result {
        lua_rawgeti(state, index, lua_Integer(k))
        defer { lua_settop(state, -2) }
        return try body(LuaElement(state: state, index: lua_gettop(state), owner: owner, role: .element(k)))
    }

    /// The sequence 1...count read as one Swift type.
    public func array<Value: LuaReadable>(of type: Value.Type = Value.self) throws -> [Value] {
        let count = self.count
        var values: [Value] = []
        values.reserveCapacity(count)
        for k in stride(from: 1, through: count, by: 1) {
            lua_rawgeti(state, index, lua_Integer(k))
            guard let value = Value.read(state, -1) else {
                let got = typeName(state, -1)
                lua_settop(state, -2)
                throw LuaError.message("\(owner) element \(k) expected \(Value.expected), got \(got)")
            }
            lua_settop(state, -2)
            values.append(value)
        }
        return values
    }

    /// Calls `body` with the field `name` pushed on the stack (nil when absent), then pops it.
    public func withField<Result>(_ name: String, _ body: (LuaElement) throws -> Result) rethrows -> Result {
        name.push(onto: state)
        lua_rawget(state, index)
        defer { lua_settop(state, -2) }
        return try body(LuaElement(state: state, index: lua_gettop(state), owner: owner, role: .field(name)))
    }

    /// Calls `body` for every key/value pair (keys and values pushed as elements), in `next` order.
    public func forEach(_ body: (_ key: LuaElement, _ value: LuaElement) throws -> Void) throws {
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            let top = lua_gettop(state)
            let key = LuaElement(state: state, index: top - 1, owner: owner, role: .key)
            // Messages name a value by its key when the key is a name (an option) or a position.
            let role: LuaElement.Role = String.read(state, top - 1).map { .field($0) }
                ?? (lua_isinteger(state, top - 1) != 0 ? .element(Int(lua_tointegerx(state, top - 1, nil))) : .value)
            let value = LuaElement(state: state, index: top, owner: owner, role: role)
            do {
                try body(key, value)
            } catch {
                lua_settop(state, top - 2)
                throw error
            }
            lua_settop(state, top - 1)
        }
    }
}

/// A value on the stack that came out of a table (an element, a key, an option).
public struct LuaElement {
    /// Where the value sits in its table, for messages (built only when one is needed).
    enum Role {
        case element(Int), key, value, field(String), option(String)
    }

    public let state: OpaquePointer
    public let index: Int32
    let owner: String
    let role: Role

    var description: String {
        switch role {
        case .element(let k): return "\(owner) element \(k)"
        case .key: return "\(owner) key"
        case .value: return "\(owner) value"
        case .field(let name): return "\(owner) field '\(name)'"
        case .option(let name): return "\(owner): option '\(name)'"
        }
    }

    public var type: LuaType { LuaType(rawValue: lua_type(state, index)) ?? .none }
    public var isMissing: Bool { lua_type(state, index) <= LUA_TNIL }

    public func value<Value: LuaReadable>(as type: Value.Type = Value.self) throws -> Value {
        guard let value = Value.read(state, index) else { throw mismatch(expected: Value.expected) }
        return value
    }

    public func object<Object>(_ luaClass: LuaClass<Object>) throws -> Object {
        guard let object = luaClass.object(in: state, at: index) else { throw mismatch(expected: withArticle(luaClass.name)) }
        return object
    }

    public func table(expected: String = "a table") throws -> LuaTable {
        guard lua_type(state, index) == LUA_TTABLE else { throw mismatch(expected: expected) }
        return LuaTable(state: state, index: index, owner: description)
    }

    public func mismatch(expected: String) -> LuaError {
        .message("\(description) expected \(expected), got \(typeName(state, index))")
    }

    public func invalid(_ problem: String) -> LuaError { .message("\(description) \(problem)") }
}
