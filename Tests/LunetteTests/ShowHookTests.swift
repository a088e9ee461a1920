import Bindings
import Foundation
import LuaHost
import Notebook
import Synchronization
import Testing
import TestSupport

/// A class of a binding that registers how `show` presents its objects, as the image, plot and tensor
/// bindings do: pictures give PNG bytes, others text.
private final class Sketch {
    let png: Data?
    init(png: Data?) { self.png = png }
}

/// A session in this process with the test class registered, running a script from a file.
private struct Session {
    let host: LuaHost
    let notebook: ScriptNotebook
    static let picture = PNGFile.rgb(width: 20, height: 10) { x, _ in (UInt8(x * 12), 90, 200) }

    init() throws {
        host = try LuaHost()
        notebook = installModules(in: host, dataFolder: nil)
        let sketchClass = LuaClass<Sketch>(name: "Sketch")
        host.install(sketchClass)
        notebook.showable(sketchClass) { sketch in
            guard let png = sketch.png else { return .text("Sketch (no picture)") }
            return .picture(png: png, summary: "Sketch 20x10")
        }
        host.setGlobal("sketch") { call in
            let withPicture: Bool = try call.argument(1, default: true)
            return call.push(Sketch(png: withPicture ? Session.picture : nil), sketchClass)
        }
    }

    func run(_ source: String, report folder: URL?) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-show-\(UUID().uuidString).lua").path
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let prepared = try notebook.prepare(scriptAt: path, arguments: [])
        if let folder { try notebook.openReport(folder: folder.path, fromCommandLine: true) }
        try host.run(file: path, arguments: [], source: prepared ? notebook.runnableSource : nil)
        try notebook.scriptFinished()
    }
}

/// Collects what this process writes to standard output while `body` runs (in this test's turn).
private func standardOutput(of body: () throws -> Void) throws -> String {
    try withStandardOutputTurn { try collectingStandardOutput(of: body) }
}

private func collectingStandardOutput(of body: () throws -> Void) throws -> String {
    let collected = Mutex("")
    let capture = try OutputCapture<Int>(onText: { bytes in collected.withLock { $0 += String(decoding: bytes, as: UTF8.self) } },
                                         onEvent: { _ in })
    defer { capture.stop() }
    try body()
    capture.stop()
    return collected.withLock { $0 }
}

// These run in this test process and take its standard output in turn.
@Suite(.serialized) struct ShowHookTests {
    @Test func registeredPicturesGoIntoTheReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-show-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try Session()
        let terminal = try standardOutput {
            try session.run("-- %% Pictures\nshow(sketch(), 'A sketch')\nshow(sketch(false))\nprint('after')", report: folder)
        }
        let figure = folder.appendingPathComponent("figures/cell01-1-A_sketch.png")
        #expect(terminal == "[Sketch 20x10] \(figure.path)\nSketch (no picture)\nafter\n")
        #expect(try Data(contentsOf: figure) == Session.picture)
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        expectInOrder(markdown, ["## [1] Pictures", "![A sketch](figures/cell01-1-A_sketch.png)",
                                 "```text\nSketch (no picture)\n```", "```text\nafter\n```"])
    }

    @Test func withoutAReportPicturesGoToATemporaryFile() throws {
        let session = try Session()
        let terminal = try standardOutput { try session.run("show(sketch())", report: nil) }
        let prefix = "[Sketch 20x10] "
        try #require(terminal.hasPrefix(prefix) && terminal.hasSuffix(".png\n"), "\(terminal)")
        let path = String(terminal.dropFirst(prefix.count).dropLast())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Session.picture)
    }

    @Test func imageAndPlotSaversPutTheirFilesIntoTheReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-saved-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try Session()
        // What image.save and plot:save do after writing their file.
        session.host.setGlobal("save_sketch") { call in
            try session.notebook.pictureSaved(png: Session.picture, path: try call.argument(1))
            return 0
        }
        _ = try standardOutput {
            try session.run("-- %% One\nprint('one')\n-- %% Two\nsave_sketch('out/loss.png')", report: folder)
        }
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        expectInOrder(markdown, ["## [2] Two", "![out/loss.png](figures/cell02-1-loss.png)"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("figures/cell02-1-loss.png")) == Session.picture)
    }
}
