import Imaging
import LuaHost
import NN
import Tensors

/// Registers the `plot` module and its classes `Chart` and `Figure`.
func registerPlotModule(in host: LuaHost) {
    host.install(ChartLua.luaClass)
    host.install(FigureLua.luaClass)
    host.register(module: "plot", summary: """
        Charts in matplotlib's look, with Keras users' shortcuts: `plot.lines(history)` draws a training \
        history, `plot.scatter(z1, z2, {labels = y})` a latent space. Data are Lua tables of numbers or 1-D \
        tensors; class ids are data, 0-based as in Keras (class_names[1] names class 0). Each shortcut takes \
        the chart's options (title, xlabel, ylabel, width, height, yscale, xlim, ylim, legend, grid) in the \
        same table as its own and returns a Chart to add more to, `:save(path)` or `:render()`.
        """) { module in
        declareCharts(in: module)
        declareChartShortcuts(in: module)
    }
}

/// `plot.chart` and `plot.figure`: empty charts and figures to fill.
private func declareCharts(in module: LuaModule) {
    module.declareRenamingErrors("chart", LuaSignature(
        options: ChartObject.chartOptions(), returns: "a Chart",
        summary: "An empty chart to add lines, points, bars, histograms or a matrix to, as matplotlib's `subplots()` axes.",
        example: """
            local chart = plot.chart {title = 'Training', xlabel = 'epoch', ylabel = 'loss', grid = true}
            chart:line({0.9, 0.5, 0.3}, {label = 'loss'}):line({1.0, 0.7, 0.6}, {label = 'val_loss'})
            print(chart)
            """)) { call in
        let options = try call.options(1)
        let object = try ChartObject(options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    module.declareRenamingErrors("figure", LuaSignature(
        options: [
            LuaOption("rows", .integer, default: .integer(ChartStyle.panels.lowerBound), "rows of panels"),
            LuaOption("columns", .integer, default: .integer(ChartStyle.panels.lowerBound), "columns of panels"),
            LuaOption("width", .integer, default: .described("\(ChartStyle.width) for one column, else \(ChartStyle.figureColumnWidth) a column"), "pixels"),
            LuaOption("height", .integer, default: .described("\(ChartStyle.height) for one row, else \(ChartStyle.figureRowHeight) a row"), "pixels"),
            LuaOption("title", .string, "written above the panels"),
        ],
        returns: "a Figure",
        summary: "An empty figure of panels for charts and images, as matplotlib's `subplots(rows, columns)`.",
        example: """
            local figure = plot.figure {rows = 1, columns = 2, title = 'Autoencoder'}
            print(figure)
            """)) { call in
        let options = try call.options(1)
        let figure = try Figure(rows: options.value("rows", in: ChartStyle.panels),
                                columns: options.value("columns", in: ChartStyle.panels),
                                width: options.optional("width", in: ChartStyle.figureSizes),
                                height: options.optional("height", in: ChartStyle.figureSizes),
                                title: options.optional("title"))
        try options.rejectUnknown()
        return call.push(FigureObject(figure), FigureLua.luaClass)
    }
}

/// One call, one chart: `plot.lines`, `scatter`, `bar`, `hist`, `matrix` and `confusion_matrix`.
private func declareChartShortcuts(in module: LuaModule) {
    let chartOptions = ChartObject.chartOptions()

    module.declareRenamingErrors("lines", LuaSignature(
        parameters: [LuaParameter("series", .described("a table of named series, fit's History, one series, or a list of series"),
                                  "named series ({loss = ..., val_loss = ...}) are drawn loss first, each beside its val_ twin, with a legend")],
        options: chartOptions + ChartObject.lineStyleOptions + [LuaOption("x", .numbers, default: .described("1, 2, ..., n"), "x values shared by the series")],
        returns: "a Chart",
        summary: "Lines of one or more series, as Keras users draw a training History with matplotlib's `plot`.",
        example: """
            local chart = plot.lines({loss = {0.9, 0.5, 0.3}, val_loss = {1.0, 0.7, 0.6}}, {title = 'Training'})
            print(chart)
            """)) { call in
        let options = try call.options(2)
        let object = try ChartObject(options: options)
        let x = try options.with("x") { $0.isMissing ? nil : try $0.data.numbers() }
        for (label, values) in try call.series(1) {
            try object.line(x: x, y: values, label: label, color: nil, options: options)
        }
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    module.declareRenamingErrors("scatter", LuaSignature(
        parameters: [LuaParameter("x", .numbers, "x values"), LuaParameter("y", .numbers, "y values")],
        options: chartOptions + ChartObject.scatterOptions, returns: "a Chart",
        summary: "A scatter chart, as matplotlib's `scatter`: `Chart:scatter`'s options and the chart's in one table.",
        example: """
            local chart = plot.scatter({0.1, 0.5, 0.9}, {1, 3, 2}, {title = 'Latent space', values = {1, 2, 3}})
            print(chart)
            """)) { call in
        let options = try call.options(3)
        let object = try ChartObject(options: options)
        try object.scatter(x: call.data(1).numbers(), y: call.data(2).numbers(), options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    module.declareRenamingErrors("bar", LuaSignature(
        parameters: [LuaParameter("names", .texts, default: "1, 2, ..., n", "the categories"),
                     LuaParameter("values", .numbers, "the bars' heights")],
        options: chartOptions + ChartObject.barOptions, returns: "a Chart",
        summary: "A bar chart, as matplotlib's `bar`.",
        example: """
            print(plot.bar({'cat', 'dog', 'bird'}, {5, 3, 2}, {title = 'Classes'}))
            """)) { call in
        let named = call.isData(2)
        let options = try call.options(named ? 3 : 2)
        let object = try ChartObject(options: options)
        try object.bar(call.data(named ? 2 : 1).numbers(), categories: named ? call.data(1).texts() : nil, options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    module.declareRenamingErrors("hist", LuaSignature(
        parameters: [LuaParameter("values", .numbers, "the samples")],
        options: chartOptions + ChartObject.histogramOptions, returns: "a Chart",
        summary: "A histogram, as matplotlib's `hist`.",
        example: """
            tensor.manual_seed(1)
            print(plot.hist(tensor.randn{500}, {bins = 30, density = true}))
            """)) { call in
        let options = try call.options(2)
        let object = try ChartObject(options: options)
        try object.histogram(call.data(1).numbers(), options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    module.declareRenamingErrors("matrix", LuaSignature(
        parameters: [LuaParameter("values", .matrix, "row 1 is drawn at the top")],
        options: chartOptions + ChartObject.matrixOptions, returns: "a Chart",
        summary: "A matrix of coloured cells with their values, as matplotlib's `imshow` with annotations.",
        example: """
            print(plot.matrix(tensor{{1, 0.5}, {0.5, 1}}, {title = 'Correlation', cmap = 'coolwarm'}))
            """)) { call in
        let options = try call.options(2)
        let object = try ChartObject(options: options)
        try object.matrix(call.data(1).matrix(), options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    module.declareRenamingErrors("confusion_matrix", LuaSignature(
        parameters: [LuaParameter("y_true", .numbers, "true class ids (from 0), or one-hot rows"),
                     LuaParameter("y_pred", .numbers, "predicted class ids, or (N, K) probabilities (their largest entry's class)")],
        options: ChartObject.chartOptions(.confusionMatrix) + ChartObject.confusionOptions,
        returns: "a Chart, and the counts: counts[i][j] samples of class i - 1 predicted as class j - 1",
        summary: """
            A confusion matrix, as scikit-learn's `ConfusionMatrixDisplay`: one row per true class, one column \
            per predicted class. The counting is `nn.metrics.confusion_matrix`'s.
            """,
        example: """
            local chart, counts = plot.confusion_matrix({0, 1, 1, 2}, {0, 1, 2, 2}, {labels = {'a', 'b', 'c'}})
            print(chart, counts[2][3])
            """)) { call in
        let options = try call.options(3)
        let object = try ChartObject(options: options, titles: .confusionMatrix)
        let names = try options.with("labels") { $0.isMissing ? nil : try $0.data.texts() }
        let counts = try confusionMatrix(labels: call.classes(1), predictions: call.classes(2), classes: names?.count)
        let values = try counts.wholeNumbers().map { Int($0) }, classes = counts.shape[0]
        let rows = stride(from: 0, to: values.count, by: classes).map { Array(values[$0..<$0 + classes]) }
        try object.confusionMatrix(rows, classNames: names, options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass) + call.push(rows)
    }
}

extension LuaCall {
    /// Class ids as `confusionMatrix` counts them: a tensor as it is (ids, or rows whose largest entry
    /// is the class), a table of ids as an int64 tensor.
    func classes(_ index: Int32) throws -> Tensor {
        if let tensor = try? tensor(index) { return tensor }
        let ids = try data(index).integers()
        return try Tensor(ids.map(Int64.init), shape: [ids.count])
    }

    /// The series of `plot.lines`: named series in SeriesOrder, or unnamed ones (a single series, or
    /// a list of them).
    func series(_ index: Int32) throws -> [(label: String?, values: [Double])] {
        let expected = "a table of series ({loss = ..., val_loss = ...}), a table of numbers or a 1-D tensor"
        if type(index) == .userdata { return [(nil, try data(index).numbers())] }
        let table = try table(index, expected: expected)
        if table.count > 0 {
            let isSingle = table.withElement(1) { $0.type == .number }
            if isSingle { return [(nil, try data(index).numbers())] }
            return try stride(from: 1, through: table.count, by: 1).map { k in
                (nil, try table.withElement(k) { try $0.data.numbers() })
            }
        }
        // The History that fit returns (plot.lines(history)): its lists sit in history.history, beside
        // epoch and params, which are no series.
        if table.withField("history", { $0.type == .table }) {
            return try table.withField("history") { try namedSeries(try $0.table(expected: expected), index, expected: expected) }
        }
        return try namedSeries(table, index, expected: expected)
    }

    private func namedSeries(_ table: LuaTable, _ index: Int32, expected: String) throws -> [(label: String?, values: [Double])] {
        var names: [String] = []
        try table.forEach { key, _ in names.append(try key.value(as: String.self)) }
        guard !names.isEmpty else { throw invalid(index, "holds no series; expected \(expected)") }
        return try SeriesOrder.sorted(names).map { name in
            (name, try table.withField(name) { try $0.data.numbers() })
        }
    }
}
