import CLua

extension LuaCall {
    /// The bytes of a string argument as they are (a file's contents may be binary, so they are not
    /// decoded as text), valid while `body` runs.
    public func withBytes<Result>(_ index: Int32, expected: String = "a string",
                                  _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        guard lua_type(state, index) == LUA_TSTRING else { throw mismatch(index, expected: expected) }
        var length = 0
        let bytes = lua_tolstring(state, index, &length)
        return try body(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// Pushes bytes as a Lua string, binary ones included.
    @discardableResult
    public func push(bytes: UnsafeRawBufferPointer) -> Int32 {
        _ = lua_pushlstring(state, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
        return 1
    }

    /// The memory block of a full userdata argument without a metatable: the Lua state's own data, such
    /// as the generator behind `math.random`, valid while `body` runs. Objects with a metatable (files,
    /// every Lunette object) are refused: their blocks hold pointers that must never be rewritten.
    public func withUserdataBytes<Result>(_ index: Int32, _ body: (UnsafeMutableRawBufferPointer) throws -> Result) throws -> Result {
        guard lua_type(state, index) == LUA_TUSERDATA, let block = lua_touserdata(state, index) else {
            throw mismatch(index, expected: "a userdata")
        }
        if lua_getmetatable(state, index) != 0 {
            lua_settop(state, -2)
            throw invalid(index, "is an object with a metatable; only plain userdata (math.random's state) can be read or set")
        }
        return try body(UnsafeMutableRawBufferPointer(start: block, count: Int(lua_rawlen(state, index))))
    }
}
