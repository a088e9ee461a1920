/// What a chart draws; one case per plot kind. Built and validated by `Chart`'s methods.
enum ChartSeries {
    case line(LineSeries)
    case scatter(ScatterSeries)
    case bars(BarSeries)
    case matrix(MatrixSeries)
}

struct LineSeries {
    var x: [Double]
    var y: [Double]
    var label: String?
    var color: Color
    var lineWidth: Float
    var markers: Bool
}

struct ScatterSeries {
    var x: [Double]
    var y: [Double]
    /// Per-point colour; the legend shows one entry per distinct (label, colour).
    var colors: [Color]
    var legend: [(label: String, color: Color)]
    var texts: [String]?
    /// Set when points are coloured by value: the colorbar shows it.
    var colorbar: ColorbarSpec?
    var diameter: Float
    var alpha: Float
}

/// Bars from `base` to `top`, centred at `center` (data units); histograms and bar charts.
struct BarSeries {
    var centers: [Double]
    var widths: [Double]
    var heights: [Double]
    var label: String?
    var color: Color
    var alpha: Float
    /// Category names at the bar positions (bar charts); nil for numeric x (histograms).
    var categories: [String]?
}

struct MatrixSeries {
    var map: ScalarMap
    var rowLabels: [String]
    var columnLabels: [String]
    var colorbar: ColorbarSpec
    var showValues: Bool
    var valueFormat: String
}

/// A colour scale shown beside the axes.
struct ColorbarSpec {
    var colormap: Colormap
    var low: Double
    var high: Double
    var label: String?
}
