import Foundation
import LuaHost
import Testing

@Suite struct ReplEvaluatorTests {
    /// An evaluator whose results are formatted by lib/lunette/inspect.lua.
    private func makeEvaluator() throws -> ReplEvaluator {
        let host = try LuaHost()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        host.prependPackagePath(folder: root.appendingPathComponent("lib").path)
        return ReplEvaluator(host: host)
    }

    @Test func expressionsGiveTheirValuesStatementsNothing() throws {
        let repl = try makeEvaluator()
        #expect(repl.evaluate("1 + 1") == .ran(output: "2"))
        #expect(repl.evaluate("x = 7") == .ran(output: ""))
        #expect(repl.evaluate("x * 6") == .ran(output: "42"))
        #expect(repl.evaluate("return x, 'seven', nil") == .ran(output: "7\t\"seven\"\tnil"))
        #expect(repl.evaluate("x, {1, two = 2}") == .ran(output: "7\t{1, two = 2}"))
        #expect(repl.evaluate("print") != .ran(output: ""))
        #expect(repl.evaluate("") == .ran(output: ""))
        #expect(repl.evaluate("nil") == .ran(output: "nil"))
    }

    @Test func unfinishedInputAsksForMore() throws {
        let repl = try makeEvaluator()
        #expect(repl.evaluate("function f(a)") == .incomplete)
        #expect(repl.evaluate("function f(a)\nreturn a + 1") == .incomplete)
        #expect(repl.evaluate("function f(a)\nreturn a + 1\nend") == .ran(output: ""))
        #expect(repl.evaluate("f(1)") == .ran(output: "2"))
        #expect(repl.evaluate("t = {") == .incomplete)
        // as in lua: a short string open at the end asks for more, but cannot continue on the next line
        #expect(repl.evaluate("s = 'open") == .incomplete)
        #expect(repl.evaluate("s = 'open\nmore'") == .failed(message: "stdin:1: unfinished string near ''open'", traceback: ""))
        #expect(repl.evaluate("s = [[open") == .incomplete)
        #expect(repl.evaluate("1 +") == .incomplete, "unfinished as an expression")
        #expect(repl.evaluate("1 +\n2") == .ran(output: "3"))
    }

    @Test func errorsCarryMessageAndTraceback() throws {
        let repl = try makeEvaluator()
        guard case .failed(let message, let traceback) = repl.evaluate("error('boom')") else {
            Issue.record("error('boom') did not fail")
            return
        }
        #expect(message == "stdin:1: boom")
        #expect(traceback.hasPrefix("stack traceback:"))
        #expect(traceback.contains("[C]: in function 'error'"))
        // neither form compiles: the statement form's message, as lua gives it
        #expect(repl.evaluate("1 2") == .failed(message: "stdin:1: unexpected symbol near '1'", traceback: ""))
        // the state is usable afterwards
        #expect(repl.evaluate("2 + 2") == .ran(output: "4"))
    }

    @Test func withoutTheLibraryValuesPrintWithTostring() throws {
        let repl = ReplEvaluator(host: try LuaHost())
        #expect(repl.evaluate("'text', 1.5") == .ran(output: "text\t1.5"))
    }
}
