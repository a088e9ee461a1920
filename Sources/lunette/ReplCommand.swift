import ArgumentParser
import Bindings
import Foundation
import LuaHost

/// `lunette repl`: the interactive prompt. With standard input not a terminal, runs that input as one
/// script instead (so `lunette < script.lua` and `cat script.lua | lunette` work), without banner.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the interactive prompt (the default).")

    func run() throws {
        let session = try Session()
        let repl = Repl(host: session.host)
        repl.preload(modules: replGlobals)
        guard isatty(STDIN_FILENO) != 0 else {
            try session.exitOnFailure { try repl.runStandardInput() }
            return
        }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        repl.interact(banner: "Lunette \(lunetteVersion) (Lua 5.4). Type help for help, Ctrl-D to quit.",
                      history: home.map { HistoryFile(path: "\($0)/.lunette_history") })
    }
}
