import ArgumentParser

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
            """)

    @Option(help: ArgumentHelp("Write a notebook-style report (index.html, report.md, figures/) into this folder.", valueName: "folder"))
    var report: String?

    @Argument(help: "The Lua script to run.")
    var script: String

    @Argument(parsing: .allUnrecognized, help: "Arguments for the script.")
    var arguments: [String] = []

    mutating func run() throws {
        if let separator = arguments.firstIndex(of: "--") { arguments.remove(at: separator) }
        let session = try Session()
        session.host.prependPackagePath(folder: Session.folder(of: script))
        let source = session.notebook.prepare(scriptAt: script)
        if let report { try session.notebook.openReport(folder: report, fromCommandLine: true) }
        try session.exitOnFailure { try session.host.run(file: script, arguments: arguments, source: source) }
        try session.notebook.scriptFinished()
    }
}
