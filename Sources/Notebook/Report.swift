import Foundation

/// A picture in the report: a PNG file in the report folder.
public struct ReportImage: Equatable, Sendable {
    /// Relative to the report folder, with `/` separators (`figures/cell02-1-loss.png`).
    public let file: String
    public let width: Int
    public let height: Int
    public let caption: String?

    public init(file: String, width: Int, height: Int, caption: String?) {
        self.file = file
        self.width = width
        self.height = height
        self.caption = caption
    }
}

/// What a cell produced, in order.
public enum CellOutput: Sendable {
    /// What it wrote to standard output (consecutive writes extend the same stream).
    case stream(TerminalText)
    /// A value shown with `show(x)` as text.
    case value(String)
    case image(ReportImage)
    case error(message: String, traceback: String)
}

public enum CellState: Equatable, Sendable {
    case waiting, running, finished, failed
    /// Later than a failure, or past the point where the script stopped.
    case notRun
    /// Ran before the script opened its report, so its output is not in it.
    case ranBeforeReport
    /// Its results came from the cache of an earlier run.
    case cached
}

public struct ReportCell: Sendable {
    public let cell: ScriptCell
    public var state: CellState = .waiting
    public var outputs: [CellOutput] = []
    public var seconds: Double?
    /// The file line the error in this cell points at, marked in the code.
    public var errorLine: Int?
    /// For a cached cell, how long it took when it ran.
    public var savedSeconds: Double?
    /// Why the cell's results could not be cached, in one line.
    public var cacheNote: String?
    var startedAt: ContinuousClock.Instant?
    /// The code highlighted as HTML lines, made once: the page is rewritten at every cell boundary.
    let highlightedCode: [String]

    init(cell: ScriptCell) {
        self.cell = cell
        let code = cell.codeAfterProse.code
        highlightedCode = code.isEmpty ? [] : LuaHighlighter.htmlLines(code)
    }
}

/// How the run went, as the header shows it.
public enum RunStatus: Equatable, Sendable {
    /// Still running: a partial report written as cells finish.
    case running
    case finished
    case failed
    /// Ended early with `os.exit(code)`.
    case exited(code: Int32)
}

/// What the header records about the run, so a report says how it was made.
public struct RunInfo: Sendable {
    public var version: String
    public var commandLine: String
    public var cpu: String
    public var threads: Int
    /// The seeds given to `tensor.manual_seed`, in order.
    public var seeds: [Int] = []

    public init(version: String, commandLine: String, cpu: String, threads: Int) {
        self.version = version
        self.commandLine = commandLine
        self.cpu = cpu
        self.threads = threads
    }
}

/// A report being filled in as the script runs: the cells with their outputs, times and states.
public struct Report: Sendable {
    public var title: String
    public var run: RunInfo?
    /// How often the page reloads itself from disk while a `--watch` session keeps rewriting it.
    public var reloadSeconds: Int?
    /// The script as the user named it on the command line.
    public let scriptPath: String
    public let startDate: Date
    public private(set) var cells: [ReportCell]
    public private(set) var status: RunStatus = .running
    public private(set) var totalSeconds: Double?
    private let startedAt: ContinuousClock.Instant
    /// The index in `cells` of the cell running now.
    private var current: Int?

    public init(title: String, scriptPath: String, script: NotebookScript,
                startDate: Date = Date(), startedAt: ContinuousClock.Instant = .now) {
        self.title = title
        self.scriptPath = scriptPath
        self.startDate = startDate
        self.startedAt = startedAt
        cells = script.cells.map(ReportCell.init)
    }

    /// Cell `number` (1-based) starts: the running one is finished; cells before it that never ran were
    /// run before the report was opened.
    public mutating func startCell(_ number: Int, at instant: ContinuousClock.Instant) {
        guard cells.indices.contains(number - 1) else { return }
        finishCurrentCell(at: instant)
        for index in 0..<(number - 1) where cells[index].state == .waiting { cells[index].state = .ranBeforeReport }
        current = number - 1
        cells[number - 1].state = .running
        cells[number - 1].startedAt = instant
    }

    /// The running cell's clock starts at `instant` instead, so the report's own page writes at the
    /// cell boundary are not counted as the cell's work.
    public mutating func restartRunningCellClock(at instant: ContinuousClock.Instant) {
        guard let current else { return }
        cells[current].startedAt = instant
    }

    /// Standard output; goes to the running cell (or, before any cell ran, to the first).
    public mutating func appendOutput(_ bytes: UnsafeRawBufferPointer) {
        guard let index = current ?? cells.indices.first else { return }
        if case .stream(var text) = cells[index].outputs.last {
            // The stream is taken out of the array while it grows, so its buffers are not copied.
            let last = cells[index].outputs.count - 1
            cells[index].outputs[last] = .value("")
            text.append(bytes)
            cells[index].outputs[last] = .stream(text)
        } else {
            var text = TerminalText()
            text.append(bytes)
            cells[index].outputs.append(.stream(text))
        }
    }

    /// Cell `number` came from the cache: it took `savedSeconds` when it ran.
    public mutating func markCached(_ number: Int, savedSeconds: Double, at instant: ContinuousClock.Instant) {
        guard cells.indices.contains(number - 1) else { return }
        if let started = cells[number - 1].startedAt { cells[number - 1].seconds = Self.seconds(from: started, to: instant) }
        cells[number - 1].state = .cached
        cells[number - 1].savedSeconds = savedSeconds
        if current == number - 1 { current = nil }
    }

    /// The 1-based number of the cell output goes to now.
    public var outputCell: Int? { (current ?? cells.indices.first).map { $0 + 1 } }

    public mutating func setCacheNote(_ note: String, cell number: Int) {
        guard cells.indices.contains(number - 1) else { return }
        cells[number - 1].cacheNote = note
    }

    public mutating func append(_ output: CellOutput) {
        guard let index = current ?? cells.indices.first else { return }
        cells[index].outputs.append(output)
    }

    /// The script failed. The error goes to the running cell; when none ran (a syntax error), to the
    /// cell holding `line`. Cells after it are marked as not run.
    public mutating func fail(message: String, traceback: String, line: Int?, at instant: ContinuousClock.Instant) {
        let lineCell = line.flatMap { line in cells.firstIndex { $0.cell.lines.contains(line) } }
        guard let index = current ?? lineCell ?? cells.indices.first else {
            end(.failed, at: instant)
            return
        }
        current = index
        cells[index].outputs.append(.error(message: message, traceback: traceback))
        if let line, cells[index].cell.lines.contains(line) { cells[index].errorLine = line }
        finishCurrentCell(at: instant, as: .failed)
        end(.failed, at: instant)
    }

    /// The script ended (normally, or by `os.exit`): cells that never started are marked as not run.
    public mutating func finish(_ status: RunStatus, at instant: ContinuousClock.Instant) {
        finishCurrentCell(at: instant)
        end(status, at: instant)
    }

    /// The script line an error message points at (`script.lua:12: ...`), if it points into the script.
    /// Lua writes a long path as `...` and its last characters.
    public func lineOfError(_ message: String) -> Int? {
        let pattern = /^(.+?):([0-9]+):/
        guard let match = message.prefixMatch(of: pattern), let line = Int(match.output.2) else { return nil }
        let chunk = match.output.1
        let names = chunk == scriptPath || (chunk.hasPrefix("...") && scriptPath.hasSuffix(chunk.dropFirst(3)))
        return names ? line : nil
    }

    private mutating func end(_ status: RunStatus, at instant: ContinuousClock.Instant) {
        for index in cells.indices where cells[index].state == .waiting { cells[index].state = .notRun }
        self.status = status
        totalSeconds = Self.seconds(from: startedAt, to: instant)
    }

    private mutating func finishCurrentCell(at instant: ContinuousClock.Instant, as state: CellState = .finished) {
        guard let index = current else { return }
        if let started = cells[index].startedAt { cells[index].seconds = Self.seconds(from: started, to: instant) }
        cells[index].state = state
        current = nil
    }

    static func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let duration = end - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
