import Foundation

/// The report as GitHub-flavoured Markdown, for reading in a repository: the same header and cells as
/// the page, code in ```lua fences, output in ```text fences, pictures referenced relatively.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var parts = ["`\(report.scriptPath)`", ReportText.date(report.startDate)]
        if let total = report.totalSeconds { parts.append(formatDuration(total)) }
        parts.append("**\(ReportText.status(report.status).text)**")
        let saved = ReportText.savedByCache(report)
        if !saved.isEmpty { parts.append(saved) }
        var markdown = "# \(inline(report.title))\n\n\(parts.joined(separator: " · "))\n"
        if let run = report.run {
            markdown += "\n" + ReportText.runFacts(run).map { term, value in
                "- \(term): " + (term == "command" ? inlineCode(value) : inline(value))
            }.joined(separator: "\n") + "\n"
        }
        for cell in report.cells { markdown += section(cell) }
        return markdown
    }

    private static func section(_ cell: ReportCell) -> String {
        let shownTitle = ReportText.title(cell.cell)
        let title = shownTitle.isEmpty ? "" : " \(inline(shownTitle))"
        let lines = cell.cell.lines
        var markdown = "\n## [\(cell.cell.number)]\(title)\n\n*lines \(lines.lowerBound)–\(lines.upperBound) · \(ReportText.state(cell))*\n"
        if let note = cell.cacheNote { markdown += "\n*\(inline(note))*\n" }
        if !cell.cell.prose.isEmpty { markdown += "\n\(cell.cell.prose)\n" }
        let code = cell.cell.codeAfterProse.code
        if !code.isEmpty { markdown += fenced(code, language: "lua") }
        for output in cell.outputs { markdown += render(output) }
        if cell.state == .ranBeforeReport {
            markdown += "\n*This cell ran before the report was opened; its output is not recorded.*\n"
        }
        return markdown
    }

    private static func render(_ output: CellOutput) -> String {
        switch output {
        case .stream(let text): return fenced(text.text, language: "text")
        case .value(let text): return fenced(text, language: "text")
        case .image(let image):
            let caption = image.caption ?? ""
            let alt = caption.replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: "\n", with: " ")
            var markdown = "\n![\(alt)](\(image.file))\n"
            if !caption.isEmpty { markdown += "\n*\(inline(caption))*\n" }
            return markdown
        case .error(let message, let traceback):
            return "\n**Error**\n" + fenced(traceback.isEmpty ? message : "\(message)\n\(traceback)", language: "text")
        }
    }

    private static func fenced(_ text: String, language: String) -> String {
        let fence = markdownFence(for: text)
        return "\n\(fence)\(language)\n\(text)\n\(fence)\n"
    }

    /// Text in backticks, however many it holds itself.
    private static func inlineCode(_ text: String) -> String {
        let fence = String(markdownFence(for: text).dropFirst(2))
        return "\(fence) \(text) \(fence)"
    }

    /// Text placed in a heading or emphasis: Markdown and HTML characters are escaped, lines joined.
    private static func inline(_ text: String) -> String {
        let special = Array("\\`*_[]<>#|".utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if special.contains(byte) { escaped.append(UInt8(ascii: "\\")) }
            escaped.append(byte == UInt8(ascii: "\n") ? UInt8(ascii: " ") : byte)
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
