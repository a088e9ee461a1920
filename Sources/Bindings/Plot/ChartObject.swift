import Imaging
import LuaHost

/// A chart as Lua holds it: the library's `Chart` (a value) in a box the Lua object keeps, with the
/// option names of the Lua API (matplotlib's where it has one) and their declarations. Positional data
/// is read by the callers; every method here reads its options from the table it is given and leaves
/// the check for unknown keys to the caller, since one table may also carry the chart's own options
/// (`plot.scatter(x, y, {title = 'Latent space', labels = y})`).
final class ChartObject {
    var chart: Chart
    /// What was added, for `tostring(chart)`: `line 'loss'`, `scatter (600 points)`...
    private(set) var contents: [String] = []

    /// Texts that a shortcut gives its chart unless the options name others.
    struct Titles {
        var title: String? = nil
        var xlabel: String? = nil
        var ylabel: String? = nil

        static let confusionMatrix = Titles(title: Chart.confusionMatrixTitle, xlabel: Chart.confusionMatrixXLabel,
                                            ylabel: Chart.confusionMatrixYLabel)
    }

    /// The options of the chart itself, which `plot.chart` and every shortcut take.
    static func chartOptions(_ titles: Titles = Titles()) -> [LuaOption] {
        func text(_ value: String?) -> LuaDefault { value.map(LuaDefault.string) ?? .none }
        let legends = LegendLocation.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return [
            LuaOption("title", .string, default: text(titles.title), "written above the chart"),
            LuaOption("xlabel", .string, default: text(titles.xlabel), "the x axis' label"),
            LuaOption("ylabel", .string, default: text(titles.ylabel), "the y axis' label"),
            LuaOption("width", .integer, default: .integer(ChartStyle.width), "pixels"),
            LuaOption("height", .integer, default: .integer(ChartStyle.height), "pixels"),
            LuaOption("yscale", .choice(AxisScale.allCases.map(\.rawValue)), default: .string(ChartStyle.yscale.rawValue), "the y axis' scale"),
            LuaOption("xlim", .range, default: .described("the data's, with 5% margins"), "the x axis' limits"),
            LuaOption("ylim", .range, default: .described("the data's, with 5% margins"), "the y axis' limits"),
            LuaOption("legend", .described("true, false or a location: \(legends)"), default: .string(ChartStyle.legend.rawValue),
                      "where the legend goes ('best' hides the fewest points); false for none"),
            LuaOption("grid", .boolean, default: .boolean(ChartStyle.grid), "light grid lines at the major ticks"),
        ]
    }

    init(options: LuaOptions, titles: Titles = Titles()) throws {
        chart = Chart(title: try options.optional("title") ?? titles.title,
                      xlabel: try options.optional("xlabel") ?? titles.xlabel,
                      ylabel: try options.optional("ylabel") ?? titles.ylabel,
                      width: try options.value("width", in: ChartStyle.sizes),
                      height: try options.value("height", in: ChartStyle.sizes))
        chart.yscale = AxisScale(rawValue: try options.value("yscale")) ?? ChartStyle.yscale
        chart.xlim = try options.range("xlim")
        chart.ylim = try options.range("ylim")
        chart.legend = try options.with("legend") { element in
            switch element.type {
            case .nil, .none: return ChartStyle.legend
            case .boolean: return try element.value(as: Bool.self) ? ChartStyle.legend : .none
            default:
                let name = try element.value(as: String.self)
                guard let location = LegendLocation(rawValue: name) else {
                    let names = LegendLocation.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    throw element.invalid("must be true, false or one of \(names), got '\(name)'")
                }
                return location
            }
        }
        chart.grid = try options.value("grid")
    }

    static var labelOptions: [LuaOption] {
        [
            LuaOption("label", .string, "the name in the legend"),
            LuaOption("color", .color, default: .described("the next colour of the cycle"), "the colour"),
        ]
    }

    /// How lines are drawn (`plot.lines` names its lines after the series).
    static var lineStyleOptions: [LuaOption] {
        [
            LuaOption("linewidth", .number, default: .float(ChartStyle.lineWidth), "pixels"),
            LuaOption("markers", .boolean, default: .boolean(ChartStyle.markers), "a dot at each point"),
        ]
    }

    /// A line through (x[i], y[i]); x defaults to 1, 2, ... (epochs); the colour defaults to the
    /// next one of the cycle.
    func line(x: [Double]?, y: [Double], label: String?, color: Color?, options: LuaOptions) throws {
        try chart.line(y, x: x, label: label, color: color,
                       lineWidth: options.value("linewidth", in: ChartStyle.lineWidths), markers: options.value("markers"))
        contents.append(label.map { "line '\($0)'" } ?? "line")
    }

    static var scatterOptions: [LuaOption] {
        labelOptions + [
            LuaOption("labels", .integers, "a class id per point (from 0): a colour per class and a legend"),
            LuaOption("class_names", .texts, "names of classes 0, 1, ... for the legend"),
            LuaOption("values", .numbers, "a number per point: coloured with cmap, with a colorbar"),
            LuaOption("texts", .texts, "a word written next to each point"),
            LuaOption("size", .number, default: .float(ChartStyle.markerSize), "marker diameter in pixels"),
            LuaOption("alpha", .number, default: .float(ChartStyle.alpha), "opacity"),
            LuaOption("cmap", .colormap, default: .string(ChartStyle.colormap.rawValue), "the colours of values"),
            LuaOption("colorbar_label", .string, "written beside the colorbar of values"),
        ]
    }

    /// Points at (x[i], y[i]), coloured by class, by value or all alike.
    func scatter(x: [Double], y: [Double], options: LuaOptions) throws {
        let classes = try options.with("labels") { $0.isMissing ? nil : try $0.data.integers() }
        let classNames = try options.with("class_names") { $0.isMissing ? nil : try $0.data.texts() }
        let values = try options.with("values") { $0.isMissing ? nil : try $0.data.numbers() }
        let texts = try options.with("texts") { $0.isMissing ? nil : try $0.data.texts() }
        try chart.scatter(x: x, y: y, classes: classes, classNames: classNames, values: values,
                          colormap: options.colormap("cmap"), texts: texts,
                          label: options.optional("label"), color: options.color("color"),
                          size: options.value("size", in: ChartStyle.markerSizes),
                          alpha: options.value("alpha", in: ChartStyle.alphas),
                          colorbarLabel: options.optional("colorbar_label"))
        contents.append("scatter (\(x.count) points)")
    }

    static var barOptions: [LuaOption] { labelOptions }

    /// Bars at named categories (default 1, 2, ...); calls with the same categories are grouped side
    /// by side.
    func bar(_ values: [Double], categories: [String]?, options: LuaOptions) throws {
        let label = try options.optional("label", as: String.self)
        try chart.bar(values, categories: categories, label: label, color: options.color("color"))
        contents.append(label.map { "bar '\($0)'" } ?? "bar")
    }

    static var histogramOptions: [LuaOption] {
        labelOptions + [
            LuaOption("bins", .integer, default: .integer(ChartStyle.bins), "equal bins between the range's ends"),
            LuaOption("range", .range, default: .described("the smallest to the largest value"), "the ends of the bins"),
            LuaOption("density", .boolean, default: .boolean(ChartStyle.density), "heights scaled so that the total area is 1"),
            LuaOption("alpha", .number, default: .float(ChartStyle.alpha), "opacity"),
        ]
    }

    func histogram(_ values: [Double], options: LuaOptions) throws {
        let label = try options.optional("label", as: String.self)
        try chart.histogram(values, bins: options.value("bins", in: ChartStyle.binCounts), range: options.range("range"),
                            density: options.value("density"), label: label,
                            color: options.color("color"), alpha: options.value("alpha", in: ChartStyle.alphas))
        contents.append(label.map { "histogram '\($0)'" } ?? "histogram")
    }

    /// How matrix cells are coloured: the options of `chart:matrix` and `plot.confusion_matrix`.
    static var cellOptions: [LuaOption] {
        [
            LuaOption("cmap", .colormap, default: .string(ChartStyle.colormap.rawValue), "the cells' colours"),
            LuaOption("show_values", .boolean, default: .boolean(ChartStyle.showValues), "the value written in each cell"),
            LuaOption("range", .range, default: .described("the smallest to the largest value"), "the values at the ends of the colormap"),
            LuaOption("colorbar_label", .string, "written beside the colorbar"),
        ]
    }

    static var matrixOptions: [LuaOption] {
        cellOptions + [
            LuaOption("row_labels", .texts, default: .described("0, 1, ..."), "a label per row"),
            LuaOption("column_labels", .texts, default: .described("0, 1, ..."), "a label per column"),
            LuaOption("decimals", .integer, default: .described("none for whole numbers, else 2"), "decimals of the values written"),
        ]
    }

    /// A matrix of coloured cells with the values written in them (rows from the top).
    func matrix(_ map: ScalarMap, options: LuaOptions) throws {
        let rowLabels = try options.with("row_labels") { $0.isMissing ? nil : try $0.data.texts() }
        let columnLabels = try options.with("column_labels") { $0.isMissing ? nil : try $0.data.texts() }
        let decimals = try options.optional("decimals", in: 0...6)
        try chart.matrix(map, rowLabels: rowLabels, columnLabels: columnLabels, colormap: options.colormap("cmap"),
                         showValues: options.value("show_values"), valueFormat: decimals.map { "%.\($0)f" },
                         range: options.range("range"), colorbarLabel: options.optional("colorbar_label"))
        contents.append("matrix \(map.rows)x\(map.columns)")
    }

    static var confusionOptions: [LuaOption] {
        cellOptions + [
            LuaOption("labels", .texts, default: .described("0, 1, ..."), "the class names (they also fix the number of classes)"),
            LuaOption("normalize", .choice(ConfusionNormalization.allCases.map(\.rawValue)),
                      "fractions of each true class ('true'), predicted class ('pred') or of all samples ('all'), as scikit-learn's"),
        ]
    }

    /// A confusion matrix of `counts` (rows: true classes), with the cell options and `normalize`.
    func confusionMatrix(_ counts: [[Int]], classNames: [String]?, options: LuaOptions) throws {
        let normalize = try options.optional("normalize", as: String.self).flatMap(ConfusionNormalization.init(rawValue:))
        try chart.confusionMatrix(counts, classNames: classNames, normalize: normalize, colormap: options.colormap("cmap"),
                                  showValues: options.value("show_values"), range: options.range("range"),
                                  colorbarLabel: options.optional("colorbar_label"))
        contents.append("matrix \(counts.count)x\(counts.count)")
    }

    /// `Chart 'Training' 640x480: line 'loss', line 'val_loss'`.
    var description: String {
        let title = chart.title.map { " '\($0)'" } ?? ""
        let parts = contents.isEmpty ? "empty" : contents.joined(separator: ", ")
        return "Chart\(title) \(chart.width)x\(chart.height): \(parts)"
    }
}
