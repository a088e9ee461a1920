import CheckedArithmetic

/// Scale of the y axis.
public enum AxisScale: String, Sendable, CaseIterable {
    case linear, log
}

/// Where the legend goes; `best` picks the corner or side that hides the fewest data points.
public enum LegendLocation: String, Sendable, CaseIterable {
    case best, none
    case upperRight = "upper right", upperLeft = "upper left", lowerLeft = "lower left", lowerRight = "lower right"
    case centerRight = "center right", centerLeft = "center left", upperCenter = "upper center"
    case lowerCenter = "lower center", center
}

/// A chart built up call by call and rendered to an image, with matplotlib's look and defaults:
///
///     var chart = Chart(title: "Training", xlabel: "epoch", ylabel: "loss")
///     try chart.line(history.loss, label: "loss")
///     try chart.line(history.valLoss, label: "val_loss")
///     try chart.save("out/loss.png")
///
/// Kinds: `line`, `scatter`, `bar` (several calls give grouped bars), `histogram`, `matrix`
/// (a heatmap with numbers in the cells, e.g. a confusion matrix). Several charts make a `Figure`.
public struct Chart {
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    /// Size in pixels when rendered on its own.
    public var width: Int
    public var height: Int
    public var yscale = ChartStyle.yscale
    /// Fixed axis limits; nil for automatic limits with 5% margins.
    public var xlim: ClosedRange<Double>?
    public var ylim: ClosedRange<Double>?
    public var legend = ChartStyle.legend
    /// Light grid lines at the major ticks.
    public var grid = ChartStyle.grid

    var series: [ChartSeries] = []

    public init(title: String? = nil, xlabel: String? = nil, ylabel: String? = nil, width: Int = ChartStyle.width, height: Int = ChartStyle.height) {
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.width = width
        self.height = height
    }

    /// Series drawn so far that take the next default colour (lines, scatters, bars).
    private var colorIndex: Int {
        series.reduce(0) { count, series in
            switch series {
            case .line, .bars: return count + 1
            case .scatter(let scatter): return count + (scatter.colorbar == nil ? max(scatter.legend.count, 1) : 0)
            case .matrix: return count
            }
        }
    }

    private var hasMatrix: Bool {
        series.contains { if case .matrix = $0 { return true } else { return false } }
    }

    private func checkCombinable(_ operation: String, isMatrix: Bool = false) throws {
        if hasMatrix || (isMatrix && !series.isEmpty) {
            throw ImagingError("\(operation): a matrix chart cannot share its axes with other plots; "
                               + "put them in separate panels of a Figure")
        }
    }

    /// A line through the points (x[i], y[i]). `x` defaults to 1, 2, ..., n (epochs). Non-finite
    /// values break the line, as in matplotlib.
    public mutating func line(_ y: [Double], x: [Double]? = nil, label: String? = nil, color: Color? = nil,
                              lineWidth: Float = ChartStyle.lineWidth, markers: Bool = ChartStyle.markers) throws {
        try checkCombinable("line")
        let x = x ?? (0..<y.count).map { Double($0 + 1) }
        try Chart.checkPoints(x, y, operation: "line")
        guard ChartStyle.lineWidths.contains(lineWidth) else {
            throw ImagingError("line: line width must be between \(ChartStyle.lineWidths.lowerBound) and "
                               + "\(ChartStyle.lineWidths.upperBound) pixels, got \(lineWidth)")
        }
        series.append(.line(LineSeries(x: x, y: y, label: label, color: color ?? Palette.cycle(colorIndex),
                                       lineWidth: lineWidth, markers: markers)))
    }

    /// Points at (x[i], y[i]). Colour them by class with `classes` (integers; the legend names them
    /// with `classNames[class]` when given, else the number), or by a value with `values` (coloured
    /// with `colormap`, and a colorbar), or all alike with `color`. `texts` writes a label next to
    /// each point (word embeddings). `size` is the marker diameter in pixels.
    public mutating func scatter(x: [Double], y: [Double], classes: [Int]? = nil, classNames: [String]? = nil,
                                 values: [Double]? = nil, colormap: Colormap = ChartStyle.colormap, texts: [String]? = nil,
                                 label: String? = nil, color: Color? = nil, size: Float = ChartStyle.markerSize,
                                 alpha: Float = ChartStyle.alpha,
                                 colorbarLabel: String? = nil) throws {
        try checkCombinable("scatter")
        try Chart.checkPoints(x, y, operation: "scatter")
        guard ChartStyle.markerSizes.contains(size) else {
            throw ImagingError("scatter: size (marker diameter in pixels) must be between \(ChartStyle.markerSizes.lowerBound) "
                               + "and \(ChartStyle.markerSizes.upperBound), got \(size)")
        }
        guard ChartStyle.alphas.contains(alpha) else {
            throw ImagingError("scatter: alpha must be between 0 and 1, got \(alpha)")
        }
        if classes != nil && values != nil {
            throw ImagingError("scatter: give either classes (colour per class) or values (colour by value), not both")
        }
        if let texts, texts.count != x.count {
            throw ImagingError("scatter: \(texts.count) texts given for \(x.count) points")
        }
        var scatter = ScatterSeries(x: x, y: y, colors: [], legend: [], texts: texts, colorbar: nil,
                                    diameter: size, alpha: alpha)
        if let classes {
            guard classes.count == x.count else {
                throw ImagingError("scatter: \(classes.count) classes given for \(x.count) points")
            }
            let distinct = Array(Set(classes)).sorted()
            if let classNames, let missing = distinct.first(where: { $0 < 0 || $0 >= classNames.count }) {
                throw ImagingError("scatter: class \(missing) has no name (\(classNames.count) classNames given, "
                                   + "classes are numbered from 0)")
            }
            let first = colorIndex
            var colorOf: [Int: Color] = [:]
            for (rank, value) in distinct.enumerated() {
                colorOf[value] = Palette.cycle(first + rank)
                scatter.legend.append((classNames?[value] ?? String(value), Palette.cycle(first + rank)))
            }
            scatter.colors = classes.map { colorOf[$0] ?? .black }
        } else if let values {
            guard values.count == x.count else {
                throw ImagingError("scatter: \(values.count) values given for \(x.count) points")
            }
            let finite = values.filter(\.isFinite)
            let low = finite.min() ?? 0, high = finite.max() ?? 1
            let span = high > low ? high - low : 1
            scatter.colors = values.map { colormap.color(Float(($0 - low) / span)) }
            scatter.colorbar = ColorbarSpec(colormap: colormap, low: low, high: high, label: colorbarLabel)
        } else {
            let single = color ?? Palette.cycle(colorIndex)
            scatter.colors = [Color](repeating: single, count: x.count)
            if let label { scatter.legend = [(label, single)] }
        }
        series.append(.scatter(scatter))
    }

    /// One bar per value at categories 1...n (or named by `categories`). Several `bar` calls on
    /// the same categories are drawn as grouped bars side by side.
    public mutating func bar(_ values: [Double], categories: [String]? = nil, label: String? = nil,
                             color: Color? = nil) throws {
        try checkCombinable("bar")
        guard !values.isEmpty else { throw ImagingError("bar: no values given") }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ImagingError("bar: value \(bad + 1) is \(values[bad]); bar heights must be finite numbers")
        }
        let names = categories ?? (1...values.count).map(String.init)
        guard names.count == values.count else {
            throw ImagingError("bar: \(names.count) categories given for \(values.count) values")
        }
        for case .bars(let other) in series {
            guard let previous = other.categories else {
                throw ImagingError("bar: a bar chart cannot share its axes with a histogram; use separate panels")
            }
            if previous != names {
                throw ImagingError("bar: grouped bars need the same categories in every call; got \(names) "
                                   + "after \(previous)")
            }
        }
        series.append(.bars(BarSeries(centers: (0..<values.count).map(Double.init), widths: [], heights: values,
                                      label: label, color: color ?? Palette.cycle(colorIndex), alpha: 1,
                                      categories: names)))
    }

    /// A histogram of `values` in `bins` equal bins over `range` (default: smallest to largest
    /// value). `density` scales bar heights so that the total area is 1.
    public mutating func histogram(_ values: [Double], bins: Int = ChartStyle.bins, range: ClosedRange<Double>? = nil,
                                   density: Bool = ChartStyle.density, label: String? = nil, color: Color? = nil,
                                   alpha: Float = ChartStyle.alpha) throws {
        try checkCombinable("histogram")
        guard ChartStyle.binCounts.contains(bins) else {
            throw ImagingError("histogram: bins must be between \(ChartStyle.binCounts.lowerBound) and \(ChartStyle.binCounts.upperBound), got \(bins)")
        }
        guard ChartStyle.alphas.contains(alpha) else {
            throw ImagingError("histogram: alpha must be between 0 and 1, got \(alpha)")
        }
        for case .bars(let other) in series where other.categories != nil {
            throw ImagingError("histogram: a histogram cannot share its axes with a bar chart; use separate panels")
        }
        let finite = values.filter(\.isFinite)
        guard let smallest = finite.min(), let largest = finite.max() else {
            throw ImagingError("histogram: no finite values given")
        }
        var low = range?.lowerBound ?? smallest, high = range?.upperBound ?? largest
        guard low.isFinite, high.isFinite else {
            throw ImagingError("histogram: range must be finite, got \(low)...\(high)")
        }
        // A single repeated value gets a unit-wide range around it, as NumPy does.
        if high == low { low -= 0.5; high += 0.5 }
        let width = (high - low) / Double(bins)
        guard width > 0, width.isFinite else {
            throw ImagingError("histogram: the range \(low)...\(high) cannot be split into \(bins) bins of a width a Double holds; give range = {low, high}")
        }
        var counts = [Double](repeating: 0, count: bins)
        for value in finite where value >= low && value <= high {
            counts[min(CheckedSize.integer((value - low) / width) ?? bins - 1, bins - 1)] += 1
        }
        if density {
            let total = counts.reduce(0, +) * width
            if total > 0 { counts = counts.map { $0 / total } }
        }
        series.append(.bars(BarSeries(centers: (0..<bins).map { low + (Double($0) + 0.5) * width },
                                      widths: [Double](repeating: width, count: bins), heights: counts,
                                      label: label, color: color ?? Palette.cycle(colorIndex), alpha: alpha,
                                      categories: nil)))
    }

    /// A matrix as coloured cells with the value written in each (a confusion matrix: rows = true
    /// class, columns = predicted class). Labels default to 0, 1, ...; `valueFormat` is a printf
    /// format (default: integers when every value is whole, else two decimals).
    public mutating func matrix(_ map: ScalarMap, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                                colormap: Colormap = ChartStyle.colormap, showValues: Bool = ChartStyle.showValues, valueFormat: String? = nil,
                                range: ClosedRange<Double>? = nil, colorbarLabel: String? = nil) throws {
        try checkCombinable("matrix", isMatrix: true)
        let rows = rowLabels ?? (0..<map.rows).map(String.init)
        let columns = columnLabels ?? (0..<map.columns).map(String.init)
        guard rows.count == map.rows, columns.count == map.columns else {
            throw ImagingError("matrix: \(rows.count) row labels and \(columns.count) column labels given for a "
                               + "\(map.rows)x\(map.columns) matrix")
        }
        let side = ChartStyle.maximumMatrixSide
        guard map.rows <= side, map.columns <= side else {
            throw ImagingError("matrix: at most \(side)x\(side) cells can be shown, got \(map.rows)x\(map.columns)")
        }
        let finite = map.finiteRange
        let low = range?.lowerBound ?? Double(finite?.lowerBound ?? 0)
        let high = range?.upperBound ?? Double(finite?.upperBound ?? 1)
        guard low.isFinite, high.isFinite, low <= high else {
            throw ImagingError("matrix: range must be finite and increasing, got \(low)...\(high)")
        }
        let whole = map.values.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
        series.append(.matrix(MatrixSeries(map: map, rowLabels: rows, columnLabels: columns,
                                           colorbar: ColorbarSpec(colormap: colormap, low: low, high: high,
                                                                  label: colorbarLabel),
                                           showValues: showValues, valueFormat: valueFormat ?? (whole ? "%.0f" : "%.2f"))))
    }

    /// Draws the chart at its own size.
    public func render() throws -> Image {
        try Image.validate(width: width, height: height, channels: 3, operation: "chart")
        guard ChartStyle.sizes.contains(width), ChartStyle.sizes.contains(height) else {
            throw ImagingError("chart: width and height must be between \(ChartStyle.sizes.lowerBound) and "
                               + "\(ChartStyle.sizes.upperBound) pixels, got \(width)x\(height)")
        }
        var canvas = Canvas(width: width, height: height)
        try ChartRenderer(chart: self).draw(on: &canvas, in: canvas.bounds)
        return canvas.image
    }

    /// Renders and writes a PNG file atomically.
    public func save(_ path: String) throws {
        try PNG.write(render(), to: path)
    }

    private static func checkPoints(_ x: [Double], _ y: [Double], operation: String) throws {
        guard x.count == y.count else {
            throw ImagingError("\(operation): x has \(x.count) values but y has \(y.count); they must match")
        }
        guard !x.isEmpty else { throw ImagingError("\(operation): no points given") }
        guard x.count <= 50_000_000 else { throw ImagingError("\(operation): too many points (\(x.count))") }
    }
}
