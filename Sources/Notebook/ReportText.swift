import Foundation

/// The words both renderings use for dates, states and headings, so the page and the Markdown agree.
enum ReportText {
    /// Local time as `2025-03-14 15:09:26` (strftime: no formatter to build on every page write).
    static func date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var text = [CChar](repeating: 0, count: 32)
        let length = strftime(&text, text.count, "%Y-%m-%d %H:%M:%S", &parts)
        return String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func status(_ status: RunStatus) -> (text: String, cssClass: String) {
        switch status {
        case .running: return ("running (partial report, updated as cells finish)", "running")
        case .finished: return ("✓ finished", "finished")
        case .failed: return ("✗ failed", "failed")
        case .exited(let code): return (code == 0 ? "✓ exited with os.exit(0)" : "✗ exited with os.exit(\(code))",
                                        code == 0 ? "finished" : "exited")
        }
    }

    /// The time a cell took, or why it has none; `short` for the table of contents.
    static func state(_ cell: ReportCell, short: Bool = false) -> String {
        switch cell.state {
        case .waiting: return "waiting"
        case .running: return "running…"
        case .finished: return cell.seconds.map(formatDuration) ?? ""
        case .failed: return "failed" + (cell.seconds.map { " after \(formatDuration($0))" } ?? "")
        case .notRun: return "not run"
        case .ranBeforeReport: return "ran before the report"
        case .cached:
            if short { return "cached" }
            return "cached" + (cell.savedSeconds.map { " · saved \(formatDuration($0))" } ?? "")
        }
    }

    /// The time the cache saved over the whole run, or "" when no cell came from it.
    static func savedByCache(_ report: Report) -> String {
        let cached = report.cells.filter { $0.state == .cached }
        guard !cached.isEmpty else { return "" }
        let saved = cached.compactMap(\.savedSeconds).reduce(0, +)
        return "\(cached.count) of \(report.cells.count) cells from the cache (\(formatDuration(saved)) saved)"
    }

    /// How the run was made, as (term, value) pairs.
    static func runFacts(_ run: RunInfo) -> [(String, String)] {
        var facts = [("Lunette", run.version), ("command", run.commandLine)]
        if !run.seeds.isEmpty {
            facts.append((run.seeds.count == 1 ? "seed" : "seeds", run.seeds.map(String.init).joined(separator: ", ")))
        }
        facts.append(("CPU", run.cpu))
        facts.append(("threads", String(run.threads)))
        return facts
    }

    /// The title in a cell's heading: a `[markdown]` cell shows its prose's first line instead.
    static func title(_ cell: ScriptCell) -> String {
        cell.title == "[markdown]" ? heading(cell) : cell.title ?? ""
    }

    /// A cell's title, or for an untitled cell (or a `[markdown]` one) its first line, shortened.
    static func heading(_ cell: ScriptCell) -> String {
        if let title = cell.title, title != "[markdown]" { return title }
        let source = cell.title == "[markdown]" ? cell.prose : cell.code
        let firstLine = source.split(separator: "\n").first.map(String.init) ?? ""
        var trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        if cell.title == "[markdown]" { trimmed = String(trimmed.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces) }
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }
}
