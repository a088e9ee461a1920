import Foundation
import Testing
import TestSupport
import Notebook

/// A three-cell script and instants a known distance apart.
private let script = NotebookScript(source: """
    local x = 1
    -- %% Second
    print(x)
    error('boom')
    -- %% Third
    print('never')
    """)
private let start = ContinuousClock.now

private func at(_ milliseconds: Int) -> ContinuousClock.Instant { start.advanced(by: .milliseconds(milliseconds)) }

@Suite struct ReportModelTests {
    @Test func cellsRunInTurnAndAFailureStopsTheRest() throws {
        var report = Report(title: "t", scriptPath: "s.lua", script: script, startedAt: start)
        #expect(report.cells.map(\.state) == [.waiting, .waiting, .waiting])
        report.startCell(1, at: at(0))
        report.appendOutput("one\n")
        report.startCell(2, at: at(1500))
        report.appendOutput("two")
        report.appendOutput(" halves\n")
        report.fail(message: "s.lua:4: boom", traceback: "stack traceback:\n\t[C]: in ?",
                    line: report.lineOfError("s.lua:4: boom"), at: at(1750))

        #expect(report.cells.map(\.state) == [.finished, .failed, .notRun])
        #expect(report.cells[0].seconds == 1.5)
        #expect(report.cells[1].seconds == 0.25)
        #expect(report.cells[1].errorLine == 4)
        #expect(report.status == .failed)
        #expect(report.totalSeconds == 1.75)
        guard case .stream(let text) = report.cells[1].outputs.first else { Issue.record("no stream"); return }
        #expect(text.text == "two halves")
        guard case .error(let message, _) = report.cells[1].outputs.last else { Issue.record("no error"); return }
        #expect(message == "s.lua:4: boom")
    }

    @Test func cellClockCanRestartAfterTheBoundary() {
        var report = Report(title: "t", scriptPath: "s.lua", script: script, startedAt: start)
        report.startCell(1, at: at(0))
        report.restartRunningCellClock(at: at(40))
        report.finish(.finished, at: at(100))
        #expect(abs((report.cells[0].seconds ?? 0) - 0.06) < 1e-12)
        #expect(report.totalSeconds == 0.1)
    }

    @Test func syntaxErrorGoesToTheCellOfItsLine() {
        var report = Report(title: "t", scriptPath: "s.lua", script: script, startedAt: start)
        report.fail(message: "s.lua:6: unexpected symbol near '='", traceback: "", line: 6, at: at(1))
        #expect(report.cells.map(\.state) == [.notRun, .notRun, .failed])
        #expect(report.cells[2].errorLine == 6)
    }

    @Test func reportOpenedInALaterCell() {
        var report = Report(title: "t", scriptPath: "s.lua", script: script, startedAt: start)
        report.startCell(2, at: at(0))
        report.finish(.finished, at: at(10))
        #expect(report.cells.map(\.state) == [.ranBeforeReport, .finished, .notRun])
    }

    @Test func exitEndsTheRunningCell() {
        var report = Report(title: "t", scriptPath: "s.lua", script: script, startedAt: start)
        report.startCell(1, at: at(0))
        report.finish(.exited(code: 3), at: at(20))
        #expect(report.cells.map(\.state) == [.finished, .notRun, .notRun])
        #expect(report.status == .exited(code: 3))
    }

    @Test func lineOfErrorOnlyForTheScript() {
        let report = Report(title: "t", scriptPath: "/a/rather/long/folder/name/for/experiments/course/week3/mnist.lua",
                            script: script)
        #expect(report.lineOfError("/a/rather/long/folder/name/for/experiments/course/week3/mnist.lua:12: x") == 12)
        // Lua shortens long chunk names to "..." and their end.
        #expect(report.lineOfError(".../for/experiments/course/week3/mnist.lua:7: x") == 7)
        #expect(report.lineOfError("lib/other.lua:3: x") == nil)
        #expect(report.lineOfError("no position here") == nil)
    }

    @Test func durationsAsPeopleReadThem() {
        let cases: [(Duration, String)] = [(.microseconds(20), "< 0.1 ms"), (.microseconds(420), "0.4 ms"),
                                           (.milliseconds(12), "12 ms"), (.milliseconds(3214), "3.21 s"),
                                           (.seconds(125), "2 min 05 s"), (.seconds(3725), "1 h 02 min")]
        for (duration, text) in cases {
            var report = Report(title: "t", scriptPath: "s.lua", script: NotebookScript(source: "x()"), startedAt: start)
            report.startCell(1, at: start)
            report.finish(.finished, at: start + duration)
            #expect(MarkdownReport.render(report).contains("*lines 1–1 · \(text)*"), "\(duration)")
        }
    }

    @Test func pngSizeFromTheHeader() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8) + [0, 0, 1, 0x2C, 0, 0, 0, 28] // 300 x 28
        #expect(PNGSize(Data(bytes)) == PNGSize(width: 300, height: 28))
        #expect(PNGSize(Data("GIF89a and then some more bytes".utf8)) == nil)
        #expect(PNGSize(Data(bytes.prefix(20))) == nil)
    }
}

extension Report {
    mutating func appendOutput(_ text: String) {
        Array(text.utf8).withUnsafeBytes { appendOutput($0) }
    }
}

extension PNGSize {
    init(width: Int, height: Int) {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        self.init(Data(bytes))!
    }
}

/// A report with one of everything, rendered both ways.
private func sampleReport() -> Report {
    let script = NotebookScript(source: """
        -- %% Load <data>
        local n = 0x10 -- sixteen
        print("<script>alert(1)</script>")
        -- %% Plot
        show(picture)
        local broken = nil + 1
        -- %% After
        print('skipped')
        """)
    var report = Report(title: "mnist & co", scriptPath: "mnist.lua", script: script, startedAt: start)
    report.startCell(1, at: at(0))
    report.appendOutput("<script>alert(1)</script>\n```\n")
    report.startCell(2, at: at(100))
    report.append(.image(ReportImage(file: "figures/cell02-1-show.png", width: 28, height: 28, caption: "Digits")))
    report.append(.value("{1, 2}"))
    report.fail(message: "mnist.lua:6: attempt to perform arithmetic on a nil value",
                traceback: "stack traceback:\n\tmnist.lua:6: in main chunk", line: 6, at: at(300))
    return report
}

@Suite struct RenderingTests {
    @Test func htmlShowsCellsInOrderWithHighlightingAndEscaping() {
        let html = HTMLReport.render(sampleReport())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>mnist &amp; co</title>"))
        #expect(html.contains("<span class=\"k\">local</span> n = <span class=\"n\">0x10</span> <span class=\"c\">-- sixteen</span>"))
        #expect(html.contains("<span class=\"s\">&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</span>"))
        #expect(!html.contains("<script"), "printed text must not become markup")
        #expect(html.contains("Load &lt;data&gt;"))
        // In order: cell 1 code, its output, cell 2 code with line 6 marked, picture, value, error, cell 3 not run.
        expectInOrder(html, ["id=\"cell-1\"", "data-n=\"2\"", "<pre class=\"output\">&lt;script&gt;", "id=\"cell-2\"",
                              "class=\"line error-line\" data-n=\"6\"",
                              "<img src=\"figures/cell02-1-show.png\" width=\"168\" height=\"168\"", "<figcaption>Digits</figcaption>",
                              "<pre class=\"value\">{1, 2}</pre>",
                              "<div class=\"message\">mnist.lua:6: attempt to perform arithmetic on a nil value</div>",
                              "id=\"cell-3\"", "not run"])
        #expect(html.contains("<section class=\"cell failed\" id=\"cell-2\">"))
        #expect(html.contains("<section class=\"cell notRun\" id=\"cell-3\">"))
        #expect(html.contains("✗ failed"))
    }

    @Test func htmlFetchesNothing() {
        let html = HTMLReport.render(sampleReport())
        for remote in ["http:", "https:", "@import", "url(", "<link", "<script"] { #expect(!html.contains(remote), "\(remote)") }
    }

    @Test func markdownHasFencesImagesAndTheError() throws {
        let markdown = MarkdownReport.render(sampleReport())
        #expect(markdown.hasPrefix("# mnist & co\n"))
        #expect(markdown.contains("## [1] Load \\<data\\>\n"))
        #expect(markdown.contains("```lua\nlocal n = 0x10 -- sixteen\nprint(\"<script>alert(1)</script>\")\n```"))
        // The output holds ``` itself, so its fence is longer.
        #expect(markdown.contains("\n````text\n<script>alert(1)</script>\n```\n````\n"))
        #expect(markdown.contains("![Digits](figures/cell02-1-show.png)"))
        let error = try #require(markdown.range(of: "**Error**"))
        let third = try #require(markdown.range(of: "## [3] After"))
        #expect(error.lowerBound < third.lowerBound)
        #expect(markdown.contains("*lines 7–8 · not run*"))
        #expect(markdown.contains("mnist.lua:6: attempt to perform arithmetic on a nil value\nstack traceback:"))
    }
}
