import Datasets
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
        let luaClass = LuaClass<FigureObject>(name: "Figure", summary: """
            Panels of charts and images in a grid, as matplotlib's `subplots`, made by `plot.figure{rows =, columns =}` \
            and filled row by row with `add`; `save` writes one PNG.
            """)

        luaClass.declareRenamingErrors("add", LuaSignature(
            parameters: [LuaParameter("panel", .oneOf([.object("Chart"), .tensor]),
                                      "a chart (copied as it is now), or an image tensor (scaled to fit, proportions kept)")],
            options: [LuaOption("title", .string, default: .described("the chart's own; none for an image"), "written above the panel")],
            returns: "the figure",
            summary: "Fills the next panel, row by row.",
            example: """
                local figure = plot.figure {columns = 2}
                figure:add(plot.lines({1, 2, 3})):add(tensor.ones{8, 8}, {title = 'ones'})
                print(figure)
                """)) { call, object in
            let options = try call.options(3)
            let title = try options.optional("title", as: String.self)
            try options.rejectUnknown()
            if let chart = try? call.object(2, ChartLua.luaClass) {
                var copy = chart.chart
                if let title { copy.title = title }
                try object.figure.add(copy)
            } else if let tensor = try? call.tensor(2) {
                let picture = try readImageTensor(tensor, .single, allowBytes: true) { call.invalid(2, $0) }
                try object.figure.add(image: picture.image(0), title: title)
            } else {
                throw call.mismatch(2, expected: "a Chart or \(ImageShapes.single.expected)")
            }
            return call.push(object, luaClass)
        }

        luaClass.declareRenamingErrors("save", LuaSignature(
            parameters: [LuaParameter("path", .string, "the PNG file to write (missing folders are made)")],
            summary: "Writes the figure as a PNG file, as matplotlib's `savefig`.",
            example: """
                plot.figure {}:add(plot.lines({1, 2})):save('figure.png')
                print(image.load('figure.png'):shape())
                """)) { call, object in
            let path = try call.argument(2, as: String.self)
            try PictureFile.save(object.figure.render().toBytes(), to: path, for: call)
            return 0
        }

        luaClass.declareRenamingErrors("render", LuaSignature(
            returns: "an RGB image tensor (H, W, 3)",
            summary: "The figure drawn as an image tensor.",
            example: "print(plot.figure {rows = 2}:render():shape())")) { call, object in
            call.push(try ImageTensors.tensor(object.figure.render()))
        }

        luaClass.metamethod("__tostring") { call in
            let figure = try call.object(1, luaClass).figure
            return call.push("Figure \(figure.width)x\(figure.height): \(figure.panels.count) of "
                             + "\(figure.rows * figure.columns) panels (\(figure.rows)x\(figure.columns)) used")
        }
        return luaClass
    }()
}
