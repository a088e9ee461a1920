import Imaging
import LuaHost

/// A chart as Lua holds it: the library's `Chart` (a value) in a box the Lua object keeps, with the
/// option names of the Lua API (matplotlib's where it has one). Positional data is read by the
/// callers; every method here reads its options from the table it is given and leaves the check for
/// unknown keys to the caller, since one table may also carry the chart's own options
/// (`plot.scatter(x, y, {title = 'Latent space', labels = y})`).
final class ChartObject {
    var chart: Chart
    /// What was added, for `tostring(chart)`: `line 'loss'`, `scatter (600 points)`...
    private(set) var contents: [String] = []

    /// Titles that shortcuts give their charts unless the options name others.
    struct Defaults {
        var title: String? = nil
        var xlabel: String? = nil
        var ylabel: String? = nil
    }

    /// A chart from options: title, xlabel, ylabel, width = 640, height = 480, yscale = 'linear' |
    /// 'log', xlim = {low, high}, ylim = {low, high}, legend = true | false | 'upper right' | ...,
    /// grid = false.
    init(options: LuaOptions, defaults: Defaults = Defaults()) throws {
        chart = Chart(title: try options.optional("title") ?? defaults.title,
                      xlabel: try options.optional("xlabel") ?? defaults.xlabel,
                      ylabel: try options.optional("ylabel") ?? defaults.ylabel,
                      width: try options.integer("width", in: 100...8192) ?? 640,
                      height: try options.integer("height", in: 100...8192) ?? 480)
        let scale = try options.choice("yscale", among: ["linear", "log"], default: "linear")
        chart.yscale = scale == "log" ? .log : .linear
        chart.xlim = try options.range("xlim")
        chart.ylim = try options.range("ylim")
        chart.legend = try options.with("legend") { element in
            switch element.type {
            case .nil, .none: return .best
            case .boolean: return try element.value(as: Bool.self) ? .best : .none
            default:
                let name = try element.value(as: String.self)
                guard let location = LegendLocation(rawValue: name) else {
                    let names = LegendLocation.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    throw element.invalid("must be true, false or one of \(names), got '\(name)'")
                }
                return location
            }
        }
        chart.grid = try options.value("grid", default: false)
    }

    /// A line through (x[i], y[i]); x defaults to 1, 2, ... (epochs); the colour defaults to the
    /// next one of the cycle. Options: linewidth = 2, markers = false.
    func line(x: [Double]?, y: [Double], label: String?, color: Color?, options: LuaOptions) throws {
        try chart.line(y, x: x, label: label, color: color,
                       lineWidth: Float(options.number("linewidth", in: 0.1...100) ?? 2),
                       markers: options.value("markers", default: false))
        contents.append(label.map { "line '\($0)'" } ?? "line")
    }

    /// Points at (x[i], y[i]). Options: labels (a class id per point: a colour per class and a
    /// legend) with class_names (names of classes 0, 1, ...), or values (a number per point: coloured
    /// with cmap, and a colorbar with colorbar_label), texts (a word written next to each point),
    /// label, color, size = 7 (pixels), alpha = 1, cmap = 'viridis'.
    func scatter(x: [Double], y: [Double], options: LuaOptions) throws {
        let classes = try options.with("labels") { $0.isMissing ? nil : try $0.data.integers() }
        let classNames = try options.with("class_names") { $0.isMissing ? nil : try $0.data.texts() }
        let values = try options.with("values") { $0.isMissing ? nil : try $0.data.numbers() }
        let texts = try options.with("texts") { $0.isMissing ? nil : try $0.data.texts() }
        try chart.scatter(x: x, y: y, classes: classes, classNames: classNames, values: values,
                          colormap: options.colormap("cmap", default: .viridis), texts: texts,
                          label: options.optional("label"), color: options.color("color"),
                          size: Float(options.number("size", in: 0.5...200) ?? 7),
                          alpha: Float(options.number("alpha", in: 0...1) ?? 1),
                          colorbarLabel: options.optional("colorbar_label"))
        contents.append("scatter (\(x.count) points)")
    }

    /// Bars at named categories (default 1, 2, ...); calls with the same categories are grouped side
    /// by side. Options: label, color.
    func bar(_ values: [Double], categories: [String]?, options: LuaOptions) throws {
        let label = try options.optional("label", as: String.self)
        try chart.bar(values, categories: categories, label: label, color: options.color("color"))
        contents.append(label.map { "bar '\($0)'" } ?? "bar")
    }

    /// A histogram. Options: bins = 10, range = {low, high}, density = false, label, color, alpha = 1.
    func histogram(_ values: [Double], options: LuaOptions) throws {
        let label = try options.optional("label", as: String.self)
        try chart.histogram(values, bins: options.integer("bins", in: 1...10_000) ?? 10, range: options.range("range"),
                            density: options.value("density", default: false), label: label,
                            color: options.color("color"), alpha: Float(options.number("alpha", in: 0...1) ?? 1))
        contents.append(label.map { "histogram '\($0)'" } ?? "histogram")
    }

    /// A matrix of coloured cells with the values written in them (rows from the top). Options:
    /// cmap = 'viridis', show_values = true, range = {low, high}, colorbar_label. `decimals` is the
    /// number of decimals written (default: none for whole numbers, else 2).
    func matrix(_ map: ScalarMap, rowLabels: [String]?, columnLabels: [String]?, decimals: Int?,
                options: LuaOptions) throws {
        try chart.matrix(map, rowLabels: rowLabels, columnLabels: columnLabels,
                         colormap: options.colormap("cmap", default: .viridis),
                         showValues: options.value("show_values", default: true),
                         valueFormat: decimals.map { "%.\($0)f" }, range: options.range("range"),
                         colorbarLabel: options.optional("colorbar_label"))
        contents.append("matrix \(map.rows)x\(map.columns)")
    }

    /// `Chart 'Training' 640x480: line 'loss', line 'val_loss'`.
    var description: String {
        let title = chart.title.map { " '\($0)'" } ?? ""
        let parts = contents.isEmpty ? "empty" : contents.joined(separator: ", ")
        return "Chart\(title) \(chart.width)x\(chart.height): \(parts)"
    }
}
