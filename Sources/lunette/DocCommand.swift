import APIReference
import ArgumentParser
import Bindings
import Foundation
import LuaHost

/// `lunette doc [folder]`: writes the API reference (one Markdown page per module and an index) from the
/// modules' declarations, running every example to show what it prints. Exits with status 1, after
/// writing the pages, when an example raised an error.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Write the API reference (Markdown, one page per module) from the modules' declarations.",
        discussion: "Each declared example runs in a fresh Lunette in a temporary folder; the pages show what it printed.")

    @Argument(help: ArgumentHelp("The folder to write the pages into.", valueName: "folder"))
    var folder = "docs/api"

    func run() throws {
        let session = try Session()
        let runner = ExampleRunner {
            let example = try Session()
            restartProcessStateForExample()
            example.host.setModuleGlobals(replGlobals)
            return example.host
        }
        let pages = try ReferencePages(host: session.host) { source, name in
            // Ctrl-C goes to the newest host; give it back to this one once the example's is closed.
            defer { session.host.handleInterrupts() }
            return runner.run(source, name: name)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in pages.files {
            try text.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        print("lunette doc: wrote \(pages.files.count) pages to \(folder)")
        guard pages.failures.isEmpty else {
            for (entry, error) in pages.failures {
                FileHandle.standardError.write(Data("lunette doc: the example of \(entry) failed: \(error)\n".utf8))
            }
            throw ExitCode.failure
        }
    }
}
