import CLua
import LuaShim

extension LuaHost {
    /// `require(name)` in protected mode: the module's value, or the error Lua gave (a module that is
    /// not found lists the places searched).
    public func require(_ name: String) throws -> LuaReference {
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "require".push(onto: state)
        lua_rawget(state, -2)
        lua_rotate(state, -2, 1)
        lua_settop(state, -2)
        name.push(onto: state)
        try callWithTraceback(arguments: 1, results: 1)
        return LuaReference(popping: state, host: self)
    }
}
