import Imaging
import LuaHost
import Tensors

/// The Lua class `Chart` (made by `plot.chart{...}` and the plot shortcuts). Methods that add data
/// return the chart, so calls chain: `plot.chart{title = 'Loss'}:line(loss):save('out/loss.png')`.
enum ChartLua {
    nonisolated(unsafe) static let luaClass: LuaClass<ChartObject> = {
        let luaClass = LuaClass<ChartObject>(name: "Chart")
        // chart:line(y [, options]) or chart:line(x, y [, options]); options: label, color, linewidth = 2,
        // markers = false.
        luaClass.imagingMethod("line") { call, object in
            let hasX = call.isData(3)
            let options = try call.options(hasX ? 4 : 3)
            try object.line(x: hasX ? call.data(2).numbers() : nil, y: call.data(hasX ? 3 : 2).numbers(),
                            label: options.optional("label"), color: options.color("color"), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }
        // chart:scatter(x, y [, options])
        luaClass.imagingMethod("scatter") { call, object in
            let options = try call.options(4)
            try object.scatter(x: call.data(2).numbers(), y: call.data(3).numbers(), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }
        // chart:bar(values [, options]) or chart:bar(names, values [, options])
        luaClass.imagingMethod("bar") { call, object in
            let named = call.isData(3)
            let options = try call.options(named ? 4 : 3)
            try object.bar(call.data(named ? 3 : 2).numbers(), categories: named ? call.data(2).texts() : nil,
                           options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }
        // chart:hist(values [, options])
        luaClass.imagingMethod("hist") { call, object in
            let options = try call.options(3)
            try object.histogram(call.data(2).numbers(), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }
        // chart:matrix(m [, {row_labels =, column_labels =, decimals =, ...}])
        luaClass.imagingMethod("matrix") { call, object in
            let options = try call.options(3)
            try object.matrix(call.data(2).matrix(), options: options)
            try options.rejectUnknown()
            return call.push(object, luaClass)
        }
        // chart:save(path): a PNG file of the chart.
        luaClass.imagingMethod("save") { call, object in
            let path = try call.argument(2, as: String.self)
            try PictureFile.save(object.chart.render().toBytes(), to: path, for: call)
            return 0
        }
        // chart:render() -> (H, W, 3) image tensor
        luaClass.imagingMethod("render") { call, object in
            call.push(try Tensor.holding(object.chart.render()))
        }
        luaClass.metamethod("__tostring") { call in
            call.push(try call.object(1, luaClass).description)
        }
        return luaClass
    }()
}

extension ChartObject {
    /// A matrix with the label and decimals options of `chart:matrix` and `plot.matrix`.
    func matrix(_ map: ScalarMap, options: LuaOptions) throws {
        let rowLabels = try options.with("row_labels") { $0.isMissing ? nil : try $0.data.texts() }
        let columnLabels = try options.with("column_labels") { $0.isMissing ? nil : try $0.data.texts() }
        try matrix(map, rowLabels: rowLabels, columnLabels: columnLabels,
                   decimals: options.integer("decimals", in: 0...6), options: options)
    }
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
