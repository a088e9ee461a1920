import CLua
import Foundation
import LuaShim

/// What the REPL makes of a chunk of input.
public enum ReplOutcome: Equatable {
    /// The chunk is unfinished (an open `function`, `{` or string): the REPL reads another line.
    case incomplete
    /// It ran. `output` holds its results, each formatted, separated by tabs; empty when there were none.
    case ran(output: String)
    /// It did not compile, or it raised an error. `traceback` is empty for syntax errors.
    case failed(message: String, traceback: String)
}

/// Compiles and runs REPL input the way the standalone `lua` does: a chunk is first tried as
/// `return <chunk>`, so an expression shows its values; otherwise it runs as statements. A chunk
/// whose syntax error is at `<eof>` is incomplete. As in IPython, a chunk ending in `;` shows nothing,
/// and the global `_` holds the first value shown last.
///
/// Results are formatted by the host's `ValueInspector`.
public final class ReplEvaluator {
    let host: LuaHost
    /// Error messages and tracebacks name REPL input `stdin`, as `lua` does.
    private let chunkName = "=stdin"
    private let inspector: ValueInspector

    public init(host: LuaHost) {
        self.host = host
        inspector = ValueInspector(host: host)
    }

    public func evaluate(_ chunk: String) -> ReplOutcome {
        let state = host.state
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        if let error = compile(chunk) {
            if error.message.hasSuffix("<eof>") { return .incomplete }
            return .failed(message: error.message, traceback: error.traceback)
        }
        do {
            try host.callWithTraceback(arguments: 0, results: LUA_MULTRET)
        } catch {
            return .failed(message: error.message, traceback: error.traceback)
        }
        let results = lua_gettop(state) > top ? Array((top + 1)...lua_gettop(state)) : []
        if results.isEmpty || chunk.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(";") { return .ran(output: "") }
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "_".push(onto: state)
        lua_pushvalue(state, top + 1)
        lua_rawset(state, -3)
        lua_settop(state, -2)
        return .ran(output: results.map(format).joined(separator: "\t"))
    }

    /// Leaves the compiled chunk on the stack: as `return <chunk>` if that compiles, else as statements.
    /// Otherwise gives an error that ends at `<eof>` if either form's does (`1 +` is unfinished only as
    /// an expression, `x = 1 +` only as a statement), else the statement form's.
    private func compile(_ chunk: String) -> LuaScriptError? {
        guard let asExpression = loadError("return " + chunk), let asStatements = loadError(chunk) else { return nil }
        return asExpression.message.hasSuffix("<eof>") ? asExpression : asStatements
    }

    private func loadError(_ source: String) -> LuaScriptError? {
        do {
            try host.load(source, name: chunkName)
            return nil
        } catch {
            return error
        }
    }

    /// The value at `index` as the REPL shows it.
    func format(_ index: Int32) -> String { inspector.text(of: index, in: host.state) }
}
