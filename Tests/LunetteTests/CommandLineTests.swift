import Foundation
import Testing

/// `lunette run`, `-e` and `--version` as a user calls them.
@Suite struct CommandLineTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-cli-\(getpid())")

    func script(_ name: String, _ source: String) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = scratch.appendingPathComponent(name)
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func scriptReceivesArgumentsLikeStandaloneLua() throws {
        let path = try script("args.lua", "print(select('#', ...), table.concat({...}, ' '), #arg, arg[1], arg[3], arg[0] == ({...})[0])")
        let result = try Executable.run(["run", path, "a", "--full", "c"])
        #expect(result.status == 0)
        #expect(result.output == "3\ta --full c\t3\ta\tc\tfalse\n")
    }

    @Test func errorExitsWithStatusOneAndTraceback() throws {
        let path = try script("fails.lua", "local function inner()\n  error('broken on purpose')\nend\ninner()\n")
        let result = try Executable.run(["run", path])
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(path):2: broken on purpose")
        #expect(lines.contains("stack traceback:"))
        #expect(result.error.contains("in local 'inner'"))
    }

    @Test func syntaxErrorAndMissingFile() throws {
        let path = try script("syntax.lua", "x = = 1\n")
        let syntax = try Executable.run(["run", path])
        #expect(syntax.status == 1)
        #expect(syntax.error.hasPrefix("\(path):1: unexpected symbol near '='"))
        let missing = try Executable.run(["run", "/nonexistent/script.lua"])
        #expect(missing.status == 1)
        #expect(missing.error.contains("cannot open /nonexistent/script.lua"))
    }

    @Test func scriptFolderIsOnThePackagePath() throws {
        _ = try script("helper_module.lua", "return {answer = 42}")
        let path = try script("uses_helper.lua", "print(require('helper_module').answer)")
        let result = try Executable.run(["run", path], in: URL(fileURLWithPath: "/"))
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "42\n")
    }

    @Test func libraryFolderCanBeOverridden() throws {
        let library = scratch.appendingPathComponent("altlib")
        try FileManager.default.createDirectory(at: library.appendingPathComponent("ml"), withIntermediateDirectories: true)
        try "return 'from the overriding library'".write(to: library.appendingPathComponent("ml/init.lua"),
                                                          atomically: true, encoding: .utf8)
        let result = try Executable.run(["-e", "print((require 'ml'))"], environment: ["LUNETTE_LIB": library.path])
        #expect(result.output == "from the overriding library\n", "\(result.error)")
        // An empty LUNETTE_LIB counts as unset: the checkout's lib/.
        let unset = try Executable.run(["-e", "print(type(require('ml').KMeans))"], environment: ["LUNETTE_LIB": ""])
        #expect(unset.output == "function\n" || unset.output == "table\n", "\(unset.error)")
    }

    /// Lunette's own modules never come from the current or the script's folder (issue 14): a file there
    /// named like one of them would run in its place, at the first value the REPL prints.
    @Test func libraryModulesComeOnlyFromTheLibrary() throws {
        let shadow = scratch.appendingPathComponent("shadow")
        for module in ["ml/init.lua", "lunette/inspect.lua"] {
            let url = shadow.appendingPathComponent(module)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "error('the shadowing file ran')".write(to: url, atomically: true, encoding: .utf8)
        }
        try "print(type(require('ml').KMeans), type(require('lunette.inspect')))"
            .write(to: shadow.appendingPathComponent("uses_ml.lua"), atomically: true, encoding: .utf8)
        let fromScriptFolder = try Executable.run(["run", shadow.appendingPathComponent("uses_ml.lua").path])
        #expect(fromScriptFolder.status == 0, "\(fromScriptFolder.error)")
        let fromCurrentFolder = try Executable.run(["-e", "print(type(require('ml').KMeans))"], in: shadow)
        #expect(fromCurrentFolder.status == 0, "\(fromCurrentFolder.error)")
        let missing = try Executable.run(["-e", "require 'ml'"], in: shadow,
                                         environment: ["LUNETTE_LIB": shadow.appendingPathComponent("none").path])
        #expect(missing.status == 1)
        #expect(missing.error.contains("module 'ml' is not in Lunette's library"), "\(missing.error)")
        #expect(!missing.error.contains("the shadowing file ran"), "\(missing.error)")
    }

    @Test func chunksAndVersion() throws {
        let chunks = try Executable.run(["-e", "x = 20", "-e", "print(x + 1)"])
        #expect(chunks.status == 0)
        #expect(chunks.output == "21\n")
        let version = try Executable.run(["--version"])
        #expect(version.output.hasPrefix("lunette "))
        let failing = try Executable.run(["-e", "error('nope')"])
        #expect(failing.status == 1)
        #expect(failing.error.hasPrefix("(command line 1):1: nope"))
    }

    @Test func chunksHaveTheModulesAsGlobalsAsInTheRepl() throws {
        let result = try Executable.run(["-e", "print(type(tensor), type(nn), type(optim), type(plot), type(lunette.clock()))"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "table\ttable\ttable\ttable\tnumber\n")
    }

    @Test func scriptsHaveHelp() throws {
        let path = try script("asks_for_help.lua", "local optim = require 'optim'\nhelp(optim.Adam)\nhelp(require('optim'))\nprint(help)")
        let result = try Executable.run(["run", path])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "optim.Adam([learning_rate], [options]) -> an Optimizer", "\(result.output)")
        #expect(lines.contains("Functions:") && lines.contains { $0.hasPrefix("  optim.Adam ") }, "\(result.output)")
        #expect(result.output.contains("help() lists the modules and classes; help(x) shows"), "\(result.output)")
    }

    @Test func sigintStopsAScriptWithAnErrorThatCleanupCodeSees() throws {
        let path = try script("sleepy.lua", """
            io.stdout:setvbuf('no')
            print('started')
            local ok, message = pcall(function() while true do end end)
            print('cleanup ran: ' .. tostring(message))
            while true do end
            """)
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["run", path]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // However the test ends, the script (an endless loop) must not outlive it.
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let handle = output.fileHandleForReading
        var seen = Data()
        /// Reads until `text` appears; false if the output ended first.
        func wait(for text: String) -> Bool {
            while !String(decoding: seen, as: UTF8.self).contains(text) {
                let chunk = handle.availableData
                if chunk.isEmpty { return false }
                seen.append(chunk)
            }
            return true
        }
        try #require(wait(for: "started"))
        usleep(100_000)
        kill(process.processIdentifier, SIGINT) // caught by the pcall
        try #require(wait(for: "cleanup ran"), "output so far: \(String(decoding: seen, as: UTF8.self))")
        usleep(100_000)
        kill(process.processIdentifier, SIGINT) // ends the script
        seen.append(handle.readDataToEndOfFile())
        process.waitUntilExit()
        let text = String(decoding: seen, as: UTF8.self)
        #expect(text.contains("cleanup ran: ") && text.contains("interrupted"))
        #expect(process.terminationStatus == 1)
        let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.hasPrefix("\(path):5: interrupted"))
    }
}
