import CLua
import Foundation
import LuaShim

/// The interactive prompt (`lunette repl`): line editing, history, completion, multi-line input,
/// results printed with `lunette.inspect`, errors reported without ending the session.
public final class Repl {
    public let host: LuaHost
    public let evaluator: ReplEvaluator
    public let completer: LuaCompleter
    /// Modules set as globals by `preload`, for the help text.
    private(set) var preloadedModules: [String] = []
    /// Frames of a traceback shown after an error; the rest are summarised.
    private let tracebackFrames = 12

    /// Statements that run at least this long are followed by their wall time.
    private let timeShownFrom = 0.5

    public init(host: LuaHost) {
        self.host = host
        evaluator = ReplEvaluator(host: host)
        completer = LuaCompleter(host: host)
        host.installHelp { [weak self] in self?.usage ?? "" }
    }

    /// Requires the registered modules among `names` and sets each as the global of the same name.
    public func preload(modules names: [String]) {
        preloadedModules += host.setModuleGlobals(names)
    }

    /// Reads, runs and prints until Ctrl-D. `banner` is shown first; entries are saved to `history`.
    public func interact(banner: String, history: HistoryFile?) {
        host.handleInterrupts()
        let editor = LineEditor(history: history, complete: completer.complete)
        writeOutput(banner + "\n")
        var pending: String?
        while true {
            switch editor.read(prompt: pending == nil ? "> " : ">> ") {
            case .end:
                writeOutput("\n")
                return
            case .interrupted:
                writeOutput("^C\n")
                pending = nil
            case .line(let line):
                let chunk = pending.map { "\($0)\n\(line)" } ?? line
                let started = DispatchTime.now().uptimeNanoseconds
                let outcome = evaluator.evaluate(helpQuery(chunk) ?? chunk)
                if outcome == .incomplete {
                    pending = chunk
                    continue
                }
                pending = nil
                editor.remember(chunk)
                report(outcome)
                reportTime(since: started)
            }
        }
    }

    /// Runs the whole standard input as one chunk, as `lua -` does: for a script piped into `lunette`.
    public func runStandardInput() throws {
        let top = lua_gettop(host.state)
        defer { lua_settop(host.state, top) }
        guard luaL_loadfilex(host.state, nil, nil) == LUA_OK else { throw LuaScriptError(popping: host.state) }
        try host.callWithTraceback(arguments: 0, results: 0)
    }

    /// What `help` typed alone prints.
    private var usage: String {
        let modules = preloadedModules.isEmpty ? "" : "\nModules ready as globals: \(preloadedModules.joined(separator: ", ")).\n"
        return """
            Lunette REPL: Lua 5.4 with Lunette's modules.
            \(modules)
              1 + 1              an expression prints its value (tables nested, strings quoted)
              _                  the value printed last
              f(x);              a trailing ; runs without printing
              x = 2              a statement runs; unfinished input continues on a >> line
              string.fo<Tab>     completes globals, keywords, and fields or methods after . and :
              help()             lists the modules and classes
              help(nn.Dense)     shows a function's parameters, options and example; ?nn.Dense and
                                 nn.Dense? do the same; help(x) shows a module or an object's class
              lunette.clock()    seconds on a wall clock, to time code (os.clock adds up CPU time)
              Ctrl-C             clears the line, or stops the code that is running
              Ctrl-D             quits

            Statements that take \(String(format: "%.1f", timeShownFrom)) s or more are followed by their wall time.
            Input history is kept in ~/.lunette_history. Run a script file with: lunette run file.lua
            The reference of every module, with examples, is in docs/api/ (lunette doc makes it).
            """
    }

    // MARK: Output

    private func report(_ outcome: ReplOutcome) {
        switch outcome {
        case .ran(let output) where !output.isEmpty:
            writeOutput(output + "\n")
        case .failed(let message, let traceback):
            writeError(([message] + shortened(traceback)).joined(separator: "\n"))
        case .ran, .incomplete:
            break
        }
    }

    /// `Wall time: 1.52 s` after a statement that took at least `timeShownFrom` (trepl shows every
    /// statement's time; below half a second it is noise).
    private func reportTime(since started: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        guard seconds >= timeShownFrom else { return }
        let text = seconds < 60 ? String(format: "%.2f s", seconds)
            : String(format: "%d min %.0f s", Int(seconds) / 60, seconds.truncatingRemainder(dividingBy: 60))
        writeOutput("Wall time: \(text)\n")
    }

    /// The `help(...)` call that `?name` or `name?` asks for (trepl's `? torch.randn`, IPython's `f?`),
    /// or nil for other input. A name that is not a global is looked up in the documentation
    /// (`?Tensor:matmul`); a method written with `:` is read with `.` (`?t:matmul` is `help(t.matmul)`).
    func helpQuery(_ input: String) -> String? {
        var query = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if query.hasPrefix("?") { query.removeFirst() } else if query.hasSuffix("?") { query.removeLast() } else { return nil }
        query = query.trimmingCharacters(in: .whitespaces)
        if query.isEmpty { return "help()" }
        let parts = query.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: ":", omittingEmptySubsequences: false) }
        guard parts.allSatisfy({ isIdentifier(String($0)) }), query.filter({ $0 == ":" }).count <= 1 else { return nil }
        guard isGlobal(String(parts[0])) else { return "help('\(query)')" }
        return "help(\(query.replacingOccurrences(of: ":", with: ".")))"
    }

    /// The traceback without the frames that only say "the REPL called this", capped in length;
    /// nothing when no frame is left but the input line itself.
    private func shortened(_ traceback: String) -> [String] {
        var lines = traceback.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "stack traceback:" else { return [] }
        lines.removeFirst()
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces) == "[C]: in ?" { lines.removeLast() }
        if lines.allSatisfy({ $0.hasSuffix(": in main chunk") }) { return [] }
        if lines.count > tracebackFrames {
            let hidden = lines.count - tracebackFrames
            lines = Array(lines.prefix(tracebackFrames)) + ["\t... (\(hidden) more frames)"]
        }
        return ["stack traceback:"] + lines
    }

    private func isGlobal(_ name: String) -> Bool {
        let state = host.state
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        name.push(onto: state)
        defer { lua_settop(state, -3) }
        return lua_rawget(state, -2) != LUA_TNIL
    }
}
