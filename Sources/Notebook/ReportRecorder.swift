import FileSupport
import Foundation
import Synchronization

/// A report being made while a script runs: captures standard output into the running cell, keeps
/// pictures in `figures/`, and writes `index.html` and `report.md` into the folder when it opens, at
/// every cell boundary, every few seconds while a long cell prints, and at the end, so an interrupted
/// run still leaves a readable partial report.
///
/// Its methods are called by the thread running the script; page writes at cell boundaries happen on
/// the capture's reader thread, where the cell change is seen in order with the output, while the
/// script's thread waits for them.
public final class ReportRecorder: Sendable {
    public enum Event: Sendable {
        case cellStarted(number: Int, at: ContinuousClock.Instant)
        case output(CellOutput)
        /// A picture stored under the name it was given.
        case picture(ReportImage, name: String)
        case cellCached(number: Int, savedSeconds: Double, at: ContinuousClock.Instant)
    }

    /// What the script's thread knows: the cell running now and how many pictures were stored.
    private struct Progress: Sendable {
        var cell = 0
        var figures = 0
    }

    private struct Pages: Sendable {
        var report: Report
        /// What each cell put into the report, by cell number, for the cell cache.
        var transcripts: [Int: CellTranscript] = [:]
        var writtenAt: ContinuousClock.Instant = .now
        /// The first failure to write a page during the run, reported once.
        var writeError: (any Error)?
    }

    public let folder: URL
    /// How long output may wait before the pages are rewritten in the middle of a cell.
    private let rewriteInterval: Duration
    private let pages: Mutex<Pages>
    private let progress = Mutex(Progress())
    private let capture = Mutex<OutputCapture<Event>?>(nil)

    /// Creates the folder, writes the first version of the pages, and starts capturing. `currentCell`
    /// is the cell already running when the report opens (from `report.open` inside a script).
    public init(folder: URL, report: Report, currentCell: (number: Int, startedAt: ContinuousClock.Instant)?,
                rewriteInterval: Duration = .seconds(5)) throws {
        self.folder = folder
        self.rewriteInterval = rewriteInterval
        var report = report
        if let currentCell { report.startCell(currentCell.number, at: currentCell.startedAt) }
        pages = Mutex(Pages(report: report))
        progress.withLock { $0.cell = currentCell?.number ?? 0 }
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        } catch {
            throw NotebookError.cannotCreateFolder(path: folder.path, reason: systemReason(error))
        }
        try Self.write(report, to: folder)
        let capture = try OutputCapture<Event>(
            onText: { bytes in self.appendOutput(bytes) },
            onEvent: { event in self.apply(event) })
        self.capture.withLock { $0 = capture }
        Self.finishesAtExit(self)
    }

    /// Cell `number` starts now. Returns once the pages on disk show the cells before it finished, so
    /// a run that crashes later still leaves them.
    public func startCell(_ number: Int, at instant: ContinuousClock.Instant = .now) {
        progress.withLock { $0.cell = number }
        capture.withLock { $0 }?.send(.cellStarted(number: number, at: instant), waitUntilHandled: true)
    }

    /// Stores a picture in `figures/` (named after the cell and `name`) and puts it in the running
    /// cell. `terminalNote` makes what the terminal shows in its place from the stored file's URL.
    @discardableResult
    public func addPicture(png: Data, name: String, caption: String?, terminalNote: ((URL) -> String)? = nil) throws -> URL {
        guard let size = PNGSize(png) else { throw NotebookError.notPNG(what: "the picture '\(name)'") }
        let fileName = progress.withLock { progress -> String in
            progress.figures += 1
            return "cell\(twoDigits(progress.cell))-\(progress.figures)-\(Self.safeFileName(name)).png"
        }
        let url = folder.appendingPathComponent("figures").appendingPathComponent(fileName)
        try AtomicFile.write(png, to: url.path, syncToDisk: false)
        let image = ReportImage(file: "figures/\(fileName)", width: size.width, height: size.height, caption: caption)
        send(.picture(image, name: name), terminalNote: terminalNote?(url))
        return url
    }

    /// The title in the page's header (a script's `report.open` names it while `--report` names the folder).
    public func setTitle(_ title: String) {
        pages.withLock { pages in
            pages.report.title = title
            pages.transcripts[progress.withLock { $0.cell }, default: CellTranscript()].title = title
        }
    }

    /// Cell `number`, started and replayed from the cache, is done: it took `savedSeconds` when it ran.
    public func cellCached(_ number: Int, savedSeconds: Double, at instant: ContinuousClock.Instant = .now) {
        capture.withLock { $0 }?.send(.cellCached(number: number, savedSeconds: savedSeconds, at: instant), waitUntilHandled: true)
    }

    /// Why cell `number`'s results could not be cached, shown in its heading's place.
    public func setCacheNote(_ note: String, cell number: Int) {
        pages.withLock { $0.report.setCacheNote(note, cell: number) }
    }

    /// A seed given to `tensor.manual_seed` in the running cell.
    public func noteSeed(_ seed: Int) {
        pages.withLock { pages in
            pages.report.run?.seeds.append(seed)
            pages.transcripts[progress.withLock { $0.cell }, default: CellTranscript()].seeds.append(seed)
        }
    }

    /// What cell `number` put into the report so far.
    public func transcript(of number: Int) -> CellTranscript {
        pages.withLock { $0.transcripts[number] ?? CellTranscript() }
    }

    /// The page reloads itself every `seconds` (a `--watch` session rewrites it).
    public func setReload(seconds: Int) {
        pages.withLock { $0.report.reloadSeconds = seconds }
    }

    /// Puts a value shown as text into the running cell; the terminal shows the same text.
    public func addValue(_ text: String) {
        send(.output(.value(text)), terminalNote: text.hasSuffix("\n") ? text : text + "\n")
    }

    /// The script ended. Stops capturing (everything written so far lands in the report first) and
    /// writes the final pages. Throws when a page could not be written, now or during the run.
    public func finish(_ status: RunStatus, at instant: ContinuousClock.Instant = .now) throws {
        try end { $0.finish(status, at: instant) }
    }

    /// The script failed with a Lua error.
    public func fail(message: String, traceback: String, at instant: ContinuousClock.Instant = .now) throws {
        try end { report in
            report.fail(message: message, traceback: traceback, line: report.lineOfError(message), at: instant)
        }
    }

    private func end(_ change: (inout Report) -> Void) throws {
        let capture = self.capture.withLock { capture in
            defer { capture = nil }
            return capture
        }
        guard let capture else { return } // already ended
        Self.open.withLock { if $0 === self { $0 = nil } }
        capture.stop()
        let (report, earlierError) = pages.withLock { pages -> (Report, (any Error)?) in
            change(&pages.report)
            return (pages.report, pages.writeError)
        }
        try Self.write(report, to: folder)
        if let earlierError { throw earlierError }
    }

    /// The recorder open now, finished by the exit handler when the script ends the process itself
    /// (`os.exit`), so the report says so and the captured output still reaches the terminal.
    private static let open = Mutex<ReportRecorder?>(nil)

    private static let exitHandlerInstalled: Void = {
        on_exit({ status, _ in try? ReportRecorder.open.withLock { $0 }?.finish(.exited(code: status)) }, nil)
    }()

    private static func finishesAtExit(_ recorder: ReportRecorder) {
        exitHandlerInstalled
        open.withLock { $0 = recorder }
    }

    private func send(_ event: Event, terminalNote: String? = nil) {
        capture.withLock { $0 }?.send(event, terminalNote: terminalNote)
    }

    /// On the reader thread: a cell boundary updates the model and rewrites the pages.
    private func apply(_ event: Event) {
        pages.withLock { pages in
            switch event {
            case .output(let output):
                if case .value(let text) = output, let cell = pages.report.outputCell {
                    pages.transcripts[cell, default: CellTranscript()].append(.value(text))
                }
                pages.report.append(output)
            case .picture(let image, let name):
                if let cell = pages.report.outputCell {
                    pages.transcripts[cell, default: CellTranscript()].append(.picture(file: image.file, name: name, caption: image.caption))
                }
                pages.report.append(.image(image))
            case .cellCached(let number, let savedSeconds, let instant):
                pages.report.markCached(number, savedSeconds: savedSeconds, at: instant)
            case .cellStarted(let number, let instant):
                pages.report.startCell(number, at: instant)
                rewrite(&pages)
                pages.report.restartRunningCellClock(at: .now)
            }
        }
    }

    /// On the reader thread: output goes to the running cell; a cell that prints for long (training)
    /// has its pages rewritten now and then.
    private func appendOutput(_ bytes: UnsafeRawBufferPointer) {
        pages.withLock { pages in
            if let cell = pages.report.outputCell { pages.transcripts[cell, default: CellTranscript()].append(bytes) }
            pages.report.appendOutput(bytes)
            if ContinuousClock.now - pages.writtenAt > rewriteInterval { rewrite(&pages) }
        }
    }

    private func rewrite(_ pages: inout Pages) {
        pages.writtenAt = .now
        do {
            try Self.write(pages.report, to: folder)
        } catch where pages.writeError == nil {
            pages.writeError = error
            FileHandle.standardError.write(Data("lunette: report: \(error)\n".utf8))
        } catch {}
    }

    private static func write(_ report: Report, to folder: URL) throws {
        // No fsync: this guards against a crashing or killed program, which is what reports meet, and
        // the pages are rewritten at every cell boundary.
        let markdown = MarkdownReport.render(report)
        let version = ContentHash.of(Array(markdown.utf8))
        try AtomicFile.write(Array(HTMLReport.render(report, version: version).utf8), to: folder.appendingPathComponent("index.html").path, syncToDisk: false)
        try AtomicFile.write(Array(markdown.utf8), to: folder.appendingPathComponent("report.md").path, syncToDisk: false)
        if report.reloadSeconds != nil {
            // Written after the page, so a page that sees this version can load the page that has it.
            try AtomicFile.write(Array("lunetteReportVersion(\"\(version)\");\n".utf8),
                                 to: folder.appendingPathComponent(HTMLReport.versionFileName).path, syncToDisk: false)
        }
    }

    /// Letters, digits, `-` and `_` only, so the name needs no escaping in a link.
    static func safeFileName(_ name: String) -> String {
        let kept = name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        }
        let text = String(kept.prefix(40))
        return text.isEmpty ? "figure" : text
    }
}
