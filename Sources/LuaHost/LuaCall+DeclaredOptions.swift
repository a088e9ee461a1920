import CLua

extension LuaCall {
    /// An option table read against options declared here rather than by a signature: for metamethods
    /// (`layer(x, {training = true})`), which have none.
    public func options(_ index: Int32, declared: [LuaOption]) throws -> LuaOptions {
        if isMissing(index) { return LuaOptions(state: state, index: nil, functionName: name, declared: declared) }
        guard lua_type(state, index) == LUA_TTABLE else { throw mismatch(index, expected: "a table of options") }
        return LuaOptions(state: state, index: lua_absindex(state, index), functionName: name, declared: declared)
    }
}
