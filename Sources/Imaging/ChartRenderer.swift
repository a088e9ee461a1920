import Foundation

/// Lays out and draws one chart into a rectangle of a canvas: limits, margins that fit the
/// labels, ticks, series, frame, labels, legend and colorbar.
struct ChartRenderer {
    let chart: Chart

    /// Text sizes in pixels: matplotlib's 10 pt ticks and labels and 12 pt title at 100 dpi, or a
    /// step smaller in small panels.
    struct TextSizes {
        var tick: Float, label: Float, title: Float, legend: Float, annotation: Float

        init(for area: Rect) {
            if area.width >= 480 && area.height >= 360 {
                self = TextSizes(tick: 14, label: 14, title: 17, legend: 14, annotation: 12)
            } else {
                self = TextSizes(tick: 12, label: 12, title: 14, legend: 12, annotation: 10)
            }
        }

        private init(tick: Float, label: Float, title: Float, legend: Float, annotation: Float) {
            self.tick = tick
            self.label = label
            self.title = title
            self.legend = legend
            self.annotation = annotation
        }
    }

    static let tickLength: Float = 5
    static let tickPad: Float = 3
    static let gridColor = Color(rgb: 0xB0B0B0)

    private var matrix: MatrixSeries? {
        for case .matrix(let matrix) in chart.series { return matrix }
        return nil
    }

    private var categories: [String]? {
        if let matrix { return matrix.columnLabels }
        for case .bars(let bars) in chart.series where bars.categories != nil { return bars.categories }
        return nil
    }

    private var colorbar: ColorbarSpec? {
        if let matrix { return matrix.colorbar }
        for case .scatter(let scatter) in chart.series where scatter.colorbar != nil { return scatter.colorbar }
        return nil
    }

    /// Bars as drawn: grouped bar series share each category slot (0.8 wide) side by side.
    private var bars: [BarSeries] {
        let all = chart.series.compactMap { series -> BarSeries? in
            if case .bars(let bars) = series { return bars }
            return nil
        }
        let grouped = all.filter { $0.categories != nil }
        let slot = 0.8 / Double(max(grouped.count, 1))
        var groupIndex = 0
        return all.map { series in
            guard series.categories != nil else { return series }
            var placed = series
            let offset = (Double(groupIndex) - Double(grouped.count - 1) / 2) * slot
            placed.centers = series.centers.map { $0 + offset }
            placed.widths = [Double](repeating: slot, count: series.centers.count)
            groupIndex += 1
            return placed
        }
    }

    // MARK: - Limits

    private func dataLimits(log: Bool) throws -> (x: (Double, Double), y: (Double, Double)) {
        if let matrix {
            return ((-0.5, Double(matrix.map.columns) - 0.5), (-0.5, Double(matrix.map.rows) - 0.5))
        }
        var xs: [Double] = [], ys: [Double] = []
        var barBase = false
        for series in chart.series {
            switch series {
            case .line(let line):
                for (x, y) in zip(line.x, line.y) where x.isFinite && y.isFinite && (!log || y > 0) {
                    xs.append(x)
                    ys.append(log ? log10(y) : y)
                }
            case .scatter(let scatter):
                for (x, y) in zip(scatter.x, scatter.y) where x.isFinite && y.isFinite && (!log || y > 0) {
                    xs.append(x)
                    ys.append(log ? log10(y) : y)
                }
            case .bars, .matrix: break
            }
        }
        for bar in bars {
            for (center, (width, height)) in zip(bar.centers, zip(bar.widths, bar.heights)) {
                xs += [center - width / 2, center + width / 2]
                if log {
                    if height > 0 { ys.append(log10(height)) }
                } else {
                    ys += [0, height]
                    barBase = true
                }
            }
        }
        if log && ys.isEmpty && !chart.series.isEmpty {
            throw ImagingError("chart: a log-scale y axis needs positive values, and the data has none")
        }
        if xs.isEmpty { xs = [0, 1] }
        if ys.isEmpty { ys = [0, 1] }
        return (AxisMapping.limits(of: xs), AxisMapping.limits(of: ys, stickyLow: barBase ? 0 : nil))
    }

    /// True when the chart holds only lines and every x value is a whole number (epochs, steps): ticks
    /// between them, such as epoch 1.5, would name places no value can have.
    private var linesHaveWholeX: Bool {
        var lines = 0
        for series in chart.series {
            guard case .line(let line) = series, line.x.allSatisfy({ !$0.isFinite || $0 == $0.rounded() }) else { return false }
            lines += 1
        }
        return lines > 0
    }

    // MARK: - Drawing

    func draw(on canvas: inout Canvas, in area: Rect) throws {
        let sizes = TextSizes(for: area)
        let log = chart.yscale == .log && matrix == nil
        var (xLimits, yLimits) = try dataLimits(log: log)
        if let xlim = chart.xlim { xLimits = (xlim.lowerBound, xlim.upperBound) }
        if let ylim = chart.ylim {
            if log && (ylim.lowerBound <= 0) {
                throw ImagingError("chart: ylim \(ylim) must be positive on a log-scale y axis")
            }
            yLimits = log ? (log10(ylim.lowerBound), log10(ylim.upperBound)) : (ylim.lowerBound, ylim.upperBound)
        }
        if xLimits.0 == xLimits.1 { xLimits = (xLimits.0 - 0.5, xLimits.1 + 0.5) }
        if yLimits.0 == yLimits.1 { yLimits = (yLimits.0 - 0.5, yLimits.1 + 0.5) }
        for (name, limits) in [("xlim", xLimits), ("ylim", yLimits)] where !(limits.0.isFinite && limits.1.isFinite) {
            throw ImagingError("chart: \(name) must be finite, got \(limits.0)...\(limits.1)")
        }

        let tickFace = Font.face(size: sizes.tick), labelFace = Font.face(size: sizes.label)
        let titleFace = Font.face(size: sizes.title)

        // Vertical layout first: the y ticks depend only on the axes height.
        let top = area.y0 + (chart.title == nil ? 12 : Float(titleFace.lineHeight) + 14)
        let categoryNames = categories
        var bottomReserve = ChartRenderer.tickLength + ChartRenderer.tickPad + Float(tickFace.lineHeight)
            + (chart.xlabel == nil ? 0 : Float(labelFace.lineHeight) + 6) + 10
        let longestCategory = categoryNames.map { $0.map { tickFace.width(of: $0) }.max() ?? 0 } ?? 0
        let colorbarView = colorbar.map { Colorbar(spec: $0, textSize: sizes.tick) }
        let rightReserve: Float = (colorbarView?.width ?? 0) + 20
        // Categories whose names do not fit side by side are written turned, reading upwards.
        let estimatedWidth = area.width * 0.8 - rightReserve
        let turnCategories = categoryNames.map { longestCategory + 8 > estimatedWidth / Float(max($0.count, 1)) } ?? false
        if turnCategories {
            bottomReserve += min(longestCategory, area.height * 0.3) - Float(tickFace.lineHeight)
        }
        let bottom = area.y1 - bottomReserve
        guard bottom - top > 20 else {
            throw ImagingError("chart: \(Int(area.width))x\(Int(area.height)) pixels is too small for its labels")
        }
        let yTicks = matrix.map { matrix in
            matrix.rowLabels.enumerated().map { Tick(value: Double($0.offset), label: TickLabel(text: $0.element)) }
        } ?? (log ? Ticks.logarithmic(low: yLimits.0, high: yLimits.1, maxIntervals: ChartRenderer.maxIntervals(bottom - top, sizes.tick, 2))
                  : Ticks.linear(low: yLimits.0, high: yLimits.1, maxIntervals: ChartRenderer.maxIntervals(bottom - top, sizes.tick, 2)))
        let yLabelWidth = yTicks.compactMap { $0.label }.map { labelWidth($0, size: sizes.tick) }.max() ?? 0
        let left = area.x0 + 8 + (chart.ylabel == nil ? 0 : Float(labelFace.lineHeight) + 6) + yLabelWidth
            + ChartRenderer.tickLength + ChartRenderer.tickPad
        let right = area.x1 - rightReserve
        guard right - left > 20 else {
            throw ImagingError("chart: \(Int(area.width))x\(Int(area.height)) pixels is too small for its labels")
        }
        var axes = Rect(x0: left.rounded(), y0: top.rounded(), x1: right.rounded(), y1: bottom.rounded())
        var shift: Float = 0
        if let matrix {
            // Square cells; the narrower axes, with their labels and colorbar, move to the middle.
            let cell = min(axes.width / Float(matrix.map.columns), axes.height / Float(matrix.map.rows))
            let width = (cell * Float(matrix.map.columns)).rounded(), height = (cell * Float(matrix.map.rows)).rounded()
            shift = ((axes.width - width) / 2).rounded()
            axes = Rect(x0: axes.x0 + shift, y0: axes.y0, x1: axes.x0 + shift + width, y1: axes.y0 + height)
        }
        let xAxis = AxisMapping(low: xLimits.0, high: xLimits.1, log: false, pixelLow: axes.x0, pixelHigh: axes.x1)
        // Matrices put row 0 at the top, as images do.
        let yAxis = matrix == nil
            ? AxisMapping(low: yLimits.0, high: yLimits.1, log: log, pixelLow: axes.y1, pixelHigh: axes.y0)
            : AxisMapping(low: yLimits.0, high: yLimits.1, log: false, pixelLow: axes.y0, pixelHigh: axes.y1)
        let xTicks: [Tick] = categoryNames.map { names in
            names.enumerated().map { Tick(value: Double($0.offset), label: TickLabel(text: $0.element)) }
        } ?? Ticks.linear(low: xLimits.0, high: xLimits.1, maxIntervals: ChartRenderer.maxIntervals(axes.width, sizes.tick, 3),
                          wholeSteps: linesHaveWholeX)

        if chart.grid { drawGrid(on: &canvas, axes: axes, xAxis: xAxis, yAxis: yAxis, xTicks: xTicks, yTicks: yTicks) }
        var samples: [(Float, Float)] = []
        drawSeries(on: &canvas, axes: axes, xAxis: xAxis, yAxis: yAxis, sizes: sizes, samples: &samples)
        canvas.frame(axes.inset(by: -1), color: .black)

        // Ticks and their labels.
        for tick in xTicks {
            let x = xAxis.pixel(transformed: tick.value)
            guard x >= axes.x0 - 0.5, x <= axes.x1 + 0.5 else { continue }
            canvas.verticalLine(x: x, from: axes.y1 + 1, to: axes.y1 + 1 + ChartRenderer.tickLength, color: .black)
            guard let label = tick.label else { continue }
            let y = axes.y1 + 1 + ChartRenderer.tickLength + ChartRenderer.tickPad
            if turnCategories {
                canvas.text(label.text, x: x, y: y, size: sizes.tick, horizontal: .center, vertical: .top, rotated: true)
            } else {
                drawLabel(label, on: &canvas, x: x, y: y, size: sizes.tick, horizontal: .center, vertical: .top)
            }
        }
        for tick in yTicks {
            let position = log ? log10(tick.value) : tick.value
            let y = yAxis.pixel(transformed: position)
            guard y >= axes.y0 - 0.5, y <= axes.y1 + 0.5 else { continue }
            let length = tick.label == nil ? ChartRenderer.tickLength * 0.6 : ChartRenderer.tickLength
            canvas.horizontalLine(y: y, from: axes.x0 - 1 - length, to: axes.x0 - 1, color: .black)
            if let label = tick.label {
                drawLabel(label, on: &canvas, x: axes.x0 - 1 - ChartRenderer.tickLength - ChartRenderer.tickPad, y: y,
                          size: sizes.tick, horizontal: .right, vertical: .center)
            }
        }

        if let xlabel = chart.xlabel {
            canvas.text(xlabel, x: (axes.x0 + axes.x1) / 2, y: area.y1 - 8, size: sizes.label,
                        horizontal: .center, vertical: .bottom)
        }
        if let ylabel = chart.ylabel {
            canvas.text(ylabel, x: area.x0 + 8 + shift, y: (axes.y0 + axes.y1) / 2, size: sizes.label,
                        horizontal: .left, vertical: .center, rotated: true)
        }
        if let title = chart.title {
            canvas.text(title, x: (axes.x0 + axes.x1) / 2, y: axes.y0 - 8, size: sizes.title,
                        horizontal: .center, vertical: .bottom)
        }
        if chart.legend != .none {
            let legend = Legend(entries: legendEntries(), textSize: sizes.legend)
            if !legend.entries.isEmpty {
                legend.draw(on: &canvas, box: legend.box(in: axes, location: chart.legend, points: samples))
            }
        }
        colorbarView?.draw(on: &canvas, x: axes.x1, top: axes.y0, bottom: axes.y1)
    }

    /// matplotlib's automatic tick count: about one tick per three (x) or two (y) label heights,
    /// at most 9 intervals.
    static func maxIntervals(_ length: Float, _ textSize: Float, _ perTick: Float) -> Int {
        max(1, min(9, Int(length / (textSize * perTick))))
    }

    private func labelWidth(_ label: TickLabel, size: Float) -> Float {
        Font.face(size: size).width(of: label.text)
            + (label.exponent.map { Font.face(size: size * 0.75).width(of: $0) } ?? 0)
    }

    /// A tick label; an exponent is drawn smaller and raised, after the text.
    private func drawLabel(_ label: TickLabel, on canvas: inout Canvas, x: Float, y: Float, size: Float,
                           horizontal: HorizontalAlignment, vertical: VerticalAlignment) {
        let width = labelWidth(label, size: size)
        var left = x
        if horizontal == .center { left -= width / 2 }
        if horizontal == .right { left -= width }
        let box = canvas.text(label.text, x: left, y: y + (label.exponent == nil ? 0 : size * 0.15), size: size,
                              horizontal: .left, vertical: vertical)
        if let exponent = label.exponent {
            canvas.text(exponent, x: box.x1, y: box.y0 - size * 0.1, size: size * 0.75, horizontal: .left, vertical: .top)
        }
    }

    private func drawGrid(on canvas: inout Canvas, axes: Rect, xAxis: AxisMapping, yAxis: AxisMapping,
                          xTicks: [Tick], yTicks: [Tick]) {
        for tick in xTicks where tick.label != nil {
            let x = xAxis.pixel(transformed: tick.value)
            if x > axes.x0 + 0.5 && x < axes.x1 - 0.5 {
                canvas.verticalLine(x: x, from: axes.y0, to: axes.y1, color: ChartRenderer.gridColor)
            }
        }
        for tick in yTicks where tick.label != nil {
            guard let y = yAxis.pixel(tick.value) else { continue }
            if y > axes.y0 + 0.5 && y < axes.y1 - 0.5 {
                canvas.horizontalLine(y: y, from: axes.x0, to: axes.x1, color: ChartRenderer.gridColor)
            }
        }
    }

    private func drawSeries(on canvas: inout Canvas, axes: Rect, xAxis: AxisMapping, yAxis: AxisMapping,
                            sizes: TextSizes, samples: inout [(Float, Float)]) {
        var mask = CoverageMask(width: canvas.width, height: canvas.height)
        // Bars first so lines and points stay visible over them.
        for bar in bars {
            for (center, (width, height)) in zip(bar.centers, zip(bar.widths, bar.heights)) {
                guard let x0 = xAxis.pixel(center - width / 2), let x1 = xAxis.pixel(center + width / 2),
                      let top = yAxis.pixel(height) else { continue }
                let base = yAxis.log ? axes.y1 : (yAxis.pixel(0) ?? axes.y1)
                // Edges on whole pixels: adjacent bars then meet without a seam of background between them.
                let rect = Rect(x0: x0.rounded(), y0: min(top, base).rounded(), x1: x1.rounded(), y1: max(top, base).rounded())
                canvas.fill(rect, color: bar.color, alpha: bar.alpha, clip: axes)
                for y in stride(from: rect.y0, through: rect.y1, by: 8) {
                    for x in stride(from: rect.x0, through: rect.x1, by: 8) { samples.append((x, y)) }
                }
            }
        }
        for series in chart.series {
            switch series {
            case .line(let line):
                var previous: (Float, Float)? = nil
                for (x, y) in zip(line.x, line.y) {
                    guard let px = xAxis.pixel(x), let py = yAxis.pixel(y) else {
                        previous = nil
                        continue
                    }
                    if let (qx, qy) = previous {
                        mask.addSegment(qx, qy, px, py, lineWidth: line.lineWidth, clip: axes)
                        ChartRenderer.sampleSegment(qx, qy, px, py, into: &samples)
                    } else {
                        samples.append((px, py))
                    }
                    previous = (px, py)
                }
                mask.composite(onto: &canvas, color: line.color)
                if line.markers {
                    for (x, y) in zip(line.x, line.y) {
                        guard let px = xAxis.pixel(x), let py = yAxis.pixel(y) else { continue }
                        canvas.fillCircle(x: px, y: py, radius: line.lineWidth + 1.5, color: line.color, clip: axes)
                    }
                }
            case .scatter(let scatter):
                for index in 0..<scatter.x.count {
                    guard let px = xAxis.pixel(scatter.x[index]), let py = yAxis.pixel(scatter.y[index]) else { continue }
                    canvas.fillCircle(x: px, y: py, radius: scatter.diameter / 2, color: scatter.colors[index],
                                      alpha: scatter.alpha, clip: axes)
                    samples.append((px, py))
                }
                if let texts = scatter.texts {
                    for index in 0..<scatter.x.count {
                        guard let px = xAxis.pixel(scatter.x[index]), let py = yAxis.pixel(scatter.y[index]),
                              axes.contains(px, py) else { continue }
                        canvas.text(texts[index], x: px + scatter.diameter / 2 + 2, y: py - scatter.diameter / 2,
                                    size: sizes.annotation, horizontal: .left, vertical: .baseline)
                    }
                }
            case .matrix(let matrix):
                drawMatrix(matrix, on: &canvas, axes: axes, size: sizes.annotation + 2)
            case .bars:
                break
            }
        }
    }

    /// Points every few pixels along a segment, so the legend avoids lines as well as points.
    static func sampleSegment(_ ax: Float, _ ay: Float, _ bx: Float, _ by: Float, into samples: inout [(Float, Float)]) {
        let length = max(abs(bx - ax), abs(by - ay))
        let steps = min(Int(length / 6) + 1, 200)
        for step in 1...steps {
            let t = Float(step) / Float(steps)
            samples.append((ax + (bx - ax) * t, ay + (by - ay) * t))
        }
    }

    private func drawMatrix(_ matrix: MatrixSeries, on canvas: inout Canvas, axes: Rect, size: Float) {
        let map = matrix.map, spec = matrix.colorbar
        let cellWidth = axes.width / Float(map.columns), cellHeight = axes.height / Float(map.rows)
        let span = spec.high > spec.low ? spec.high - spec.low : 1
        let face = Font.face(size: size)
        for row in 0..<map.rows {
            for column in 0..<map.columns {
                let value = map[row, column]
                let color = spec.colormap.color(Float((Double(value) - spec.low) / span))
                let x0 = axes.x0 + Float(column) * cellWidth, y0 = axes.y0 + Float(row) * cellHeight
                // Whole-pixel edges, so neighbouring cells meet without seams.
                canvas.fill(Rect(x0: x0.rounded(), y0: y0.rounded(), x1: (x0 + cellWidth).rounded(),
                                 y1: (y0 + cellHeight).rounded()), color: color)
                guard matrix.showValues, value.isFinite else { continue }
                let text = Ticks.minus(String(format: matrix.valueFormat, Double(value)))
                // Numbers are written only where they fit in the cell.
                guard face.width(of: text) <= cellWidth - 2, Float(face.lineHeight) <= cellHeight else { continue }
                canvas.text(text, x: x0 + cellWidth / 2, y: y0 + cellHeight / 2, size: size,
                            color: color.luminance < 0.35 ? .white : .black, horizontal: .center, vertical: .center)
            }
        }
    }

    private func legendEntries() -> [Legend.Entry] {
        var entries: [Legend.Entry] = []
        for series in chart.series {
            switch series {
            case .line(let line):
                if let label = line.label { entries.append(.init(label: label, handle: .line(line.color, width: line.lineWidth))) }
            case .scatter(let scatter):
                entries += scatter.legend.map { .init(label: $0.label, handle: .marker($0.color)) }
            case .bars(let bars):
                if let label = bars.label { entries.append(.init(label: label, handle: .patch(bars.color))) }
            case .matrix:
                break
            }
        }
        return entries
    }
}
