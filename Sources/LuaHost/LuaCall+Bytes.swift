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
}
