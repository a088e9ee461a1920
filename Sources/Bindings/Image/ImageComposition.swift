import Datasets
import Imaging
import LuaHost
import Tensors

/// Pictures made from other pictures and values: `image.grid`, `colormap`, `colorbar` and
/// `heatmap_overlay`. Each returns a float32 image tensor.
func declareImageComposition(in module: LuaModule) {
    module.declareRenamingErrors("grid", LuaSignature(
        parameters: [LuaParameter("images", .oneOf([.list(.tensor), .tensor]),
                                  "a list of image tensors (any sizes), or a batch (N, H, W, C) or (N, H, W)")],
        options: [
            LuaOption("titles", .texts, "a title above each image"),
            LuaOption("columns", .integer, default: .described("ceil(sqrt(n)), near-square"), "images per row"),
            LuaOption("padding", .integer, default: .integer(PictureStyle.gridPadding), "pixels between and around the images"),
            LuaOption("scale", .integer, default: .described("1, or enough to make room for titles"),
                      "integer enlargement (nearest neighbour, so pixels stay sharp)"),
            LuaOption("background", .number, default: .float(PictureStyle.gridBackground), "grey level behind the images"),
        ],
        returns: "an image tensor (H, W, C): grey when every image is, else RGB",
        summary: "Images side by side in rows, as torchvision's `make_grid` and torch/image's `toDisplayTensor`.",
        example: """
            tensor.manual_seed(1)
            local grid = image.grid(tensor.rand{6, 8, 8}, {columns = 3, titles = {1, 2, 3, 4, 5, 6}})
            print(grid:shape())
            """)) { call in
        let images = try call.imageList(1)
        let options = try call.options(2)
        let titles = try options.with("titles") { $0.isMissing ? nil : try $0.data.texts() }
        let columns = try options.optional("columns", in: PictureStyle.gridColumns)
        let padding = try options.value("padding", in: PictureStyle.gridPaddings)
        let scale = try options.optional("scale", in: PictureStyle.gridScales)
        let background = try options.value("background", in: PictureStyle.gridBackgrounds)
        try options.rejectUnknown()
        let grid = try Image.grid(images, columns: columns, padding: padding, titles: titles, background: background, scale: scale)
        return call.push(try ImageTensors.tensor(grid))
    }

    module.declareRenamingErrors("colormap", LuaSignature(
        parameters: [LuaParameter("values", .described("a 2-D tensor (H, W) or (H, W, 1), or a table of rows"), "the values to colour")],
        options: [LuaOption("cmap", .colormap, default: .string(PictureStyle.colormap.rawValue), "the colours"),
                  LuaOption("range", .range, default: .described("the smallest to the largest finite value"), "the values mapped to the ends of the colormap")],
        returns: "an RGB image tensor (H, W, 3)",
        summary: "A matrix of values coloured through a colormap, as matplotlib's `Colormap(Normalize(values))`.",
        example: """
            local picture = image.colormap({{0, 1}, {2, 3}}, {cmap = 'magma'})
            print(picture:shape())
            """)) { call in
        let map = try call.data(1).matrix(allowChannel: true)
        let options = try call.options(2)
        let colormap = try options.colormap("cmap")
        let range = try options.range("range")
        try options.rejectUnknown()
        return call.push(try ImageTensors.tensor(colormap.apply(to: map, range: range.map(floatRange))))
    }

    module.declareRenamingErrors("colorbar", LuaSignature(
        options: [LuaOption("cmap", .colormap, default: .string(PictureStyle.colormap.rawValue), "the colours"),
                  LuaOption("range", .range, default: .described(rangeText(PictureStyle.colorbarRange)), "the values at the bottom and the top"),
                  LuaOption("height", .integer, default: .integer(PictureStyle.colorbarHeight), "pixels"),
                  LuaOption("label", .string, "written beside the scale")],
        returns: "an RGB image tensor",
        summary: "The colour scale from low (bottom) to high (top) with tick labels, to put beside a heatmap (matplotlib's `colorbar`).",
        example: """
            local bar = image.colorbar {range = {0, 10}, label = 'counts'}
            print(bar:shape())
            """)) { call in
        let options = try call.options(1)
        let colormap = try options.colormap("cmap")
        let range = try options.range("range") ?? PictureStyle.colorbarRange
        let height = try options.value("height", in: PictureStyle.colorbarHeights)
        let label = try options.optional("label", as: String.self)
        try options.rejectUnknown()
        let bar = try colormap.colorbar(low: range.lowerBound, high: range.upperBound, height: height, label: label)
        return call.push(try ImageTensors.tensor(bar))
    }

    module.declareRenamingErrors("heatmap_overlay", LuaSignature(
        parameters: [LuaParameter("images", .tensor, "one image (H, W, C), or a batch (N, H, W, C)"),
                     LuaParameter("maps", .described("a matrix (h, w) for one image; a tensor (N, h, w) for a batch"),
                                  "the heatmaps, of any size (upsampled bilinearly to the image)")],
        options: [LuaOption("alpha", .number, default: .float(PictureStyle.overlayAlpha), "weight of the heatmap's colour"),
                  LuaOption("cmap", .colormap, default: .string(PictureStyle.overlayColormap.rawValue), "the heatmap's colours"),
                  LuaOption("range", .range, default: .described("each map's smallest to largest value"), "the values mapped to the ends of the colormap")],
        returns: "an RGB image tensor of the images' layout",
        summary: """
            A heatmap laid over each image, Grad-CAM style: the map is upsampled to its image, scaled to [0, 1], \
            coloured and blended in, (1 - alpha) * image + alpha * colour.
            """,
        example: """
            local overlay = image.heatmap_overlay(tensor.ones{28, 28}, {{0, 1}, {1, 0}})
            print(overlay:shape())
            """)) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let maps = try call.heatmaps(2, for: input)
        let options = try call.options(3)
        let alpha = try options.value("alpha", in: PictureStyle.overlayAlphas)
        let colormap = try options.colormap("cmap")
        let range = try options.range("range")
        try options.rejectUnknown()
        return call.push(try input.mapIndexed { n, image in
            try image.heatmapOverlay(maps[n], colormap: colormap, alpha: alpha, range: range.map(floatRange))
        })
    }
}

private func rangeText(_ range: ClosedRange<Double>) -> String {
    "{\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))}"
}

private func floatRange(_ range: ClosedRange<Double>) -> ClosedRange<Float> {
    Float(range.lowerBound)...Float(range.upperBound)
}

extension LuaCall {
    /// Images for a grid: a list of image tensors, or one batch tensor.
    func imageList(_ index: Int32) throws -> [Image] {
        if type(index) == .table {
            let list = try table(index)
            return try stride(from: 1, through: list.count, by: 1).map { k in
                try list.withElement(k) { try $0.imageTensor(.single).image(0) }
            }
        }
        guard let tensor = try? tensor(index) else {
            throw mismatch(index, expected: "a table of image tensors or \(ImageShapes.batch.expected)")
        }
        return try readImageTensor(tensor, .batch, allowBytes: true) { invalid(index, $0) }.images()
    }

    /// The heatmaps for `images`: one matrix for a single image; for a batch of N, a tensor (N, h, w)
    /// or (N, h, w, 1).
    func heatmaps(_ index: Int32, for images: ImageTensor) throws -> [ScalarMap] {
        guard let count = images.batch else { return [try data(index).matrix(allowChannel: true)] }
        let expected = "a tensor of \(count) maps, shape (\(count), h, w) or (\(count), h, w, 1)"
        guard let tensor = try? tensor(index) else { throw mismatch(index, expected: expected) }
        let sizes = tensor.shape.array
        guard sizes.count == 3 || (sizes.count == 4 && sizes[3] == 1), sizes[0] == count,
              sizes[1] > 0, sizes[2] > 0 else {
            throw invalid(index, "expected \(expected) for a batch of \(count) images, got shape \(tensor.shape)")
        }
        let rows = sizes[1], columns = sizes[2]
        let values = try tensor.to(.float32).toArray(Float.self)
        return try (0..<count).map { n in
            try ScalarMap(rows: rows, columns: columns, values: Array(values[n * rows * columns..<(n + 1) * rows * columns]))
        }
    }
}
