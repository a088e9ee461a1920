import FileSupport
import Foundation
import LuaHost
import Notebook

/// The notebook side of a Lua session: which cell of the script is running, the report being written
/// (if any), and how `show(x)` presents values.
///
/// A script becomes a notebook when `lunette run` prepares it (cells split at `-- %%` markers). A report
/// is made only when asked: `lunette run FILE --report DIR`, or `report.open(DIR)` in the script (the
/// command line wins). Without a report, cells cost two function calls each and `show` prints.
///
/// With `--report DIR`, the report's folder is known before the script starts, so the cell cache in
/// `DIR/cache/` can spare the leading cells that did not change (see CellCacheRun).
public final class ScriptNotebook {
    unowned let host: LuaHost
    private var script: NotebookScript?
    private var scriptPath: String?
    private var arguments: [String] = []
    private var currentCell: (number: Int, startedAt: ContinuousClock.Instant)?
    /// Where the running cell's own work began (after the cache saved the previous cell's state).
    private var workStartedAt: ContinuousClock.Instant = .now
    /// Where the running cell ended, set when the next one is reached.
    private var boundary: ContinuousClock.Instant?
    private(set) var cacheRun: CellCacheRun?
    /// `--fresh`: the cache's entries are not used (the run still leaves new ones).
    public var ignoresCache = false
    /// How the run was started, for the report's header.
    public var commandLine = ""
    /// Set by `--watch`: the page reloads itself this often.
    public var reloadSeconds: Int?
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

    /// Reads a script and splits it into cells, and installs the cells' Lua half. Returns false when
    /// the file cannot be read as text (Lua then loads it and reports why).
    public func prepare(scriptAt path: String, arguments: [String]) throws -> Bool {
        scriptPath = path
        self.arguments = arguments
        guard let data = FileManager.default.contents(atPath: path), data.first != 0x1B, // 0x1B: precompiled
              let source = String(data: data, encoding: .utf8) else { return false }
        script = NotebookScript(source: source)
        FileReads.start()
        try host.run(chunk: cellStateLuaSource, name: "=lunette cells")
        return true
    }

    /// The source to run (marker lines replaced by cell calls; cells taken from the cache left blank),
    /// or nil for a file `prepare` could not split.
    public var runnableSource: String? {
        guard let script else { return nil }
        return script.runnableSource(restoring: cacheRun?.reused.count ?? 0, locals: cacheRun?.restoredLocals ?? [])
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
        var report = Report(title: title ?? (scriptPath as NSString).lastPathComponent, scriptPath: scriptPath, script: script)
        report.run = RunInfo(version: lunetteVersion, commandLine: commandLine, cpu: MachineDescription.cpuModel,
                             threads: MachineDescription.threads)
        report.reloadSeconds = reloadSeconds
        let folderURL = URL(fileURLWithPath: folder)
        recorder = try ReportRecorder(folder: folderURL, report: report, currentCell: currentCell)
        openedFromCommandLine = fromCommandLine
        if fromCommandLine {
            cacheRun = CellCacheRun(script: script, reportFolder: folderURL, context: [lunetteVersion] + arguments, fresh: ignoresCache)
        }
    }

    /// The script ran to its end: writes the final report and the last cell's cache entry, and says
    /// where the report is.
    public func scriptFinished() throws {
        guard let recorder else { return }
        let end = ContinuousClock.now
        try recorder.finish(.finished)
        if let cacheRun, let currentCell {
            storeEntry(of: currentCell.number, endedAt: end, in: cacheRun, recorder: recorder)
            cacheRun.cache.removeUnusedFiles()
        }
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

    /// The script reached the next cell: the running cell's time ends here, before the cache saves
    /// the state it left.
    func cellReached() {
        boundary = .now
    }

    func startCell(_ number: Int) throws {
        let now = boundary ?? .now
        boundary = nil
        let previous = currentCell
        currentCell = (number, now)
        recorder?.startCell(number, at: now)
        if let previous, let recorder, let cacheRun {
            storeEntry(of: previous.number, endedAt: now, in: cacheRun, recorder: recorder)
        }
        workStartedAt = .now
    }

    /// Writes a finished cell's cache entry; a failure to write stops the cache (the run goes on).
    private func storeEntry(of number: Int, endedAt end: ContinuousClock.Instant, in cacheRun: CellCacheRun, recorder: ReportRecorder) {
        let seconds = Double((end - workStartedAt).components.seconds) + Double((end - workStartedAt).components.attoseconds) * 1e-18
        do {
            try cacheRun.cellFinished(number, seconds: seconds, transcript: recorder.transcript(of: number), reportFolder: recorder.folder)
        } catch {
            cacheRun.stop()
            FileHandle.standardError.write(Data("lunette: the cell cache is off for the rest of this run: \(error)\n".utf8))
        }
    }

    /// Cell `number`'s state could not be saved: it and the cells after it run again next time.
    func cacheStopped(cell number: Int, reason: String) {
        cacheRun?.stop()
        recorder?.setCacheNote("not cached: \(reason)", cell: number)
    }

    func noteSeed(_ seed: Int) {
        recorder?.noteSeed(seed)
    }

    /// Puts cells 1...`number` into the report from the cache, as they were when they ran, and returns
    /// the Lua state the last of them left (nil when it is the script's last cell).
    func replayCachedCells(through number: Int, of cacheRun: CellCacheRun) throws -> Data? {
        guard let recorder else { return nil }
        for (offset, entry) in cacheRun.reused.prefix(number).enumerated() {
            let cell = offset + 1
            let started = ContinuousClock.now
            currentCell = (cell, started)
            recorder.startCell(cell, at: started)
            if let title = entry.transcript.title { recorder.setTitle(title) }
            for seed in entry.transcript.seeds { recorder.noteSeed(seed) }
            for item in entry.transcript.entries {
                switch item {
                case .text(let bytes): FileHandle.standardOutput.write(Data(bytes))
                case .value(let text): recorder.addValue(text)
                case .picture(let file, let name, let caption):
                    try recorder.addPicture(png: try cacheRun.read(file), name: name, caption: caption)
                }
            }
            recorder.cellCached(cell, savedSeconds: entry.seconds)
        }
        _ = FileReads.take() // the cache's own files
        return try cacheRun.state(of: number)
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
