import Imaging
import LuaHost
import Tensors

// The Lua module `plot`: charts in matplotlib's look, with Keras users' shortcuts.
//
//   plot.lines {loss = history.loss, val_loss = history.val_loss}:save('out/loss.png')
//   local chart = plot.chart {title = 'Latent space', xlabel = 'z1', ylabel = 'z2'}
//   chart:scatter(z1, z2, {labels = y, class_names = names}):save('out/latent.png')
//
// Data are Lua tables of numbers or 1-D tensors. Class ids are data, 0-based as in Keras (MNIST digit
// 5 is class 5; class_names[1] names class 0). Each shortcut takes the chart's options (title,
// xlabel, ylabel, width, height, yscale, xlim, ylim, legend, grid) in the same table as its own and
// returns a Chart to add more to, `:save(path)` or `:render()`.

/// Registers the `plot` module and its classes `Chart` and `Figure`.
func registerPlotModule(in host: LuaHost) {
    host.install(ChartLua.luaClass)
    host.install(FigureLua.luaClass)
    host.register(module: "plot") { module in
        declareCharts(in: module)
        declareChartShortcuts(in: module)
    }
}

/// `plot.chart` and `plot.figure`: empty charts and figures to fill.
private func declareCharts(in module: LuaModule) {
    // plot.chart{title =, xlabel =, ylabel =, width = 640, height = 480, yscale = 'linear' | 'log',
    // xlim = {low, high}, ylim = {low, high}, legend = true | false | 'upper right' | ..., grid = false}
    module.imagingFunction("chart") { call in
        let options = try call.options(1)
        let object = try ChartObject(options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    // plot.figure{rows = 1, columns = 1, width =, height =, title =}: panels of charts and images
    // (by default 640x480 for one panel, growing with more).
    module.imagingFunction("figure") { call in
        let options = try call.options(1)
        let figure = try Figure(rows: options.integer("rows", in: 1...20) ?? 1,
                                columns: options.integer("columns", in: 1...20) ?? 1,
                                width: options.integer("width", in: 100...16384),
                                height: options.integer("height", in: 100...16384),
                                title: options.optional("title"))
        try options.rejectUnknown()
        return call.push(FigureObject(figure), FigureLua.luaClass)
    }
}

/// One call, one chart: `plot.lines`, `scatter`, `bar`, `hist`, `matrix` and `confusion_matrix`.
private func declareChartShortcuts(in module: LuaModule) {
    // plot.lines(series [, options]): `series` is a table of named series ({loss = ..., val_loss =
    // ...}, drawn in SeriesOrder with a legend), the History of fit, one series, or a list of series. Options: x (shared x
    // values; default 1, 2, ...), linewidth, markers, and the chart's.
    module.imagingFunction("lines") { call in
        let options = try call.options(2)
        let object = try ChartObject(options: options)
        let x = try options.with("x") { $0.isMissing ? nil : try $0.data.numbers() }
        for (label, values) in try call.series(1) {
            try object.line(x: x, y: values, label: label, color: nil, options: options)
        }
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    // plot.scatter(x, y [, options]): the options of chart:scatter and the chart's.
    module.imagingFunction("scatter") { call in
        let options = try call.options(3)
        let object = try ChartObject(options: options)
        try object.scatter(x: call.data(1).numbers(), y: call.data(2).numbers(), options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    // plot.bar(values [, options]) or plot.bar(names, values [, options]).
    module.imagingFunction("bar") { call in
        let named = call.isData(2)
        let options = try call.options(named ? 3 : 2)
        let object = try ChartObject(options: options)
        try object.bar(call.data(named ? 2 : 1).numbers(), categories: named ? call.data(1).texts() : nil,
                       options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    // plot.hist(values [, {bins = 10, range =, density =, ...}])
    module.imagingFunction("hist") { call in
        let options = try call.options(2)
        let object = try ChartObject(options: options)
        try object.histogram(call.data(1).numbers(), options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    // plot.matrix(m [, {row_labels =, column_labels =, decimals =, cmap =, ...}]): m is a 2-D tensor
    // or a table of rows, drawn with row 1 at the top.
    module.imagingFunction("matrix") { call in
        let options = try call.options(2)
        let object = try ChartObject(options: options)
        try object.matrix(call.data(1).matrix(), options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass)
    }

    // plot.confusion_matrix(y_true, y_pred [, {labels =, normalize =, cmap =, ...}]) -> chart, counts.
    // Labels are class ids (0-based) as tables or tensors, or (N, K) one-hot rows / probabilities
    // (their largest entry's class). `labels` names the classes (and fixes their number);
    // normalize = 'true' | 'pred' | 'all' shows fractions as scikit-learn does. `counts[i][j]` is the
    // number of samples of class i - 1 predicted as class j - 1.
    module.imagingFunction("confusion_matrix") { call in
        let options = try call.options(3)
        let object = try ChartObject(options: options, defaults: .init(title: "Confusion matrix",
                                                                        xlabel: "predicted label", ylabel: "true label"))
        let names = try options.with("labels") { $0.isMissing ? nil : try $0.data.texts() }
        let normalize = try options.with("normalize") { element -> String? in
            if element.isMissing { return nil }
            let value = try element.value(as: String.self)
            guard ["true", "pred", "all"].contains(value) else {
                throw element.invalid("must be one of 'true', 'pred', 'all', got '\(value)'")
            }
            return value
        }
        let matrix = try ConfusionMatrix(truth: call.data(1).classIds(), predictions: call.data(2).classIds(),
                                         classCount: names?.count, operation: call.name)
        try object.matrix(matrix.values(normalize: normalize), rowLabels: names, columnLabels: names,
                          decimals: normalize == nil ? 0 : 2, options: options)
        try options.rejectUnknown()
        return call.push(object, ChartLua.luaClass) + call.push(matrix.counts)
    }
}

extension LuaCall {
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
