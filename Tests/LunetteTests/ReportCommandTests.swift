import Foundation
import Testing
import TestSupport

/// `lunette run FILE --report DIR` on a script with several cells: text, a progress line, pictures,
/// output of a child process, a value shown, an error, and a cell after it.
struct DemoReport {
    static let script = """
        -- An experiment in cells.
        local picture = arg[1]

        -- %% Data
        local values = {}
        for i = 1, 4 do values[i] = i * i end
        print('values', table.concat(values, ' '))
        io.write('\\27[32mgreen\\27[0m\\n')
        for step = 1, 5 do io.write('\\rstep ' .. step .. '/5') end
        io.write('\\n')

        -- %% Pictures
        require('report').image(picture, 'A gradient')
        print('between pictures')
        show('a shown string')
        os.execute('echo from a child process')
        require('report').image(picture)

        -- %% Failure
        local function explode() error('broken on purpose') end
        print('before the error')
        explode()

        -- %% Later
        print('never printed')
        """

    let folder: URL
    let scriptPath: String
    let picture: Data
    let result: Executable.Result
    var html: String { (try? String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)) ?? "" }
    var markdown: String { (try? String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)) ?? "" }

    /// Made once and shared by the tests that read it.
    static let shared: DemoReport = {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-demo-report-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        try! FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let picture = PNGFile.rgb(width: 64, height: 48) { x, y in (UInt8(x * 4), UInt8(y * 5), 160) }
        try! picture.write(to: scratch.appendingPathComponent("gradient.png"))
        let scriptPath = scratch.appendingPathComponent("demo.lua").path
        try! script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let folder = scratch.appendingPathComponent("report")
        let result = try! Executable.run(["run", scriptPath, "--report", folder.path, scratch.appendingPathComponent("gradient.png").path])
        return DemoReport(folder: folder, scriptPath: scriptPath, picture: picture, result: result)
    }()
}

@Suite struct ReportCommandTests {
    let demo = DemoReport.shared

    @Test func terminalSeesTheOutputUnchangedAndTheErrorWithFileLines() {
        #expect(demo.result.status == 1)
        #expect(demo.result.output == "values\t1 4 9 16\n\u{1B}[32mgreen\u{1B}[0m\n\rstep 1/5\rstep 2/5\rstep 3/5\rstep 4/5\rstep 5/5\n"
                + "between pictures\na shown string\nfrom a child process\nbefore the error\n")
        let errors = demo.result.error.split(separator: "\n").map(String.init)
        #expect(errors.first == "\(demo.scriptPath):20: broken on purpose")
        #expect(errors.last == "lunette: report written to \(demo.folder.path)/index.html")
    }

    @Test func markdownHoldsEachCellsCodeOutputAndPicturesInOrder() {
        let markdown = demo.markdown
        expectInOrder(markdown, [
            "# demo.lua\n", "**✗ failed**",
            "## [1]\n", "local picture = arg[1]",
            "## [2] Data\n", "print('values', table.concat(values, ' '))", "```text\nvalues\t1 4 9 16\ngreen\nstep 5/5\n```",
            "## [3] Pictures\n", "![A gradient](figures/cell03-1-gradient.png)", "between pictures", "```text\na shown string\n```",
            "from a child process", "](figures/cell03-2-gradient.png)",
            "## [4] Failure\n", "before the error", "**Error**", "demo.lua:20: broken on purpose\nstack traceback:",
            "## [5] Later\n", "*lines 24–25 · not run*", "print('never printed')",
        ])
        #expect(!markdown.contains("step 1/5"), "a line redrawn with \\r keeps its final state")
        #expect(!markdown.contains("\u{1B}"), "escape sequences are removed")
        #expect(markdown.components(separatedBy: "never printed").count == 2, "only in the code of the last cell")
    }

    @Test func pageHoldsTheSameInOrderWithTheErrorInItsCell() {
        let html = demo.html
        expectInOrder(html, [
            "<title>demo.lua</title>", "✗ failed",
            "<section class=\"cell finished\" id=\"cell-1\">",
            "<section class=\"cell finished\" id=\"cell-2\">", "values\t1 4 9 16\ngreen\nstep 5/5</pre>",
            "<section class=\"cell finished\" id=\"cell-3\">",
            "<img src=\"figures/cell03-1-gradient.png\" width=\"192\" height=\"144\" alt=\"A gradient\"",
            "between pictures", "<pre class=\"value\">a shown string</pre>", "from a child process",
            "<img src=\"figures/cell03-2-gradient.png\"",
            "<section class=\"cell failed\" id=\"cell-4\">", "class=\"line error-line\" data-n=\"20\"",
            "before the error", "<div class=\"message\">\(demo.scriptPath):20: broken on purpose</div>",
            "<section class=\"cell notRun\" id=\"cell-5\">", "not run",
        ])
    }

    @Test func picturesAreCopiedIntoTheReportFolder() throws {
        let figures = demo.folder.appendingPathComponent("figures")
        let names = try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted()
        #expect(names == ["cell03-1-gradient.png", "cell03-2-gradient.png"])
        for name in names { #expect(try Data(contentsOf: figures.appendingPathComponent(name)) == demo.picture) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: demo.folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files are left behind")
    }

    @Test(.enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
    func browserLoadsEveryPictureAndDrawsThePage() throws {
        // A copy of the page, beside it so the pictures resolve, with a script that records which loaded.
        // (Written in place: a temporary file would show in the folder listing another test checks.)
        let check = demo.folder.appendingPathComponent("browser-check.html")
        let probe = """
            <script>addEventListener('load', () => { const all = [...document.images];
            document.body.dataset.images = all.length + ' ' + all.filter(i => i.complete && i.naturalWidth > 0).length; });</script>
            </body>
            """
        try demo.html.replacingOccurrences(of: "</body>", with: probe).write(to: check, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: check) }
        let dom = try Chromium.run(["--dump-dom"], page: check)
        #expect(dom.contains("data-images=\"2 2\""), "images loaded (total, loaded): \(dom.prefix(300))")

        let screenshot = demo.folder.deletingLastPathComponent().appendingPathComponent("report-screenshot.png")
        _ = try Chromium.run(["--screenshot=\(screenshot.path)", "--window-size=1000,1600"], page: demo.folder.appendingPathComponent("index.html"))
        var colours = Set<Int>()
        var dark = 0, gradient = 0
        // Read row by row: this process also runs tests that watch its resident memory.
        let header = PNGFile.forEachRow(try Data(contentsOf: screenshot)) { y, row in
            guard y % 2 == 0 else { return }
            let channels = row.count / 1000
            for x in stride(from: 0, to: 1000, by: 2) {
                let p = row[(x * channels)..<(x * channels + 3)].map(Int.init)
                colours.insert(p[0] << 16 | p[1] << 8 | p[2])
                if p[0] + p[1] + p[2] < 240 { dark += 1 }
                if p[2] == 160 && p[0] > 100 && p[1] > 100 { gradient += 1 } // the picture's lower right part
            }
        }
        let size = try #require(header, "the screenshot is a PNG")
        #expect(size.width == 1000 && size.height == 1600 && size.channels >= 3)
        #expect(colours.count > 200, "a page with text, highlighting and a picture has many colours")
        #expect(dark > 2000, "text is drawn")
        #expect(gradient > 100, "the picture is drawn")
    }
}
