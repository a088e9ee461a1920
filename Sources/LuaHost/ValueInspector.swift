import CLua
import LuaShim

/// Formats Lua values as the REPL prints them, for the REPL and for `show`: with `lunette.inspect`
/// (lib/lunette/inspect.lua: tables pretty-printed, cycles safe) when that library is on
/// `package.path`, else as `tostring` describes them.
public final class ValueInspector {
    private unowned let host: LuaHost
    /// Looked up on first use, after the host has set `package.path`.
    private lazy var inspect: LuaReference? = try? host.require("lunette.inspect")

    public init(host: LuaHost) { self.host = host }

    /// The value at `index` of `state` (the host's main state or a coroutine's). A formatter that fails
    /// (an interrupt while printing a huge table) falls back to `tostring`'s description.
    public func text(of index: Int32, in state: OpaquePointer) -> String {
        let absolute = lua_absindex(state, index)
        if let inspect, lua_checkstack(state, 2) != 0 {
            inspect.push(onto: state)
            lua_pushvalue(state, absolute)
            let status = lunette_pcall_traceback(state, 1, 1)
            defer { lua_settop(state, -2) }
            if status == LUA_OK, let text = String.read(state, -1) { return text }
        }
        return describeValue(state, absolute)
    }
}
