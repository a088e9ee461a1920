import Foundation
import LuaHost

/// What an example printed, and the error it raised, if any.
public struct ExampleRun {
    public let output: String
    public let error: String?
}

/// Runs the reference's examples one after another in this process, each in a fresh host (made by
/// `makeHost`, with the modules as globals) and in a temporary folder that is removed afterwards, so an
/// example that writes `out/loss.png` leaves nothing behind. What it prints is captured.
public struct ExampleRunner {
    let makeHost: () throws -> LuaHost

    public init(makeHost: @escaping () throws -> LuaHost) { self.makeHost = makeHost }

    /// Runs `source`; `name` names the chunk in error messages (`optim.Adam`).
    public func run(_ source: String, name: String) -> ExampleRun {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("lunette-example-\(UUID().uuidString)")
        let previous = files.currentDirectoryPath
        var error: String?
        let output = capturingStandardOutput {
            do {
                try files.createDirectory(at: folder, withIntermediateDirectories: true)
                guard files.changeCurrentDirectoryPath(folder.path) else { throw CocoaError(.fileWriteUnknown) }
                try makeHost().run(chunk: source, name: "=example of \(name)")
            } catch let failure as LuaScriptError {
                error = failure.description
            } catch let failure {
                error = "\(failure)"
            }
        }
        _ = files.changeCurrentDirectoryPath(previous)
        try? files.removeItem(at: folder)
        return ExampleRun(output: output, error: error)
    }
}
