import CLua
import LuaShim

/// A Lua value kept alive in the registry so Swift can hold it beyond the call that received it (a
/// callback, a Lua function inside a layer, an error object). Released when the reference is.
/// Sendable only so it can travel inside a thrown error: like the Lua state, it is used on one thread.
public final class LuaReference: @unchecked Sendable {
    weak var host: LuaHost?
    let ref: Int32

    /// Pops the value on top of the stack into the registry.
    init(popping state: OpaquePointer, host: LuaHost) {
        self.host = host
        ref = luaL_ref(state, lunette_registry_index())
    }

    /// Keeps the value of a table element or option.
    convenience init(pushing element: LuaElement) {
        lua_pushvalue(element.state, element.index)
        self.init(popping: element.state, host: LuaHost.owning(element.state))
    }

    deinit {
        if let host { luaL_unref(host.state, lunette_registry_index(), ref) }
    }

    /// Pushes the value onto the given stack (the host's own state or one of its coroutines).
    public func push(onto state: OpaquePointer) {
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(ref))
    }

    /// Calls the referenced function in protected mode, on the Lua thread that is running now. `arguments` pushes the arguments and returns
    /// how many it pushed; `results` reads the results, which are on the stack at the given index
    /// (all of them, LUA_MULTRET), then the stack is restored. An error in the Lua function is thrown
    /// as `LuaError.value` so it reaches the caller's Lua code unchanged.
    public func call<Result>(arguments: (OpaquePointer) throws -> Int32 = { _ in 0 },
                             results: (OpaquePointer, _ first: Int32, _ count: Int32) throws -> Result) throws -> Result {
        guard let host else { throw LuaError.message("the Lua state of this callback was closed") }
        let state = host.activeState
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        guard lua_checkstack(state, 24) != 0 else { throw LuaError.message("Lua stack overflow") }
        push(onto: state)
        let count = try arguments(state)
        if lua_pcallk(state, count, LUA_MULTRET, 0, 0, nil) != LUA_OK {
            throw LuaError.popping(state, host: host)
        }
        return try results(state, top + 1, lua_gettop(state) - top)
    }
}
