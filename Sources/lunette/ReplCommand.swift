import ArgumentParser

/// `lunette repl`: the interactive prompt.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the interactive prompt (the default).")

    func run() throws {
        let session = try Session()
        print("REPL not ready yet")
        _ = session
    }
}
