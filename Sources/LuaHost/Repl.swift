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

    public init(host: LuaHost) {
        self.host = host
        evaluator = ReplEvaluator(host: host)
        completer = LuaCompleter(host: host)
        installHelp()
    }

    /// Requires each module that is registered (in `package.preload`) and sets it as the global of the
    /// same name. A module that fails to load is reported on stderr and left out.
    public func preload(modules names: [String]) {
        for name in names where isRegistered(name) {
            do {
                let module = try host.require(name)
                lua_rawgeti(host.state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
                name.push(onto: host.state)
                module.push(onto: host.state)
                lua_rawset(host.state, -3)
                lua_settop(host.state, -2)
                preloadedModules.append(name)
            } catch {
                writeError("lunette: could not load module '\(name)': \(error)")
            }
        }
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
                let outcome = evaluator.evaluate(chunk)
                if outcome == .incomplete {
                    pending = chunk
                    continue
                }
                pending = nil
                editor.remember(chunk)
                report(outcome)
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

    private func isRegistered(_ name: String) -> Bool {
        let state = host.state
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "package".push(onto: state)
        guard lua_rawget(state, -2) == LUA_TTABLE else { return false }
        "preload".push(onto: state)
        guard lua_rawget(state, -2) == LUA_TTABLE else { return false }
        name.push(onto: state)
        return lua_rawget(state, -2) != LUA_TNIL
    }
}
