import Foundation

/// The report as one HTML page: a header (title, script, date, total time, status, how the run was
/// made), a table of contents (a sticky side column on wide screens), then each cell with its prose,
/// its code, its outputs in order and its time. Images are files beside the page; the style sheet is in
/// the page; nothing is fetched from the network. The only script is the reload check of a `--watch`
/// session (`reloadScript`).
public enum HTMLReport {
    /// The file a `--watch` session rewrites beside the page; it calls `lunetteReportVersion(v)`.
    public static let versionFileName = "reload.js"

    /// `version` identifies this rendering for the reload check (used when `report.reloadSeconds` is set).
    public static func render(_ report: Report, version: String = "") -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="lunette">
            <title>\(escapeHTML(report.title))</title>
            <style>
            \(reportStyleSheet)</style>

            """
        if let seconds = report.reloadSeconds { html += reloadScript(version: version, seconds: seconds) }
        html += "</head>\n<body>\n"
        html += contents(report)
        html += "<div class=\"page\">\n"
        html += header(report)
        html += "<main>\n"
        for cell in report.cells { html += section(cell, scriptPath: report.scriptPath) }
        html += "</main>\n<footer>Made by lunette from <code>\(escapeHTML(report.scriptPath))</code></footer>\n</div>\n</body>\n</html>\n"
        return html
    }

    /// Loads `reload.js` beside the page every `seconds` (a script element works from a `file:` page,
    /// where fetching does not) and reloads the page when the version it names is another.
    private static func reloadScript(version: String, seconds: Int) -> String {
        """
        <script>
        (function () {
          var shown = "\(escapeHTML(version))";
          window.lunetteReportVersion = function (latest) { if (latest !== shown) location.reload(); };
          setInterval(function () {
            var check = document.createElement("script");
            check.src = "\(versionFileName)?" + Date.now();
            check.onload = check.onerror = function () { check.remove(); };
            document.head.appendChild(check);
          }, \(seconds * 1000));
        })();
        </script>

        """
    }

    private static func header(_ report: Report) -> String {
        var parts = ["<code>\(escapeHTML(report.scriptPath))</code>", escapeHTML(ReportText.date(report.startDate))]
        if let total = report.totalSeconds { parts.append(escapeHTML(formatDuration(total))) }
        let status = ReportText.status(report.status)
        parts.append("<span class=\"status \(status.cssClass)\">\(escapeHTML(status.text))</span>")
        let saved = ReportText.savedByCache(report)
        if !saved.isEmpty { parts.append(escapeHTML(saved)) }
        var html = "<header>\n<h1>\(escapeHTML(report.title))</h1>\n<div class=\"meta\">\(parts.joined(separator: " · "))</div>\n"
        if let run = report.run {
            html += "<dl class=\"run\">"
            for (term, value) in ReportText.runFacts(run) {
                let shown = term == "command" ? "<code>\(escapeHTML(value))</code>" : escapeHTML(value)
                html += "<div><dt>\(escapeHTML(term))</dt><dd>\(shown)</dd></div>"
            }
            html += "</dl>\n"
        }
        return html + "</header>\n"
    }

    /// The cells' list, a sticky column beside the cells on wide screens.
    private static func contents(_ report: Report) -> String {
        guard report.cells.count > 1 else { return "" }
        var html = "<nav class=\"contents\"><div class=\"contents-title\">Cells</div><ol>\n"
        for cell in report.cells {
            html += "<li class=\"\(cssClass(cell.state))\"><span class=\"number\">[\(cell.cell.number)]</span>"
            html += "<a href=\"#cell-\(cell.cell.number)\">\(escapeHTML(ReportText.heading(cell.cell)))</a>"
            html += "<span class=\"time\">\(escapeHTML(ReportText.state(cell, short: true)))</span></li>\n"
        }
        return html + "</ol></nav>\n"
    }

    private static func section(_ cell: ReportCell, scriptPath: String) -> String {
        let number = cell.cell.number
        var html = "<section class=\"cell \(cssClass(cell.state))\" id=\"cell-\(number)\">\n"
        html += "<h2><span class=\"number\">[\(number)]</span><span class=\"title\">\(escapeHTML(ReportText.title(cell.cell)))</span>"
        html += "<span class=\"info\">\(escapeHTML(ReportText.state(cell)))</span></h2>\n"
        if let note = cell.cacheNote { html += "<p class=\"cache-note\">\(escapeHTML(note))</p>\n" }
        if !cell.cell.prose.isEmpty { html += "<div class=\"prose\">\n\(MarkdownProse.html(cell.cell.prose))</div>\n" }
        if !cell.highlightedCode.isEmpty { html += code(cell) }
        var outputs = ""
        for output in cell.outputs { outputs += render(output) }
        if cell.state == .ranBeforeReport {
            outputs += "<p class=\"note\">This cell ran before the report was opened; its output is not recorded.</p>\n"
        }
        if !outputs.isEmpty { html += "<div class=\"outputs\">\n\(outputs)</div>\n" }
        return html + "</section>\n"
    }

    private static func code(_ cell: ReportCell) -> String {
        var html = "<pre class=\"code\"><code>"
        let firstLine = cell.cell.codeAfterProse.firstLine
        for (offset, line) in cell.highlightedCode.enumerated() {
            let lineNumber = firstLine + offset
            let marked = lineNumber == cell.errorLine ? " error-line" : ""
            html += "<span class=\"line\(marked)\" data-n=\"\(lineNumber)\">\(line)</span>"
        }
        return html + "</code></pre>\n"
    }

    private static func render(_ output: CellOutput) -> String {
        switch output {
        case .stream(let text):
            let kept = text.lines
            // A long stream scrolls in its own box (as in Jupyter), so the page stays readable.
            let long = kept.head.count + kept.tail.count > 40 ? " long" : ""
            var html = "<pre class=\"output\(long)\">" + escapeHTML(kept.head.joined(separator: "\n"))
            if kept.omitted > 0 {
                html += "\n<span class=\"omitted\">… \(kept.omitted) lines left out …</span>\n"
                html += escapeHTML(kept.tail.joined(separator: "\n"))
            }
            return html + "</pre>\n"
        case .value(let text):
            return "<pre class=\"value\">\(escapeHTML(text))</pre>\n"
        case .image(let image):
            return figure(image)
        case .error(let message, let traceback):
            var html = "<div class=\"error\"><div class=\"message\">\(escapeHTML(message))</div>"
            if !traceback.isEmpty { html += "<pre class=\"traceback\">\(escapeHTML(traceback))</pre>" }
            return html + "</div>\n"
        }
    }

    /// Small pictures (28x28 digits) are enlarged by a whole factor with square pixels; large ones
    /// shrink to the page width.
    private static func figure(_ image: ReportImage) -> String {
        let scale = max(1, min(8, 192 / max(1, image.width)))
        let pixelated = scale > 1 ? " class=\"pixelated\"" : ""
        let caption = image.caption ?? ""
        var html = "<figure><img src=\"\(escapeHTML(image.file))\" width=\"\(image.width * scale)\" "
        html += "height=\"\(image.height * scale)\" alt=\"\(escapeHTML(caption.isEmpty ? image.file : caption))\"\(pixelated)>"
        if !caption.isEmpty { html += "<figcaption>\(escapeHTML(caption))</figcaption>" }
        return html + "</figure>\n"
    }

    private static func cssClass(_ state: CellState) -> String {
        switch state {
        case .waiting: return "waiting"
        case .running: return "running"
        case .finished: return "finished"
        case .failed: return "failed"
        case .notRun: return "notRun"
        case .ranBeforeReport: return "ranBeforeReport"
        case .cached: return "cached"
        }
    }
}
