import Imaging
import LuaHost
import Tensors

/// A figure as Lua holds it: the library's `Figure` (a value) in a box the Lua object keeps.
final class FigureObject {
    var figure: Figure

    init(_ figure: Figure) { self.figure = figure }
}

/// The Lua class `Figure` (made by `plot.figure{rows =, columns =}`): panels filled row by row with
/// charts or images, saved as one picture.
enum FigureLua {
    nonisolated(unsafe) static let luaClass: LuaClass<FigureObject> = {
        let luaClass = LuaClass<FigureObject>(name: "Figure")
        // figure:add(chart_or_image [, {title =}]): the next panel; a chart is copied as it is now,
        // an image tensor is scaled to fit with its proportions kept. Returns the figure.
        luaClass.imagingMethod("add") { call, object in
            let options = try call.options(3)
            let title = try options.optional("title", as: String.self)
            try options.rejectUnknown()
            if let chart = try? call.object(2, ChartLua.luaClass) {
                var copy = chart.chart
                if let title { copy.title = title }
                try object.figure.add(copy)
            } else if let tensor = try? call.tensor(2) {
                let picture = try ImageTensor(tensor, .single) { call.invalid(2, $0) }
                try object.figure.add(image: picture.image(0), title: title)
            } else {
                throw call.mismatch(2, expected: "a Chart or \(ImageShapes.single.expected)")
            }
            return call.push(object, luaClass)
        }
        // figure:save(path): a PNG file of the figure.
        luaClass.imagingMethod("save") { call, object in
            let path = try call.argument(2, as: String.self)
            try PictureFile.save(object.figure.render().toBytes(), to: path, for: call)
            return 0
        }
        // figure:render() -> (H, W, 3) image tensor
        luaClass.imagingMethod("render") { call, object in
            call.push(try Tensor.holding(object.figure.render()))
        }
        luaClass.metamethod("__tostring") { call in
            let figure = try call.object(1, luaClass).figure
            return call.push("Figure \(figure.width)x\(figure.height): \(figure.panels.count) of "
                             + "\(figure.rows * figure.columns) panels (\(figure.rows)x\(figure.columns)) used")
        }
        return luaClass
    }()
}
