import ArgumentParser
import Foundation

/// `lunette run FILE [args...]`: runs a script with the `arg` table the standalone `lua` gives.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script.",
        discussion: """
            Arguments after the script are passed to it in `arg` and as `...`. Lunette's own options \
            may appear anywhere before a `--`; everything after `--` goes to the script.

            Lines starting with `-- %%` split the script into cells (`-- %% Train the model`). With \
            --report DIR, or `require('report').open(DIR)` in the script, the run also writes a \
            notebook-style report: DIR/index.html and DIR/report.md with each cell's code, output, \
            pictures and time. --report takes precedence over the script's folder.

            With --report, cells are cached in DIR/cache: a later run takes the leading cells whose \
            source (and the source before them), the files they read and the arguments did not change \
            from the cache, and runs the rest. --fresh runs every cell. --watch runs the script again \
            each time it is saved.
            """)

    @Option(help: ArgumentHelp("Write a notebook-style report (index.html, report.md, figures/) into this folder.", valueName: "folder"))
    var report: String?

    @Flag(help: "Run every cell, ignoring the cells cached by earlier runs (the cache is still written).")
    var fresh = false

    @Flag(help: "Run the script again whenever it is saved, rewriting the report (stop with Ctrl-C).")
    var watch = false

    /// Set on the runs --watch starts: their pages reload themselves when rewritten.
    @Flag(help: .hidden)
    var reload = false

    @Argument(help: "The Lua script to run.")
    var script: String

    @Argument(parsing: .allUnrecognized, help: "Arguments for the script.")
    var arguments: [String] = []

    mutating func run() throws {
        if let separator = arguments.firstIndex(of: "--") { arguments.remove(at: separator) }
        if watch {
            guard report != nil else { throw ValidationError("--watch needs --report DIR: it rewrites that report") }
            try ScriptWatcher(script: script, runOnce: runChild).watch()
            return
        }
        try runOnce()
    }

    /// One run of the script in this process.
    private func runOnce() throws {
        let session = try Session()
        session.host.prependPackagePath(folder: Session.folder(of: script))
        session.notebook.ignoresCache = fresh
        session.notebook.commandLine = (["lunette"] + CommandLine.arguments.dropFirst()).map(Self.quoted).joined(separator: " ")
        if reload { session.notebook.reloadSeconds = 1 }
        try session.exitOnFailure {
            let prepared = try session.notebook.prepare(scriptAt: script, arguments: arguments)
            if let report { try session.notebook.openReport(folder: report, fromCommandLine: true) }
            try session.host.run(file: script, arguments: arguments, source: prepared ? session.notebook.runnableSource : nil)
        }
        try session.notebook.scriptFinished()
    }

    /// Under --watch each run is a child process (`lunette run` without --watch), so a script's
    /// globals, modules and exit code start afresh every time.
    private func runChild() -> Int32 {
        var childArguments = ["run", script, "--report", report!, "--reload"]
        if fresh { childArguments.append("--fresh") }
        childArguments += ["--"] + arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        process.arguments = childArguments
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        } catch {
            FileHandle.standardError.write(Data("lunette: cannot run the script again: \(error)\n".utf8))
            return 1
        }
    }

    private static func quoted(_ argument: String) -> String {
        argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+".contains($0) } ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
