import LuaShim
import CLua

/// A Swift value that can be pushed onto the Lua stack. Pushes never raise (see LuaShim).
public protocol LuaPushable {
    func push(onto state: OpaquePointer)
}

extension Double: LuaPushable {
    public func push(onto state: OpaquePointer) { lua_pushnumber(state, self) }
}

extension Float: LuaPushable {
    public func push(onto state: OpaquePointer) { lua_pushnumber(state, Double(self)) }
}

extension Int: LuaPushable {
    public func push(onto state: OpaquePointer) { lua_pushinteger(state, lua_Integer(self)) }
}

extension Bool: LuaPushable {
    public func push(onto state: OpaquePointer) { lua_pushboolean(state, self ? 1 : 0) }
}

extension String: LuaPushable {
    public func push(onto state: OpaquePointer) {
        var text = self
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
    }
}

extension Optional: LuaPushable where Wrapped: LuaPushable {
    public func push(onto state: OpaquePointer) {
        switch self {
        case .some(let value): value.push(onto: state)
        case .none: lua_pushnil(state)
        }
    }
}

/// Arrays become sequences (1-based).
extension Array: LuaPushable where Element: LuaPushable {
    public func push(onto state: OpaquePointer) {
        lua_createtable(state, Int32(clamping: count), 0)
        for (offset, element) in enumerated() {
            element.push(onto: state)
            lua_rawseti(state, -2, lua_Integer(offset + 1))
        }
    }
}

/// A table with string keys and values of any pushable type (a History, a set of logs).
public struct LuaRecord: LuaPushable {
    public var fields: [(String, any LuaPushable)]

    public init(_ fields: [(String, any LuaPushable)] = []) { self.fields = fields }

    public mutating func set(_ key: String, _ value: any LuaPushable) { fields.append((key, value)) }

    public func push(onto state: OpaquePointer) {
        lua_createtable(state, 0, Int32(clamping: fields.count))
        for (key, value) in fields {
            key.push(onto: state)
            value.push(onto: state)
            lua_rawset(state, -3)
        }
    }
}

/// Pushes a Lua reference's value.
extension LuaReference: LuaPushable {}


/// A shape as a Lua list that prints as `(64, 28, 28, 1)`, as the library's messages write shapes.
public struct ShapeList: LuaPushable {
    let sizes: [Int]
    public init(_ sizes: [Int]) { self.sizes = sizes }

    public func push(onto state: OpaquePointer) {
        sizes.push(onto: state)
        lunette_mark_shape(state)
    }
}
