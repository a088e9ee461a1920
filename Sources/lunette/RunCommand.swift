import ArgumentParser

/// `lunette run FILE [args...]`: runs a script with the `arg` table the standalone `lua` gives.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Lua script.",
        discussion: """
            Arguments after the script are passed to it in `arg` and as `...`. Lunette's own options \
            may appear anywhere before a `--`; everything after `--` goes to the script.
            """)

    @Argument(help: "The Lua script to run.")
    var script: String

    @Argument(parsing: .allUnrecognized, help: "Arguments for the script.")
    var arguments: [String] = []

    mutating func run() throws {
        if let separator = arguments.firstIndex(of: "--") { arguments.remove(at: separator) }
        let session = try Session()
        session.host.prependPackagePath(folder: Session.folder(of: script))
        try session.exitOnFailure { try session.host.run(file: script, arguments: arguments) }
    }
}
