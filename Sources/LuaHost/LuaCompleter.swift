import CLua
import LuaShim

/// Tab completion for the REPL: globals and keywords, and fields or methods after `.` and `:`.
///
/// The expression before the dot is parsed, not run: names joined by dots (`nn.layers.`), `[1]` and
/// `["key"]` indexes, and string literals (`("x"):`). Values are read with raw access, following
/// `__index` tables and, for userdata, the methods of its class; no metamethod or Lua code runs.
public final class LuaCompleter {
    let host: LuaHost
    /// How many `__index` links are followed, so a loop of metatables cannot hang the prompt.
    private let chainLimit = 16

    public init(host: LuaHost) { self.host = host }

    /// The name being typed at the end of `textBeforeCursor`, and the names that can replace it, sorted.
    public func complete(_ textBeforeCursor: String) -> (partial: String, names: [String]) {
        let bytes = Array(textBeforeCursor.utf8)
        var start = bytes.count
        while start > 0, isIdentifierByte(bytes[start - 1]) { start -= 1 }
        let partial = String(decoding: bytes[start...], as: UTF8.self)
        return (partial, names(completing: partial, after: bytes[..<start]))
    }

    /// Every way the name at the end of `line` can be completed, as whole lines.
    public func completions(of line: String) -> [String] {
        let (partial, names) = complete(line)
        let context = line.utf8.dropLast(partial.utf8.count)
        return names.map { String(decoding: context, as: UTF8.self) + $0 }
    }

    private func names(completing partial: String, after context: ArraySlice<UInt8>) -> [String] {
        guard isNameStart(partial) else { return [] }
        let state = host.state
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        guard lua_checkstack(state, 12) != 0 else { return [] }

        var candidates: Set<String>
        switch LuaAccessPath(parsingEndOf: Array(context)) {
        case .global:
            candidates = Set(luaKeywords)
            lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
            candidates.formUnion(memberNames(ofValueAt: -1, methodsOnly: false))
        case .member(let path, let isMethodCall):
            guard push(path) else { return [] }
            candidates = Set(memberNames(ofValueAt: -1, methodsOnly: isMethodCall))
        case nil:
            return []
        }
        return candidates.filter { $0.hasPrefix(partial) }.sorted()
    }

    // MARK: Reading values without metamethods

    /// Pushes the value a path names; false (nothing pushed) when some step is nil.
    private func push(_ path: LuaAccessPath.Path) -> Bool {
        let state = host.state
        switch path.head {
        case .global(let name):
            lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
            name.push(onto: state)
            guard lookUp(inValueAt: -2) else { lua_settop(state, -2); return false }
            lua_rotate(state, -2, 1)
            lua_settop(state, -2)
        case .string:
            "".push(onto: state)
        }
        for key in path.keys {
            switch key {
            case .name(let name): name.push(onto: state)
            case .integer(let index): lua_pushinteger(state, lua_Integer(index))
            }
            guard lookUp(inValueAt: -2) else { lua_settop(state, -2); return false }
            lua_rotate(state, -2, 1)
            lua_settop(state, -2)
        }
        return true
    }

    /// Pops a key and pushes value[key] found by raw access along the `__index` chain; on failure
    /// pops the key, pushes nothing and returns false.
    private func lookUp(inValueAt index: Int32) -> Bool {
        let state = host.state
        let key = lua_gettop(state)
        var current = lua_absindex(state, index)
        lua_pushvalue(state, current) // the value being searched, replaced as the chain is followed
        current = lua_gettop(state)
        defer { remove(current); remove(key) }
        for _ in 0..<chainLimit {
            if lua_type(state, current) == LUA_TTABLE {
                lua_pushvalue(state, key)
                if lua_rawget(state, current) != LUA_TNIL { return true }
                lua_settop(state, -2)
            }
            guard pushIndexTable(of: current) else { return false }
            replace(current)
        }
        return false
    }

    /// Pushes the table where the value's missing keys are looked up: its metatable's `__index` when
    /// that is a table, or the methods of its class for a userdata whose `__index` is a function.
    private func pushIndexTable(of index: Int32) -> Bool {
        let state = host.state
        guard lua_getmetatable(state, index) != 0 else { return false }
        "__index".push(onto: state)
        switch lua_rawget(state, -2) {
        case LUA_TTABLE:
            lua_rotate(state, -2, 1)
            lua_settop(state, -2)
            return true
        case LUA_TFUNCTION where lua_type(state, index) == LUA_TUSERDATA:
            lua_settop(state, -2)
            "__name".push(onto: state)
            let hasName = lua_rawget(state, -2) == LUA_TSTRING
            lua_rotate(state, -2, 1)
            lua_settop(state, -2)
            guard hasName else { lua_settop(state, -2); return false }
            host.pushClassList(onto: state)
            lua_rotate(state, -2, 1)
            let found = lua_rawget(state, -2) == LUA_TTABLE
            lua_rotate(state, -2, 1)
            lua_settop(state, -2)
            if !found { lua_settop(state, -2) }
            return found
        default:
            lua_settop(state, -3)
            return false
        }
    }

    /// The identifier keys of a value and of the tables along its `__index` chain; with
    /// `methodsOnly`, only those whose value can be called.
    func memberNames(ofValueAt index: Int32, methodsOnly: Bool) -> [String] {
        let state = host.state
        var names: [String] = []
        lua_pushvalue(state, index)
        let current = lua_gettop(state)
        defer { lua_settop(state, current - 1) }
        var visited: Set<UnsafeRawPointer> = []
        for _ in 0..<chainLimit {
            if lua_type(state, current) == LUA_TTABLE {
                guard let identity = lua_topointer(state, current), visited.insert(identity).inserted else { break }
                lua_pushnil(state)
                while lua_next(state, current) != 0 {
                    if lua_type(state, -2) == LUA_TSTRING, let name = String.read(state, -2), isIdentifier(name),
                       !methodsOnly || isCallable(-1) {
                        names.append(name)
                    }
                    lua_settop(state, -2)
                }
            }
            guard pushIndexTable(of: current) else { break }
            replace(current)
        }
        return names
    }

    /// Lua's lua_remove and lua_replace are macros, which Swift does not import.
    private func remove(_ index: Int32) {
        lua_rotate(host.state, index, -1)
        lua_settop(host.state, -2)
    }

    private func replace(_ index: Int32) {
        lua_copy(host.state, -1, index)
        lua_settop(host.state, -2)
    }

    private func isCallable(_ index: Int32) -> Bool {
        let state = host.state
        if lua_type(state, index) == LUA_TFUNCTION { return true }
        guard lua_getmetatable(state, index) != 0 else { return false }
        "__call".push(onto: state)
        let callable = lua_rawget(state, -2) != LUA_TNIL
        lua_settop(state, -3)
        return callable
    }
}

let luaKeywords = ["and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
                   "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"]

func isIdentifierByte(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
}

/// Could begin a name: letters, digits and underscores, not starting with a digit (a keyword too:
/// `do` goes on to `dofile`). The empty text begins every name.
func isNameStart(_ text: String) -> Bool {
    guard let first = text.utf8.first else { return true }
    return !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) && text.utf8.allSatisfy(isIdentifierByte)
}

/// A Lua name: not empty, not a keyword.
func isIdentifier(_ text: String) -> Bool {
    !text.isEmpty && isNameStart(text) && !luaKeywords.contains(text)
}
