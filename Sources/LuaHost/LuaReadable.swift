import CLua
import LuaShim

/// A Swift type that can be read from a Lua value without raising: `read` returns nil when the value
/// has another type, and the caller turns that into a message using `expected`.
public protocol LuaReadable {
    /// How messages describe what was expected: "a number", "an integer"...
    static var expected: String { get }
    static func read(_ state: OpaquePointer, _ index: Int32) -> Self?
}

extension Double: LuaReadable {
    public static var expected: String { "a number" }
    public static func read(_ state: OpaquePointer, _ index: Int32) -> Double? {
        guard lua_type(state, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(state, index, nil)
    }
}

extension Float: LuaReadable {
    public static var expected: String { "a number" }
    public static func read(_ state: OpaquePointer, _ index: Int32) -> Float? {
        Double.read(state, index).map(Float.init)
    }
}

extension Int: LuaReadable {
    public static var expected: String { "an integer" }
    /// Integers, and floats with an integral value (as Lua's own functions accept 3.0 for 3).
    public static func read(_ state: OpaquePointer, _ index: Int32) -> Int? {
        guard lua_type(state, index) == LUA_TNUMBER else { return nil }
        var exact: Int32 = 0
        let value = lua_tointegerx(state, index, &exact)
        return exact != 0 ? Int(value) : nil
    }
}

extension Bool: LuaReadable {
    public static var expected: String { "a boolean" }
    public static func read(_ state: OpaquePointer, _ index: Int32) -> Bool? {
        guard lua_type(state, index) == LUA_TBOOLEAN else { return nil }
        return lua_toboolean(state, index) != 0
    }
}

extension String: LuaReadable {
    public static var expected: String { "a string" }
    /// Strings only: converting a number in place would change the value on the stack.
    public static func read(_ state: OpaquePointer, _ index: Int32) -> String? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        let bytes = lua_tolstring(state, index, &length)!
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }
}

/// What a message calls the value at `index`: a class name for Lunette objects, else Lua's type name.
func typeName(_ state: OpaquePointer, _ index: Int32) -> String {
    if lua_type(state, index) == LUA_TUSERDATA, lua_getmetatable(state, index) != 0 {
        defer { lua_settop(state, -2) }
        lua_pushstring(state, "__name")
        if lua_rawget(state, -2) == LUA_TSTRING, let name = String.read(state, -1) {
            lua_settop(state, -2)
            return name
        }
        lua_settop(state, -2)
    }
    return LuaType(rawValue: lua_type(state, index))?.name ?? "unknown"
}

/// `name` after its indefinite article, for messages: "a Tensor", "an Optimizer".
func withArticle(_ name: String) -> String {
    ("aeiouAEIOU".contains(name.first ?? "x") ? "an " : "a ") + name
}

/// A short description of any value, for error messages built from Lua error objects.
func describeValue(_ state: OpaquePointer, _ index: Int32) -> String {
    let index = lua_absindex(state, index)
    if let text = String.read(state, index) { return text }
    if lunette_ptostring(state, index) == LUA_OK, let text = String.read(state, -1) {
        lua_settop(state, -2)
        return text
    }
    lua_settop(state, -2)
    return "(error object is a \(typeName(state, index)) value)"
}
