import Foundation
import Imaging
import Testing
import TestSupport

/// Pictures reach the report from the image and plot modules: files saved with `image.save`,
/// `chart:save`, `figure:save`, and image-like tensors and charts passed to `show`, in order.
@Suite struct ReportPictureTests {
    @Test func savedAndShownPicturesAppearInTheirCellInOrder() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-report-pictures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let script = scratch.appendingPathComponent("pictures.lua")
        try """
            local tensor, image, plot = require 'tensor', require 'image', require 'plot'
            -- %% Pictures
            local folder = arg[1]
            image.save(folder .. '/noise.png', tensor.rand(16, 24, 3))
            show(tensor.rand(20, 10))
            show(tensor.eye(3))
            local chart = plot.chart{title = 'rising'}:line({1, 2, 3})
            show(chart)
            chart:save(folder .. '/rising.png')
            plot.figure{rows = 1, columns = 1}:add(chart):save(folder .. '/figure.png')
            """.write(to: script, atomically: true, encoding: .utf8)
        let report = scratch.appendingPathComponent("report")
        let result = try Executable.run(["run", script.path, "--report", report.path, scratch.path])
        #expect(result.status == 0, "\(result.error)")
        let markdown = (try? String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)) ?? ""
        expectInOrder(markdown, ["## [2] Pictures", "figures/cell02-1-noise.png", "figures/cell02-2-show.png",
                                 "[Tensor float32 3x3]", "figures/cell02-3-show.png", "figures/cell02-4-rising.png",
                                 "figures/cell02-5-figure.png"])
        let noise = try PNG.read(report.appendingPathComponent("figures/cell02-1-noise.png").path)
        #expect(noise.width == 24 && noise.height == 16 && noise.channels == 3)
        let shownTensor = try PNG.read(report.appendingPathComponent("figures/cell02-2-show.png").path)
        #expect(shownTensor.width == 10 && shownTensor.height == 20 && shownTensor.channels == 1)
    }
}
