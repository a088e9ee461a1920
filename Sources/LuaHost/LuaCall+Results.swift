import CLua

// Results a binding builds from many values: lists of objects, nested tables, several values at once.
// Only calls that never raise are used (the allocator aborts instead of failing).

extension LuaCall {
    /// Pushes a list of objects of `luaClass` and returns 1; nil entries leave holes (autograd.grad with
    /// allow_unused).
    @discardableResult
    public func push<Object>(list objects: [Object?], _ luaClass: LuaClass<Object>) -> Int32 {
        lua_createtable(state, Int32(clamping: objects.count), 0)
        for (k, object) in objects.enumerated() {
            guard let object else { continue }
            push(object, luaClass)
            lua_rawseti(state, -2, lua_Integer(k + 1))
        }
        return 1
    }

    /// Pushes row-major `elements` as nested tables, one level per size of `shape` (`t:totable()`), and
    /// returns 1; an empty shape gives the one element itself. At most 8 levels: within the stack a C
    /// function may use without asking for more.
    public func push<Element: LuaPushable>(nested elements: [Element], shape: [Int]) -> Int32 {
        elements.withUnsafeBufferPointer { flat in
            func level(_ depth: Int, offset: Int, span: Int) {
                if depth == shape.count { return flat[offset].push(onto: state) }
                let size = shape[depth], step = size == 0 ? 0 : span / size
                lua_createtable(state, Int32(clamping: size), 0)
                for i in 0..<size {
                    level(depth + 1, offset: offset + i * step, span: step)
                    lua_rawseti(state, -2, lua_Integer(i + 1))
                }
            }
            level(0, offset: 0, span: flat.count)
        }
        return 1
    }

    /// Pushes `values` as separate results (after making room for them on the Lua stack, which a C
    /// function may not outgrow) and returns how many.
    public func push(all values: [any LuaPushable]) throws -> Int32 {
        try reserveStack(values.count)
        for value in values { value.push(onto: state) }
        return Int32(values.count)
    }

    /// Makes room for `slots` more values on the current Lua stack.
    public func reserveStack(_ slots: Int) throws {
        guard lua_checkstack(state, Int32(clamping: slots + 4)) != 0 else {
            throw LuaError.message("\(name): too many values (\(slots)) for the Lua stack")
        }
    }
}

extension LuaTable {
    /// True when the table holds no key at all, in its sequence or its fields.
    public var isEmpty: Bool {
        lua_pushnil(state)
        guard lua_next(state, index) != 0 else { return true }
        lua_settop(state, -3)
        return false
    }
}
