import Datasets
import Imaging
import LuaHost
import Tensors

/// The Lua class `Chart` (made by `plot.chart{...}` and the plot shortcuts). Methods that add data
/// return the chart, so calls chain: `plot.chart{title = 'Loss'}:line(loss):save('out/loss.png')`.
enum ChartLua {
    nonisolated(unsafe) static let luaClass: LuaClass<ChartObject> = {
        let luaClass = LuaClass<ChartObject>(name: "Chart", summary: """
            A chart in matplotlib's look, made by `plot.chart{...}` or a plot shortcut. Its methods add lines, \
            points, bars, histograms or a matrix and return the chart, so calls chain; `save` writes a PNG \
            and `render` gives the picture as a tensor. `show(chart)` puts it in a notebook report.
            """)
        let x = LuaParameter("x", .numbers, default: "1, 2, ..., n", "x values (give y alone for 1, 2, ...)")
        let y = LuaParameter("y", .numbers, "y values")

        luaClass.declareRenamingErrors("line", LuaSignature(
            parameters: [x, y], options: ChartObject.labelOptions + ChartObject.lineStyleOptions, returns: "the chart",
            summary: "A line through the points (x[i], y[i]), as matplotlib's `plot`; non-finite values break the line.",
            example: """
                local chart = plot.chart {title = 'Loss'}:line({1, 0.5, 0.3}, {label = 'loss'})
                print(chart)
                """)) { call, object in
            let hasX = call.isData(3)
            let options = try call.options(hasX ? 4 : 3)
            try object.line(x: hasX ? call.data(2).numbers() : nil, y: call.data(hasX ? 3 : 2).numbers(),
                            label: options.optional("label"), color: options.color("color"), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }

        luaClass.declareRenamingErrors("scatter", LuaSignature(
            parameters: [LuaParameter("x", .numbers, "x values"), y], options: ChartObject.scatterOptions, returns: "the chart",
            summary: """
                Points at (x[i], y[i]), as matplotlib's `scatter`: coloured by class (`labels`, with a legend), \
                by value (`values`, with a colorbar) or all alike.
                """,
            example: """
                local chart = plot.chart {}:scatter({1, 2, 3}, {3, 1, 2}, {labels = {0, 1, 1}, class_names = {'cat', 'dog'}})
                print(chart)
                """)) { call, object in
            let options = try call.options(4)
            try object.scatter(x: call.data(2).numbers(), y: call.data(3).numbers(), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }

        luaClass.declareRenamingErrors("bar", LuaSignature(
            parameters: [LuaParameter("names", .texts, default: "1, 2, ..., n", "the categories"),
                         LuaParameter("values", .numbers, "the bars' heights")],
            options: ChartObject.barOptions, returns: "the chart",
            summary: "One bar per value, as matplotlib's `bar`; calls with the same categories are grouped side by side.",
            example: """
                local chart = plot.chart {}:bar({'a', 'b'}, {3, 5}, {label = 'train'}):bar({'a', 'b'}, {2, 4}, {label = 'test'})
                print(chart)
                """)) { call, object in
            let named = call.isData(3)
            let options = try call.options(named ? 4 : 3)
            try object.bar(call.data(named ? 3 : 2).numbers(), categories: named ? call.data(2).texts() : nil, options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }

        luaClass.declareRenamingErrors("hist", LuaSignature(
            parameters: [LuaParameter("values", .numbers, "the samples")], options: ChartObject.histogramOptions, returns: "the chart",
            summary: "A histogram in equal bins, as matplotlib's `hist`.",
            example: """
                tensor.manual_seed(1)
                print(plot.chart {}:hist(tensor.randn{1000}, {bins = 20}))
                """)) { call, object in
            let options = try call.options(3)
            try object.histogram(call.data(2).numbers(), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }

        luaClass.declareRenamingErrors("matrix", LuaSignature(
            parameters: [LuaParameter("values", .matrix, "row 1 is drawn at the top")], options: ChartObject.matrixOptions, returns: "the chart",
            summary: "A matrix of coloured cells with the values written in them, as matplotlib's `imshow` with annotations.",
            example: """
                print(plot.chart {}:matrix({{1, 2}, {3, 4}}, {row_labels = {'a', 'b'}}))
                """)) { call, object in
            let options = try call.options(3)
            try object.matrix(call.data(2).matrix(), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }

        luaClass.declareRenamingErrors("save", LuaSignature(
            parameters: [LuaParameter("path", .string, "the PNG file to write (missing folders are made)")],
            summary: "Writes the chart as a PNG file, as matplotlib's `savefig`.",
            example: """
                plot.lines({1, 4, 9}):save('squares.png')
                print(image.load('squares.png'):shape())
                """)) { call, object in
            let path = try call.argument(2, as: String.self)
            try PictureFile.save(object.chart.render().toBytes(), to: path, for: call)
            return 0
        }

        luaClass.declareRenamingErrors("render", LuaSignature(
            returns: "an RGB image tensor (H, W, 3)",
            summary: "The chart drawn as an image tensor, to put in a grid or a figure.",
            example: "print(plot.lines({1, 2}, {width = 320, height = 240}):render():shape())")) { call, object in
            call.push(try ImageTensors.tensor(object.chart.render()))
        }

        luaClass.metamethod("__tostring") { call in
            call.push(try call.object(1, luaClass).description)
        }
        return luaClass
    }()
}

extension LuaCall {
    /// True when the argument holds data (a tensor, or a table with a sequence part) rather than
    /// options: it tells `chart:line(y, options)` from `chart:line(x, y)`.
    func isData(_ index: Int32) -> Bool {
        switch type(index) {
        case .userdata: return true
        case .table: return (try? table(index).count) ?? 0 > 0
        default: return false
        }
    }
}
