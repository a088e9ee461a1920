import ArgumentParser
import Bindings
import Foundation

/// `lunette`: runs Lua 5.4 experiment scripts with Lunette's modules, or starts the REPL.
@main
struct Lunette: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunette",
        abstract: "Deep-learning experiments as Lua scripts: tensors, autograd, neural networks, data, images and charts.",
        discussion: "With no subcommand and no -e, starts the REPL.",
        version: "lunette \(lunetteVersion) (Lua 5.4)",
        subcommands: [RunCommand.self, ReplCommand.self, DocCommand.self])

    @Option(name: .customShort("e"), help: ArgumentHelp("Run a chunk of Lua code with the modules as globals, as in the REPL, then exit (may be repeated).", valueName: "chunk"))
    var chunks: [String] = []

    mutating func run() throws {
        if chunks.isEmpty {
            try ReplCommand().run()
            return
        }
        let session = try Session()
        session.host.setModuleGlobals(replGlobals)
        for (number, chunk) in chunks.enumerated() {
            try session.exitOnFailure { try session.host.run(chunk: chunk, name: "=(command line \(number + 1))") }
        }
    }
}
