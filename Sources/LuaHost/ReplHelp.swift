import CLua
import LuaShim

/// The REPL's `help` global: typed alone it prints how the prompt works (it is a table whose
/// __tostring is that text); `help(x)` lists the functions and fields that x offers.
extension Repl {
    func installHelp() {
        let state = host.state
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "help".push(onto: state)
        lua_createtable(state, 0, 0)
        lua_createtable(state, 0, 3)
        "Help".push(onto: state)
        lua_setfield(state, -2, "__name")
        SwiftFunction(name: "help", isMethod: false, host: host) { [weak self] call in
            call.push(self?.usage ?? "")
        }.push(onto: state)
        lua_setfield(state, -2, "__tostring")
        SwiftFunction(name: "help", isMethod: false, host: host) { [weak self] call in
            guard let self else { return 0 }
            // Called as help(x): argument 1 is the help table itself.
            writeOutput((call.count < 2 ? usage : host.helpText(forValueAt: 2, in: call.state) ?? members(ofValueAt: 2, in: call.state)) + "\n")
            return 0
        }.push(onto: state)
        lua_setfield(state, -2, "__call")
        lua_setmetatable(state, -2)
        lua_rawset(state, -3)
        lua_settop(state, -2)
    }

    private var usage: String {
        let modules = preloadedModules.isEmpty ? "" : "\nModules ready as globals: \(preloadedModules.joined(separator: ", ")).\n"
        return """
            Lunette REPL: Lua 5.4 with Lunette's modules.
            \(modules)
              1 + 1              an expression prints its value (tables nested, strings quoted)
              x = 2              a statement runs; unfinished input continues on a >> line
              string.fo<Tab>     completes globals, keywords, and fields or methods after . and :
              help(x)            lists the functions and fields of x
              Ctrl-C             clears the line, or stops the code that is running
              Ctrl-D             quits

            Input history is kept in ~/.lunette_history. Run a script file with: lunette run file.lua
            """
    }

    /// `string (table)` followed by its functions and other fields, wrapped to the terminal's usual width.
    private func members(ofValueAt index: Int32, in state: OpaquePointer) -> String {
        let kind = LuaType(rawValue: lua_type(state, index)) ?? .none
        let name = typeName(state, index)
        let all = Set(completer.memberNames(ofValueAt: index, methodsOnly: false))
        let functions = Set(completer.memberNames(ofValueAt: index, methodsOnly: true))
        var lines = [name == kind.name ? "a \(name)" : "\(name) (\(kind.name))"]
        if all.isEmpty { lines.append("  no fields or methods") }
        lines += wrapped(label: kind == .table ? "functions" : "methods", functions.sorted())
        lines += wrapped(label: "fields", all.subtracting(functions).sorted())
        return lines.joined(separator: "\n")
    }

    private func wrapped(label: String, _ names: [String], width: Int = 78) -> [String] {
        guard !names.isEmpty else { return [] }
        var lines: [String] = []
        var line = "  \(label):"
        for name in names {
            if line.count + 1 + name.count > width {
                lines.append(line)
                line = String(repeating: " ", count: label.count + 3)
            }
            line += " " + name
        }
        return lines + [line]
    }
}
