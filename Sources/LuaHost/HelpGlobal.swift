import CLua
import LuaShim

/// The global `help`, in scripts and in the REPL: `help(x)` prints the declaration of a function
/// (signature, options with defaults, example), the overview of a module or of an object's class, or
/// for what nothing documents, the functions and fields x offers; `help('Tensor:matmul')` looks a name
/// up; `help()` lists the modules and classes. Typed alone (a table whose __tostring is `usage`) it
/// says how to get help where it is used.
extension LuaHost {
    public func installHelp(usage: @escaping () -> String) {
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "help".push(onto: state)
        lua_createtable(state, 0, 0)
        lua_createtable(state, 0, 3)
        "Help".push(onto: state)
        lua_setfield(state, -2, "__name")
        SwiftFunction(name: "help", isMethod: false, host: self) { call in call.push(usage()) }.push(onto: state)
        lua_setfield(state, -2, "__tostring")
        SwiftFunction(name: "help", isMethod: false, host: self) { call in
            // Called as help(x): argument 1 is the help table itself.
            let host = call.host
            writeOutput((call.count < 2 ? host.documentation.overview : host.helpText(forValueAt: 2, in: call.state)) + "\n")
            return 0
        }.push(onto: state)
        lua_setfield(state, -2, "__call")
        lua_setmetatable(state, -2)
        lua_rawset(state, -3)
        lua_settop(state, -2)
    }

    /// What `help(x)` prints for the value at `index`.
    func helpText(forValueAt index: Int32, in state: OpaquePointer) -> String {
        if let function = SwiftFunction.behind(state, index) {
            if let signature = function.signature { return signature.helpText(name: function.name) }
            return "\(function.name) is not documented yet; help() lists what is."
        }
        switch lua_type(state, index) {
        case LUA_TNIL:
            return "help got nil: nothing to document (a misspelt name?); help() lists the modules and classes."
        case LUA_TSTRING:
            let name = String.read(state, index) ?? ""
            return documentation.helpText(named: name) ?? "Nothing is documented as '\(name)'; help() lists the modules and classes."
        case LUA_TTABLE:
            if let name = documentedName(ofTableAt: index, in: state),
               let text = documentation.helpText(owner: name, undocumented: undocumentedFunctions(inTableAt: index, named: name, in: state)) {
                return text
            }
        case LUA_TUSERDATA:
            let name = typeName(state, index)
            if let text = documentation.helpText(owner: name, undocumented: undocumentedMethods(ofClass: name)) { return text }
        default:
            break
        }
        return members(ofValueAt: index, in: state)
    }

    /// `string (table)` followed by its functions and other fields, wrapped to the terminal's usual width.
    private func members(ofValueAt index: Int32, in state: OpaquePointer) -> String {
        let completer = LuaCompleter(host: self)
        let kind = LuaType(rawValue: lua_type(state, index)) ?? .none
        let name = typeName(state, index)
        let all = Set(completer.memberNames(ofValueAt: index, methodsOnly: false))
        let functions = Set(completer.memberNames(ofValueAt: index, methodsOnly: true))
        var lines = [name == kind.name ? "a \(name)" : "\(name) (\(kind.name))"]
        if all.isEmpty { lines.append("  no fields or methods") }
        lines += labelled(functions.sorted().joined(separator: " "), label: kind == .table ? "functions" : "methods")
        lines += labelled(all.subtracting(functions).sorted().joined(separator: " "), label: "fields")
        return lines.joined(separator: "\n")
    }

    /// `  label: a b c` with the names wrapped under the first.
    private func labelled(_ names: String, label: String) -> [String] {
        guard !names.isEmpty else { return [] }
        let lines = wrap(names, indent: String(repeating: " ", count: label.count + 4))
        return ["  \(label): " + lines[0].drop { $0 == " " }] + lines.dropFirst()
    }
}
