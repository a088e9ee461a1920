import FileSupport
import Foundation
import LuaHost
import Notebook

/// The notebook side of a Lua session: which cell of the script is running, the report being written
/// (if any), and how `show(x)` presents values.
///
/// A script becomes a notebook when `lunette run` prepares it (cells split at `-- %%` markers). A report
/// is made only when asked: `lunette run FILE --report DIR`, or `report.open(DIR)` in the script (the
/// command line wins). Without a report, cells cost one function call each and `show` prints.
public final class ScriptNotebook {
    unowned let host: LuaHost
    private var script: NotebookScript?
    private var scriptPath: String?
    private var currentCell: (number: Int, startedAt: ContinuousClock.Instant)?
    private var recorder: ReportRecorder?
    private var openedFromCommandLine = false
    /// How registered classes are shown; nil for a value of another class.
    private var renderers: [(LuaCall, Int32) throws -> Display?] = []
    /// The REPL's formatter, for values shown as text.
    private lazy var inspector = ValueInspector(host: host)
    private var picturesShownWithoutReport = 0

    init(host: LuaHost) { self.host = host }

    // MARK: Bindings

    /// Makes `show(x)` present objects of a class with `render` (which may throw: `show` then fails
    /// with its message).
    public func showable<Object>(_ luaClass: LuaClass<Object>, _ render: @escaping (Object) throws -> Display) {
        renderers.append { call, index in
            guard let object = try? call.object(index, luaClass) else { return nil }
            return try render(object)
        }
    }

    /// Image and chart bindings call this after saving a PNG file (`image.save`, `plot:save`): while a
    /// report is being made, a copy goes into the running cell, captioned with the path.
    public func pictureSaved(png: Data, path: String) throws {
        try addPictureFile(png: png, path: path, caption: path)
    }

    /// A copy of a picture file in the running cell, named after the file.
    private func addPictureFile(png: Data, path: String, caption: String) throws {
        guard let recorder else { return }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        try recorder.addPicture(png: png, name: name, caption: caption)
    }

    // MARK: The command line

    /// Reads a script and splits it into cells; returns the source to run (marker lines replaced by
    /// cell calls), or nil when the file cannot be read as text (Lua then loads it and reports why).
    public func prepare(scriptAt path: String) -> String? {
        scriptPath = path
        guard let data = FileManager.default.contents(atPath: path), data.first != 0x1B, // 0x1B: precompiled
              let source = String(data: data, encoding: .utf8) else { return nil }
        let script = NotebookScript(source: source)
        self.script = script
        host.setGlobal(NotebookScript.cellFunctionName) { [unowned self] call in
            startCell(try call.argument(1))
            return 0
        }
        return script.runnableSource
    }

    /// Starts the report. A folder from the command line takes precedence over the script's
    /// `report.open`, whose title still applies.
    public func openReport(folder: String, fromCommandLine: Bool, title: String? = nil) throws {
        if let recorder {
            guard openedFromCommandLine || recorder.folder.standardizedFileURL == URL(fileURLWithPath: folder).standardizedFileURL else {
                throw LuaError.message("a report is already being written to '\(recorder.folder.path)'")
            }
            if let title { recorder.setTitle(title) }
            return
        }
        guard let scriptPath else {
            throw LuaError.message("reports are made for scripts run with `lunette run FILE`; there is no script here")
        }
        guard let script else {
            throw LuaError.message("cannot split '\(scriptPath)' into cells for a report: it is not Lua source in UTF-8")
        }
        let report = Report(title: title ?? (scriptPath as NSString).lastPathComponent, scriptPath: scriptPath, script: script)
        recorder = try ReportRecorder(folder: URL(fileURLWithPath: folder), report: report, currentCell: currentCell)
        openedFromCommandLine = fromCommandLine
    }

    /// The script ran to its end: writes the final report and says where it is.
    public func scriptFinished() throws {
        guard let recorder else { return }
        try recorder.finish(.finished)
        announce(recorder)
    }

    /// The script failed: the error goes into the cell where it happened.
    public func scriptFailed(_ error: LuaScriptError) {
        guard let recorder else { return }
        do {
            try recorder.fail(message: error.message, traceback: error.traceback)
            announce(recorder)
        } catch {
            FileHandle.standardError.write(Data("lunette: \(error)\n".utf8))
        }
    }

    private func announce(_ recorder: ReportRecorder) {
        FileHandle.standardError.write(Data("lunette: report written to \(recorder.folder.appendingPathComponent("index.html").path)\n".utf8))
    }

    // MARK: Lua functions

    func startCell(_ number: Int) {
        let now = ContinuousClock.now
        currentCell = (number, now)
        recorder?.startCell(number, at: now)
    }

    /// `show(value [, caption])`.
    func show(_ call: LuaCall) throws {
        let caption: String? = try call.optionalArgument(2)
        let display = try registeredDisplay(call, at: 1) ?? .text(text(of: call, at: 1))
        guard let png = display.png else {
            if let recorder { recorder.addValue(display.text) } else { print(display.text) }
            return
        }
        let note = "[\(display.text)] "
        if let recorder {
            try recorder.addPicture(png: png, name: caption ?? "show", caption: caption) { note + $0.path + "\n" }
            return
        }
        picturesShownWithoutReport += 1
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lunette-\(getpid())-show-\(picturesShownWithoutReport).png")
        try AtomicFile.write(png, to: url.path, syncToDisk: false)
        print(note + url.path)
    }

    /// `report.image(path [, caption])`: a PNG file made some other way, put into the running cell.
    func includeImage(path: String, caption: String?) throws {
        guard let png = FileManager.default.contents(atPath: path) else {
            throw LuaError.message("cannot read '\(path)': \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
        }
        guard PNGSize(png) != nil else { throw LuaError.message("'\(path)' is not a PNG image") }
        try addPictureFile(png: png, path: path, caption: caption ?? path)
    }

    var reportFolder: String? { recorder?.folder.path }

    /// How the binding of the value's class shows it, if one registered.
    private func registeredDisplay(_ call: LuaCall, at index: Int32) throws -> Display? {
        for render in renderers {
            if let display = try render(call, index) { return display }
        }
        return nil
    }

    /// Strings as they are; other values as the REPL prints them.
    private func text(of call: LuaCall, at index: Int32) -> String {
        if call.type(index) == .string, let text = try? call.argument(index, as: String.self) { return text }
        return inspector.text(of: index, in: call.state)
    }
}
