import Foundation
import Testing
import TestSupport
import Notebook

// The recorder captures descriptor 1; it shares the turn-taking of the capture tests' suite.
extension OutputCaptureTests {
    @Test func recorderWritesPartialPagesAtCellBoundariesAndTheFinalOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-recorder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let script = NotebookScript(source: "-- %% One\nprint('hello')\n-- %% Two\nshow(x)\nerror('boom')\n-- %% Three\nprint(1)")
        let page = folder.appendingPathComponent("index.html")
        var header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        header += [0, 0, 0, 40, 0, 0, 0, 30, 8, 2, 0, 0, 0]
        let png = Data(header)

        try withStandardOutput(devNull) {
            let recorder = try ReportRecorder(folder: folder, report: Report(title: "t", scriptPath: "s.lua", script: script),
                                              currentCell: nil)
            #expect(String(decoding: try Data(contentsOf: page), as: UTF8.self).contains("running (partial report"))
            recorder.startCell(1)
            print("hello from cell one")
            let stored = try recorder.addPicture(png: png, name: "loss curve/1", caption: "Loss")
            #expect(stored.lastPathComponent == "cell01-1-loss_curve_1.png")
            #expect(try Data(contentsOf: stored) == png)
            #expect(throws: NotebookError.notPNG(what: "the picture 'text'")) {
                try recorder.addPicture(png: Data("not a picture".utf8), name: "text", caption: nil)
            }
            recorder.startCell(2)
            // Cell one is finished on disk once the next begins: a crash from now on leaves it readable.
            let markdown = String(decoding: try Data(contentsOf: folder.appendingPathComponent("report.md")), as: UTF8.self)
            expectInOrder(markdown, ["## [1] One", "hello from cell one", "![Loss](figures/cell01-1-loss_curve_1.png)",
                                     "## [2] Two", "running…"])
            recorder.addValue("{1, 2}")
            try recorder.fail(message: "s.lua:5: boom", traceback: "stack traceback:\n\t[C]: in ?")
            try recorder.fail(message: "s.lua:5: ignored, already ended", traceback: "")
        }
        let html = String(decoding: try Data(contentsOf: page), as: UTF8.self)
        #expect(html.contains("✗ failed"))
        #expect(html.contains("<pre class=\"value\">{1, 2}</pre>"))
        #expect(html.contains("<section class=\"cell failed\" id=\"cell-2\">"))
        #expect(html.contains("class=\"line error-line\" data-n=\"5\""))
        #expect(html.contains("<section class=\"cell notRun\" id=\"cell-3\">"))
        #expect(!html.contains("ignored, already ended"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func longCellIsRewrittenWhileItPrints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-long-cell-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let markdown = folder.appendingPathComponent("report.md")
        try withStandardOutput(devNull) {
            let recorder = try ReportRecorder(folder: folder, report: Report(title: "t", scriptPath: "s.lua",
                                                                             script: NotebookScript(source: "train()")),
                                              currentCell: (1, .now), rewriteInterval: .milliseconds(50))
            print("epoch 1")
            usleep(120_000)
            print("epoch 2") // output arriving after the interval rewrites the pages
            var written = ""
            for _ in 0..<200 where !written.contains("epoch 2") {
                usleep(10_000)
                written = String(decoding: (try? Data(contentsOf: markdown)) ?? Data(), as: UTF8.self)
            }
            #expect(written.contains("epoch 1\nepoch 2") && written.contains("running (partial report"))
            try recorder.finish(.finished)
        }
    }

    @Test func unwritableFolderIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-plain-file-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = NotebookScript(source: "print(1)")
        #expect {
            try ReportRecorder(folder: file.appendingPathComponent("report"), report: Report(title: "t", scriptPath: "s.lua", script: script),
                               currentCell: nil)
        } throws: { error in
            "\(error)".hasPrefix("cannot create the report folder '\(file.path)/report'")
        }
    }
}
