import CLua
import LuaShim

/// What Lua can call that has no declaration, found by walking module tables and class methods tables,
/// so that a function added without one shows in `help` and in the reference in `docs/api/` (whose
/// drift test then fails) instead of hiding.
extension LuaHost {
    /// The undeclared functions of the module called `name` (requiring it), as `module.name`, sorted.
    public func undocumentedFunctions(inModule name: String) throws -> [String] {
        let module = try require(name)
        module.push(onto: state)
        defer { lua_settop(state, -2) }
        return undocumentedFunctions(inTableAt: -1, named: name, in: state)
    }

    /// The undeclared functions in the documented table at `index` and in the documented tables inside
    /// it (`nn.losses`), named after them (`nn.clear_session`), sorted. Raw access: no metamethod runs.
    func undocumentedFunctions(inTableAt index: Int32, named name: String, in state: OpaquePointer) -> [String] {
        var names: [String] = []
        forEachIdentifierKey(ofTableAt: index, in: state) { key in
            switch lua_type(state, -1) {
            case LUA_TFUNCTION where SwiftFunction.behind(state, -1)?.signature == nil:
                names.append("\(name).\(key)")
            case LUA_TTABLE:
                if let inner = documentedName(ofTableAt: -1, in: state), inner == "\(name).\(key)" {
                    names += undocumentedFunctions(inTableAt: -1, named: inner, in: state)
                }
            default:
                break
            }
        }
        return names.sorted()
    }

    /// The undeclared methods of the installed class called `name`, as `Class:method`, sorted.
    public func undocumentedMethods(ofClass name: String) -> [String] {
        pushClassList(onto: state)
        defer { lua_settop(state, -2) }
        name.push(onto: state)
        guard lua_rawget(state, -2) == LUA_TTABLE else { lua_settop(state, -2); return [] }
        defer { lua_settop(state, -2) }
        var names: [String] = []
        forEachIdentifierKey(ofTableAt: -1, in: state) { key in
            if lua_type(state, -1) == LUA_TFUNCTION, SwiftFunction.behind(state, -1)?.signature == nil {
                names.append("\(name):\(key)")
            }
        }
        return names.sorted()
    }

    /// Calls `body` with each identifier key of the table at `index`, its value pushed on top.
    private func forEachIdentifierKey(ofTableAt index: Int32, in state: OpaquePointer, _ body: (String) -> Void) {
        let table = lua_absindex(state, index)
        lua_pushnil(state)
        while lua_next(state, table) != 0 {
            if lua_type(state, -2) == LUA_TSTRING, let key = String.read(state, -2), isIdentifier(key) { body(key) }
            lua_settop(state, -2)
        }
    }
}
