import Foundation
import Testing
@testable import Imaging

/// Pixel helpers for rendered charts (RGB images).
struct Pixels {
    let image: Image

    func color(_ x: Int, _ y: Int) -> Color {
        let index = (y * image.width + x) * 3
        return Color(image.pixels[index], image.pixels[index + 1], image.pixels[index + 2])
    }

    func isBlack(_ x: Int, _ y: Int) -> Bool {
        let c = color(x, y)
        return c.r < 0.05 && c.g < 0.05 && c.b < 0.05
    }

    func distance(_ x: Int, _ y: Int, _ target: Color) -> Float {
        let c = color(x, y)
        return max(abs(c.r - target.r), abs(c.g - target.g), abs(c.b - target.b))
    }

    /// Pixels within `tolerance` of `target` inside [x0, x1) x [y0, y1).
    func count(_ target: Color, x0: Int = 0, y0: Int = 0, x1: Int? = nil, y1: Int? = nil, tolerance: Float = 0.02) -> Int {
        var total = 0
        for y in y0..<(y1 ?? image.height) {
            for x in x0..<(x1 ?? image.width) where distance(x, y, target) <= tolerance { total += 1 }
        }
        return total
    }

    /// The axes frame: the columns and rows holding the longest runs of black pixels.
    func frame() -> (left: Int, right: Int, top: Int, bottom: Int) {
        func longestRun(_ count: Int, _ length: Int, _ black: (Int, Int) -> Bool) -> [Int] {
            (0..<count).map { line in
                var best = 0, run = 0
                for position in 0..<length {
                    run = black(line, position) ? run + 1 : 0
                    best = max(best, run)
                }
                return best
            }
        }
        let columns = longestRun(image.width, image.height) { isBlack($0, $1) }
        let rows = longestRun(image.height, image.width) { isBlack($1, $0) }
        let longColumn = (columns.max() ?? 0) * 9 / 10, longRow = (rows.max() ?? 0) * 9 / 10
        let frameColumns = columns.indices.filter { columns[$0] >= longColumn }
        let frameRows = rows.indices.filter { rows[$0] >= longRow }
        return (frameColumns.first ?? 0, frameColumns.last ?? 0, frameRows.first ?? 0, frameRows.last ?? 0)
    }
}

@Suite struct TickTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(Ticks.step(low: 0, high: 1, maxIntervals: 5) == 0.2)
        #expect(Ticks.step(low: 0, high: 1, maxIntervals: 9) == 0.2)
        #expect(Ticks.step(low: 0, high: 1, maxIntervals: 10) == 0.1)
        #expect(Ticks.step(low: 0, high: 10_000, maxIntervals: 6) == 2000)
        #expect(Ticks.step(low: -0.45, high: 9.45, maxIntervals: 9) == 2)
        #expect(Ticks.step(low: 0, high: 0.003, maxIntervals: 4) == 0.001)
    }

    @Test func linearTicksAndLabels() {
        // matplotlib's y axis on 0...1 data: 9 intervals at most over the range with its 5% margins.
        let ticks = Ticks.linear(low: -0.05, high: 1.05, maxIntervals: 9)
        #expect(ticks.map(\.value) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(ticks.map { $0.label?.text } == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let negative = Ticks.linear(low: -2.2, high: 2.2, maxIntervals: 5)
        #expect(negative.map { $0.label?.text } == ["\u{2212}2", "\u{2212}1", "0", "1", "2"])
        let large = Ticks.linear(low: 0, high: 3e6, maxIntervals: 3)
        #expect(large.map { $0.label?.text } == ["0", "1e6", "2e6", "3e6"])
    }

    @Test func wholeStepsStayAtOneOrMore() {
        // Five epochs with matplotlib's margins: 0.5 steps by default, whole ones when asked.
        #expect(Ticks.linear(low: 0.8, high: 5.2, maxIntervals: 9).map(\.value) == [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
        let whole = Ticks.linear(low: 0.8, high: 5.2, maxIntervals: 9, wholeSteps: true)
        #expect(whole.map(\.value) == [1, 2, 3, 4, 5])
        #expect(whole.map { $0.label?.text } == ["1", "2", "3", "4", "5"])
        // Wide ranges keep their round steps.
        #expect(Ticks.linear(low: 0, high: 100, maxIntervals: 5, wholeSteps: true).map(\.value) == [0, 20, 40, 60, 80, 100])
    }

    @Test func linesOverWholeNumbersGetWholeTicks() throws {
        /// Tick marks under the x axis: runs of dark pixels just below the frame.
        func ticksBelowAxis(_ x: [Double]) throws -> Int {
            var chart = Chart(width: 640, height: 480)
            try chart.line([0.5, 0.2, 0.1], x: x)
            let pixels = Pixels(image: try chart.render())
            let frame = pixels.frame()
            var runs = 0, inRun = false
            for column in frame.left...frame.right {
                let dark = pixels.distance(column, frame.bottom + 3, .black) < 0.5
                if dark && !inRun { runs += 1 }
                inRun = dark
            }
            return runs
        }
        // Three epochs: ticks 1, 2, 3, where other values would get halves (1, 1.5, 2, 2.5, 3).
        #expect(try ticksBelowAxis([1, 2, 3]) == 3)
        #expect(try ticksBelowAxis([1, 2, 3.25]) > 3)
    }

    @Test func logTicksAtDecades() {
        // log10 limits −2.1 ... 0.3: decades 10⁻², 10⁻¹, 10⁰ labelled, 2...9 × 10^k as minor ticks.
        let ticks = Ticks.logarithmic(low: -2.1, high: 0.3, maxIntervals: 6)
        let major = ticks.filter { $0.label != nil }
        #expect(major.map(\.value) == [0.01, 0.1, 1])
        #expect(major.map { $0.label?.exponent } == ["\u{2212}2", "\u{2212}1", "0"])
        #expect(ticks.contains { $0.value == 0.02 && $0.label == nil })
        #expect(!ticks.contains { $0.value == 3 })   // 3 = 10^0.48 is past the upper limit
        // Less than a decade: 1-2-5 ticks with plain labels.
        let narrow = Ticks.logarithmic(low: log10(0.15), high: log10(0.9), maxIntervals: 6)
        #expect(narrow.map(\.value) == [0.2, 0.5])
        #expect(narrow.map { $0.label?.text } == ["0.2", "0.5"])
    }
}

@Suite struct ChartTests {
    @Test func lineChartLandsInsideTheAxes() throws {
        var chart = Chart(title: "t", xlabel: "x", ylabel: "y", width: 320, height: 240)
        try chart.line([0, 1], x: [0, 1], label: "rising")
        // Checked as a user sees it: through the PNG file.
        let image = try PNG.decode(PNG.encode(chart.render()))
        #expect(image.width == 320 && image.height == 240 && image.channels == 3)
        let pixels = Pixels(image: image)
        #expect(pixels.color(0, 0) == .white && pixels.color(319, 239) == .white)
        let frame = pixels.frame()
        #expect(frame.left > 20 && frame.right < 319 && frame.top > 10 && frame.bottom < 239)
        #expect(frame.right - frame.left > 200 && frame.bottom - frame.top > 140)
        let blue = Palette.tab10[0]
        // With 5% margins, the line starts 1/22 of the axes in from the lower left corner and ends
        // as far in from the upper right one.
        let width = Float(frame.right - frame.left), height = Float(frame.bottom - frame.top)
        let startX = Float(frame.left) + width / 22, startY = Float(frame.bottom) - height / 22
        /// The row where column x is bluest, within 10 rows of `expected` (the legend handle is blue too).
        func lineRow(_ x: Int, near expected: Float) -> Float {
            let rows = max(frame.top + 1, Int(expected) - 10)..<min(frame.bottom, Int(expected) + 10)
            return Float(rows.min { pixels.distance(x, $0, blue) < pixels.distance(x, $1, blue) } ?? 0) + 0.5
        }
        let slope = height / width
        let endX = Float(frame.right) - width / 22
        for x in [Int(startX) + 10, Int(startX) + 60, Int(startX) + 120, Int(endX) - 5] {
            let expected = startY - (Float(x) + 0.5 - startX) * slope
            #expect(abs(lineRow(x, near: expected) - expected) <= 1.5, "column \(x)")
        }
        // No data outside the axes (the legend handle sits inside them too).
        #expect(pixels.count(blue, x1: frame.left - 1, tolerance: 0.1) == 0)
        #expect(pixels.count(blue, y0: frame.bottom + 2, tolerance: 0.1) == 0)
        // The legend avoids the line: upper right holds the line's end, so it goes upper left,
        // where its blue handle and dark label text appear.
        let upperLeft = (x0: frame.left + 1, y0: frame.top + 1, x1: frame.left + Int(width / 2), y1: frame.top + 40)
        #expect(pixels.count(blue, x0: upperLeft.x0, y0: upperLeft.y0, x1: upperLeft.x1, y1: upperLeft.y1, tolerance: 0.05) > 20)
        var dark = 0
        for y in upperLeft.y0..<upperLeft.y1 {
            for x in upperLeft.x0..<upperLeft.x1 where pixels.distance(x, y, .black) < 0.35 { dark += 1 }
        }
        #expect(dark > 10, "legend label text expected in the upper left")
    }

    @Test func lineWidthAndAntialiasing() throws {
        var chart = Chart(width: 200, height: 200)
        chart.legend = .none
        try chart.line([0.5, 0.5], x: [0, 1], lineWidth: 2)
        let image = try chart.render()
        let pixels = Pixels(image: image)
        let frame = pixels.frame()
        // A horizontal 2-pixel line through the middle: per column, the coverage of the pixels it
        // crosses adds up to its width.
        let column = (frame.left + frame.right) / 2
        var coverage: Float = 0
        for y in frame.top + 2..<frame.bottom - 1 {
            coverage += 1 - pixels.color(column, y).g   // white → blue lowers green: 1 − g ∝ coverage
        }
        let blueDrop = 1 - Palette.tab10[0].g
        #expect(abs(coverage / blueDrop - 2) < 0.15, "line should cover 2 pixels per column, got \(coverage / blueDrop)")
    }

    @Test func barHeightsAreProportional() throws {
        var chart = Chart(width: 300, height: 300)
        try chart.bar([1, 2], categories: ["a", "b"])
        let pixels = Pixels(image: try PNG.decode(PNG.encode(chart.render())))
        let frame = pixels.frame()
        let blue = Palette.tab10[0]
        func barHeight(_ index: Int) -> Int {
            // Bars are centred at 0 and 1 of an x range −0.4...1.4 widened by 5%.
            let low = -0.4 - 0.09, high = 1.4 + 0.09
            let x = frame.left + Int(Double(frame.right - frame.left) * (Double(index) - low) / (high - low))
            return (frame.top..<frame.bottom).filter { pixels.distance(x, $0, blue) < 0.02 }.count
        }
        let first = barHeight(0), second = barHeight(1)
        #expect(first > 50 && abs(Double(second) / Double(first) - 2) < 0.03, "\(first) vs \(second)")
        // Bars stand on the bottom of the axes (y starts at 0, no margin below).
        let x = frame.left + (frame.right - frame.left) / 4
        #expect(pixels.distance(x, frame.bottom - 1, blue) < 0.02)
    }

    @Test func scatterColoursByClassAndMatrixByValue() throws {
        var chart = Chart(width: 300, height: 300)
        try chart.scatter(x: [0, 1, 2, 3], y: [0, 1, 0, 1], classes: [0, 1, 0, 1], size: 10)
        let scatter = Pixels(image: try chart.render())
        #expect(scatter.count(Palette.tab10[0]) >= 2 * 50)   // two discs of diameter 10
        #expect(scatter.count(Palette.tab10[1]) >= 2 * 50)
        #expect(scatter.count(Palette.tab10[2]) == 0)

        var matrix = Chart(width: 300, height: 300)
        try matrix.matrix(try ScalarMap([[0, 10], [10, 0]]), showValues: false)
        let pixels = Pixels(image: try matrix.render())
        let frame = pixels.frame()
        let quarterX = (frame.right - frame.left) / 4, quarterY = (frame.bottom - frame.top) / 4
        #expect(pixels.distance(frame.left + quarterX, frame.top + quarterY, Colormap.viridis.color(0)) < 0.01)
        #expect(pixels.distance(frame.right - quarterX, frame.top + quarterY, Colormap.viridis.color(1)) < 0.01)
    }

    @Test func renderingIsDeterministic() throws {
        var chart = Chart(title: "same", width: 200, height: 150)
        try chart.line([3, 1, 2], label: "a")
        #expect(try PNG.encode(chart.render()) == PNG.encode(chart.render()))
    }

    @Test func rotatedTextRunsUpwards() {
        var canvas = Canvas(width: 100, height: 100)
        let box = canvas.text("label", x: 10, y: 50, size: 14, horizontal: .left, vertical: .center, rotated: true)
        #expect(box.height > 1.5 * box.width)
        let flat = Canvas(width: 100, height: 100)
        var flatCanvas = flat
        let flatBox = flatCanvas.text("label", x: 10, y: 50, size: 14)
        #expect(flatBox.width > 1.5 * flatBox.height)
        #expect(canvas.pixels.contains { $0 < 0.5 } && flatCanvas.pixels.contains { $0 < 0.5 })
    }

    @Test func badChartInputThrowsClearly() throws {
        var chart = Chart()
        do {
            try chart.line([1, 2, 3], x: [1, 2])
            Issue.record("mismatched lengths should throw")
        } catch let error as ImagingError {
            #expect(error.message.contains("line") && error.message.contains("3") && error.message.contains("2"))
        }
        #expect(throws: ImagingError.self) { try chart.scatter(x: [], y: []) }
        #expect(throws: ImagingError.self) { try chart.histogram([.nan]) }
        #expect(throws: ImagingError.self) { try chart.bar([1, .infinity]) }
        var log = Chart()
        log.yscale = .log
        try log.line([-1, 0])
        #expect(throws: ImagingError.self) { try log.render() }
        var mixed = Chart()
        try mixed.line([1, 2])
        #expect(throws: ImagingError.self) { try mixed.matrix(try ScalarMap([[1]])) }
        var barsThenHistogram = Chart()
        try barsThenHistogram.bar([1, 2])
        #expect(throws: ImagingError.self) { try barsThenHistogram.histogram([1, 2, 3]) }
        #expect(throws: ImagingError.self) { try barsThenHistogram.bar([1, 2], categories: ["x", "y"]) }
        var tiny = Chart(width: 50, height: 50)
        try tiny.line([1, 2])
        #expect(throws: ImagingError.self) { try tiny.render() }
        #expect(throws: ImagingError.self) { try Figure(rows: 0, columns: 2) }
        var figure = try Figure(rows: 1, columns: 1)
        try figure.add(chart)
        #expect(throws: ImagingError.self) { try figure.add(chart) }
    }

    @Test func nonFiniteValuesBreakTheLine() throws {
        var chart = Chart(width: 200, height: 200)
        chart.legend = .none
        try chart.line([0, 0, .nan, 1, 1], x: [0, 1, 2, 3, 4])
        let pixels = Pixels(image: try chart.render())
        let frame = pixels.frame()
        // x = 2 sits in the middle; no segment crosses it.
        let middle = (frame.left + frame.right) / 2
        #expect((frame.top + 2..<frame.bottom - 2).allSatisfy { pixels.distance(middle, $0, .white) < 0.01 })
    }
}

@Suite struct FigureTests {
    @Test func panelsFillTheGridRowByRow() throws {
        var chart = Chart()
        try chart.line([1, 2, 3], label: "a")
        let red = try Image(width: 20, height: 10, channels: 3, fill: [1, 0, 0])
        var figure = try Figure(rows: 1, columns: 2, width: 600, height: 300)
        try figure.add(chart)
        try figure.add(image: red, title: "red")
        let image = try figure.render()
        #expect(image.width == 600 && image.height == 300)
        let pixels = Pixels(image: image)
        // The image panel (right half) shows the red image enlarged with its 2:1 shape kept:
        // 284 pixels wide at most (panel minus 8-pixel borders).
        let redCount = pixels.count(Color(1, 0, 0), x0: 300)
        #expect(redCount > 250 * 125 && redCount <= 284 * 142)
        #expect(pixels.count(Color(1, 0, 0), x1: 300) == 0)
        // The chart (left half) draws its blue line there only.
        #expect(pixels.count(Palette.tab10[0], x1: 300, tolerance: 0.05) > 50)
        #expect(pixels.count(Palette.tab10[0], x0: 300, tolerance: 0.05) == 0)
        #expect(throws: ImagingError.self) { try Figure(rows: 3, columns: 3, width: 200, height: 200).render() }
    }
}
