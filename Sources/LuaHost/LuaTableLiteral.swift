import CLua

/// A new Lua table from Swift values: a list part (1, 2, ...) and fields by name, either possibly empty
/// (`{0.25, 0.9, loss = 0.25, accuracy = 0.9}`). Fields set to nil are left out.
public struct LuaTableLiteral: LuaPushable {
    public var list: [any LuaPushable]
    public var fields: [(String, any LuaPushable)]

    public init(list: [any LuaPushable] = [], fields: [(String, any LuaPushable)] = []) {
        self.list = list
        self.fields = fields
    }

    public func push(onto state: OpaquePointer) {
        lua_createtable(state, Int32(clamping: list.count), Int32(clamping: fields.count))
        for (offset, element) in list.enumerated() {
            element.push(onto: state)
            lua_rawseti(state, -2, lua_Integer(offset + 1))
        }
        for (key, value) in fields {
            key.push(onto: state)
            value.push(onto: state)
            lua_rawset(state, -3)
        }
    }
}

extension LuaCall {
    /// Pushes a list whose elements `pushElement` pushes one by one (objects of a class, which need the
    /// call to be pushed) and returns 1.
    @discardableResult
    public func push<Element>(list elements: [Element], each pushElement: (Element) -> Void) -> Int32 {
        lua_createtable(state, Int32(clamping: elements.count), 0)
        for (offset, element) in elements.enumerated() {
            pushElement(element)
            lua_rawseti(state, -2, lua_Integer(offset + 1))
        }
        return 1
    }

    /// `table[key] = value` with raw access, on a table Lua handed over earlier (no metamethod may run
    /// under Swift); `pushValue` pushes the value.
    public func rawSet(_ key: String, in table: LuaReference, _ pushValue: () -> Void) throws {
        guard lua_checkstack(state, 3) != 0 else { throw LuaError.message("\(name): no room on the Lua stack") }
        table.push(onto: state)
        key.push(onto: state)
        pushValue()
        lua_rawset(state, -3)
        lua_settop(state, -2)
    }
}
