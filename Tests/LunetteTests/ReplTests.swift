import Foundation
import Testing

/// `lunette` with no arguments, typed at in a pseudo-terminal; the checks read the screen.
@Suite struct ReplTests {
    /// A REPL session with its own HOME (so its history file is its own).
    private func startRepl(home: URL? = nil) throws -> (PseudoTerminal, URL) {
        let home = try home ?? Self.newHome()
        let terminal = try PseudoTerminal(Executable.url, environment: ["HOME": home.path])
        #expect(terminal.waitForPrompt(count: 1), terminal.report)
        return (terminal, home)
    }

    static func newHome() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func bannerThenExpressionsPrintTheirValues() throws {
        let (terminal, _) = try startRepl()
        #expect(terminal.screen.textLines.first?.hasPrefix("Lunette ") == true)
        terminal.type("1 + 2\r")
        terminal.waitForPrompt(count: 2)
        #expect(terminal.screen.line(after: "> 1 + 2") == "3")
        // several results are separated by tabs (shown as spaces to the next tab stop); strings quoted
        terminal.type("10 // 3, 'ab', 2^2\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> 10 // 3, 'ab', 2^2") == "3       \"ab\"    4.0")
        // a statement prints nothing; the variable it set is there afterwards
        terminal.type("x = 6 * 7\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.line(after: "> x = 6 * 7") == ">")
        terminal.type("x\r")
        terminal.waitForPrompt(count: 5)
        #expect(terminal.screen.line(after: "> x") == "42")
    }

    @Test func multiLineFunctionDefinitionThenCall() throws {
        let (terminal, _) = try startRepl()
        terminal.type("function twice(n)\r")
        #expect(terminal.waitFor { $0.cursorLine == ">>" })
        terminal.type("  return 2 * n\r")
        terminal.waitFor { $0.text.contains(">>   return 2 * n") && $0.cursorLine == ">>" }
        terminal.type("end\r")
        terminal.waitForPrompt(count: 2)
        terminal.type("twice(21)\r")
        terminal.waitForPrompt(count: 3)
        let lines = terminal.screen.textLines
        #expect(lines.contains(">> end"), terminal.report)
        #expect(terminal.screen.line(after: "> twice(21)") == "42", terminal.report)
    }

    @Test func tabCompletesFieldsAndMethods() throws {
        let (terminal, _) = try startRepl()
        terminal.type("string.fo\t")
        #expect(terminal.waitFor { $0.cursorLine == "> string.format" }, terminal.report)
        terminal.type("('%d', 7)\r")
        terminal.waitForPrompt(count: 2)
        #expect(terminal.screen.line(after: "> string.format('%d', 7)") == "\"7\"")

        // a method of a string value, through the string metatable's __index
        terminal.type("(\"x\"):up\t")
        #expect(terminal.waitFor { $0.cursorLine == "> (\"x\"):upper" }, terminal.report)
        terminal.type("()\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> (\"x\"):upper()") == "\"X\"")

        // ambiguous: the candidates are listed under the line, which stays as typed
        terminal.type("string.g\t")
        #expect(terminal.waitFor { $0.text.contains("gmatch  gsub") }, terminal.report)
        #expect(terminal.waitFor { $0.cursorLine == "> string.g" }, terminal.report)
    }

    @Test func nestedTableWithACyclePrettyPrints() throws {
        let (terminal, _) = try startRepl()
        terminal.type("t = {name = 'root', child = {list = {1, 2, 3}}}; t.child.parent = t\r")
        terminal.waitForPrompt(count: 2)
        terminal.type("t\r")
        terminal.waitForPrompt(count: 3)
        // keys sorted, array part printed without keys, the way back to t shown as <cycle>
        #expect(terminal.screen.line(after: "> t") == "{child = {list = {1, 2, 3}, parent = <cycle>}, name = \"root\"}",
                terminal.report)

        // too wide for one line: one entry per line, nested entries indented
        terminal.type("{alpha = string.rep('a', 30), beta = {first = string.rep('b', 30), second = string.rep('c', 30)}}\r")
        terminal.waitForPrompt(count: 4)
        let a = String(repeating: "a", count: 30), b = String(repeating: "b", count: 30), c = String(repeating: "c", count: 30)
        #expect(terminal.screen.text.contains("""
            {
              alpha = "\(a)",
              beta = {
                first = "\(b)",
                second = "\(c)"
              }
            }
            """), terminal.report)
    }

    @Test func errorIsReportedAndTheSessionGoesOn() throws {
        let (terminal, _) = try startRepl()
        terminal.type("local function inner() error('boom') end inner()\r")
        terminal.waitForPrompt(count: 2)
        let screen = terminal.screen
        #expect(screen.line(after: "> local function inner() error('boom') end inner()") == "stdin:1: boom", terminal.report)
        #expect(screen.text.contains("stack traceback:"))
        #expect(screen.text.contains("in local 'inner'"))
        terminal.type("nil + 1\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> nil + 1") == "stdin:1: attempt to perform arithmetic on a nil value")
        terminal.type("6 * 7\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.line(after: "> 6 * 7") == "42")
    }

    /// Loops Ctrl-C must stop: plain, and inside coroutines (hooks are per coroutine).
    static let endlessLoops = ["while true do end", "coroutine.wrap(function() while true do end end)()",
                               "coroutine.resume(coroutine.create(function() while true do end end))"]

    @Test(arguments: endlessLoops)
    func ctrlCStopsARunningLoopAndTheSessionGoesOn(_ loop: String) throws {
        let (terminal, _) = try startRepl()
        terminal.type("\(loop)\r")
        #expect(terminal.waitFor { $0.textLines.contains { $0.hasPrefix("> \(loop.prefix(40))") } })
        // A Ctrl-C that lands before the loop has started (a busy machine) is not kept for it: press
        // again, as a person would.
        var stopped = false
        for _ in 1...5 where !stopped {
            Thread.sleep(forTimeInterval: 0.3)
            terminal.type("\u{3}")
            stopped = terminal.waitForPrompt(count: 2, timeout: 3)
        }
        #expect(stopped, terminal.report)
        #expect(terminal.screen.text.contains("stdin:1: interrupted") || loop.contains("resume"), terminal.report)
        terminal.type("1 + 1\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> 1 + 1") == "2")
    }

    @Test func ctrlCAtThePromptClearsTheLine() throws {
        let (terminal, _) = try startRepl()
        terminal.type("abandoned(")
        terminal.waitFor("abandoned(")
        terminal.type("\u{3}")
        terminal.waitForPrompt(count: 2)
        // the same for unfinished multi-line input
        terminal.type("function unfinished()\r")
        terminal.waitFor { $0.cursorLine == ">>" }
        terminal.type("\u{3}")
        terminal.waitForPrompt(count: 3)
        terminal.type("2 + 2\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.line(after: "> 2 + 2") == "4", terminal.report)
        #expect(!terminal.screen.text.contains("stdin:"), terminal.report)
        #expect(terminal.waitForExit(timeout: 0.2) == nil, "Ctrl-C ended the REPL")
    }

    @Test func nonASCIITextIsEditedByCharacter() throws {
        // even with the C locale in the environment
        let terminal = try PseudoTerminal(Executable.url, environment: ["HOME": try Self.newHome().path, "LANG": "C", "LC_ALL": ""])
        terminal.waitForPrompt(count: 1)
        terminal.type("s = \"héllo €\"\r")
        terminal.waitForPrompt(count: 2)
        terminal.type("s, #s\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> s, #s") == "\"héllo €\"       10", terminal.report)
        // Backspace removes the whole two-byte é
        terminal.type("x = 'aé\u{7f}b'\r")
        terminal.waitForPrompt(count: 4)
        terminal.type("x\r")
        terminal.waitForPrompt(count: 5)
        #expect(terminal.screen.line(after: "> x") == "\"ab\"", terminal.report)
    }

    @Test func ctrlDExitsWithStatusZero() throws {
        let (terminal, _) = try startRepl()
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func historyIsSavedAndRecalledInTheNextSession() throws {
        let (first, home) = try startRepl()
        first.type("remembered = 'yes'\r")
        first.waitForPrompt(count: 2)
        first.type("function f()\rreturn 1\rend\r")
        first.waitForPrompt(count: 3)
        first.type("\u{4}")
        #expect(first.waitForExit() == 0)
        let saved = try String(contentsOf: home.appendingPathComponent(".lunette_history"), encoding: .utf8)
        #expect(saved == "remembered = 'yes'\nfunction f()\\nreturn 1\\nend\n")

        let (second, _) = try startRepl(home: home)
        second.type("\u{1b}[A\u{1b}[A") // up arrow twice: past the function, to the assignment
        #expect(second.waitFor { $0.cursorLine == "> remembered = 'yes'" }, second.report)
    }

    @Test func unwritableHomeStillGivesAWorkingRepl() throws {
        let (terminal, _) = try startRepl(home: URL(fileURLWithPath: "/proc/no-such-home"))
        terminal.type("'still' .. ' here'\r")
        terminal.waitForPrompt(count: 2)
        #expect(terminal.screen.line(after: "> 'still' .. ' here'") == "\"still here\"")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func helpAndPreloadedModules() throws {
        let (terminal, _) = try startRepl()
        terminal.type("help\r")
        terminal.waitForPrompt(count: 2)
        #expect(terminal.screen.text.contains("Ctrl-D             quits"), terminal.report)
        #expect(terminal.screen.text.contains("Modules ready as globals: lunette"))
        terminal.type("lunette.version == require('lunette').version\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> lunette.version == require('lunette').version") == "true")
        terminal.type("help(string)\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.text.contains("functions: byte char dump find format"), terminal.report)
    }

    @Test func helpShowsDeclarationsModulesAndClasses() throws {
        let (terminal, _) = try startRepl()
        terminal.type("help()\r")
        terminal.waitForPrompt(count: 2)
        #expect(terminal.screen.text.contains("Modules (help(nn) shows one"), terminal.report)
        #expect(terminal.screen.textLines.contains { $0.hasPrefix("  optim ") && $0.contains("Keras' optimizers") }, terminal.report)
        #expect(terminal.screen.textLines.contains { $0.hasPrefix("  Optimizer ") }, terminal.report)

        // a declared function: its call, options with kinds and defaults, and its example
        terminal.type("help(optim.Adam)\r")
        terminal.waitForPrompt(count: 3)
        let adam = terminal.screen.text
        #expect(adam.contains("optim.Adam([learning_rate], [options]) -> an Optimizer"), terminal.report)
        #expect(terminal.screen.textLines.contains { $0.hasPrefix("  beta_1 ") && $0.hasSuffix(" a number, default 0.9") }, terminal.report)
        #expect(adam.contains("Example:\n  local opt = optim.Adam{learning_rate = 0.01}"), terminal.report)

        // a module: its paragraph, functions and the classes it makes
        terminal.type("help(optim)\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.textLines.contains { $0.hasPrefix("  optim.sgd ") }, terminal.report)
        #expect(terminal.screen.textLines.contains { $0.hasPrefix("  Optimizer ") && $0.contains(" An optimizer, made by") }, terminal.report)

        // an object shows its class; a method reached through an object shows its declaration
        terminal.type("opt = optim.SGD(); help(opt)\r")
        terminal.waitForPrompt(count: 5)
        #expect(terminal.screen.textLines.contains { $0.hasPrefix("  Optimizer:zero_grad ") && $0.hasSuffix(" Sets the gradients of its parameters to nil, before the next backward pass") }, terminal.report)
        terminal.type("help(opt.step)\r")
        terminal.waitForPrompt(count: 6)
        #expect(terminal.screen.line(after: "> help(opt.step)") == "Optimizer:step() -> nothing", terminal.report)
    }

    @Test func questionMarkBeforeOrAfterANameAsksForHelp() throws {
        let (terminal, _) = try startRepl()
        terminal.type("?optim.SGD\r")
        terminal.waitForPrompt(count: 2)
        #expect(terminal.screen.line(after: "> ?optim.SGD") == "optim.SGD([learning_rate], [options]) -> an Optimizer", terminal.report)
        terminal.type("optim.sgd?\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> optim.sgd?") == "optim.sgd(parameters, [options]) -> an Optimizer", terminal.report)
        // a class is not a global: the name is looked up in the documentation
        terminal.type("? Optimizer:step\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.line(after: "> ? Optimizer:step") == "Optimizer:step() -> nothing", terminal.report)
        terminal.type("?no_such.thing\r")
        terminal.waitForPrompt(count: 5)
        #expect(terminal.screen.line(after: "> ?no_such.thing")?.hasPrefix("Nothing is documented as 'no_such.thing'") == true, terminal.report)
    }

    @Test func underscoreSemicolonAndWallTime() throws {
        let (terminal, _) = try startRepl()
        terminal.type("6 * 7\r")
        terminal.waitForPrompt(count: 2)
        terminal.type("_ + 1\r")
        terminal.waitForPrompt(count: 3)
        #expect(terminal.screen.line(after: "> _ + 1") == "43", terminal.report)
        // a trailing ; runs without printing, and leaves _ alone
        terminal.type("_ * 100;\r")
        terminal.waitForPrompt(count: 4)
        #expect(terminal.screen.line(after: "> _ * 100;") == ">", terminal.report)
        terminal.type("y = _;\r")
        terminal.waitForPrompt(count: 5)
        terminal.type("_\r")
        terminal.waitForPrompt(count: 6)
        #expect(terminal.screen.line(after: "> _") == "43", terminal.report)
        // a quick statement shows no time; one of more than half a second shows its wall time
        #expect(!terminal.screen.text.contains("Wall time"), terminal.report)
        terminal.type("local t = lunette.clock() while lunette.clock() - t < 0.6 do end\r")
        terminal.waitForPrompt(count: 7)
        let timed = terminal.screen.line(after: "> local t = lunette.clock() while lunette.clock() - t < 0.6 do end") ?? ""
        #expect(timed.hasPrefix("Wall time: 0.") || timed.hasPrefix("Wall time: 1."), terminal.report)
    }
}
