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

    /// The time a cell took, or why it has none.
    static func state(_ cell: ReportCell) -> String {
        switch cell.state {
        case .waiting: return "waiting"
        case .running: return "running…"
        case .finished: return cell.seconds.map(formatDuration) ?? ""
        case .failed: return "failed" + (cell.seconds.map { " after \(formatDuration($0))" } ?? "")
        case .notRun: return "not run"
        case .ranBeforeReport: return "ran before the report"
        }
    }

    /// A cell's title, or for an untitled cell its first line of code, shortened.
    static func heading(_ cell: ScriptCell) -> String {
        if let title = cell.title { return title }
        let firstLine = cell.code.split(separator: "\n").first.map(String.init) ?? ""
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }
}
