import Imaging
import LuaHost
import Tensors

/// Pictures made from other pictures and values: `image.grid`, `colormap`, `colorbar` and
/// `heatmap_overlay`. Each returns a float32 image tensor.
func declareImageComposition(in module: LuaModule) {
    // image.grid(images, {titles =, columns =, padding = 2, scale =, background = 1}) -> (H, W, C):
    // a list of image tensors (any sizes) or a batch (N, H, W, C) / (N, H, W) in rows of `columns`
    // (default: near-square), on a white background, with an optional title above each image.
    module.imagingFunction("grid") { call in
        let images = try call.imageList(1)
        let options = try call.options(2)
        let titles = try options.with("titles") { $0.isMissing ? nil : try $0.data.texts() }
        let columns = try options.integer("columns", in: 1...10_000)
        let padding = try options.integer("padding", in: 0...1000) ?? 2
        let scale = try options.integer("scale", in: 1...64)
        let background = try options.number("background", in: 0...1) ?? 1
        try options.rejectUnknown()
        let grid = try Image.grid(images, columns: columns, padding: padding, titles: titles,
                                  background: Float(background), scale: scale)
        return call.push(try Tensor.holding(grid))
    }

    // image.colormap(map, {cmap = 'viridis', range = {low, high}}) -> (H, W, 3): a matrix of values
    // ((H, W) or (H, W, 1) tensor, or a table of rows) coloured; values are scaled from `range`
    // (default: the smallest to the largest finite value) to the colormap.
    module.imagingFunction("colormap") { call in
        let map = try call.data(1).matrix(allowChannel: true)
        let options = try call.options(2)
        let colormap = try options.colormap("cmap", default: .viridis)
        let range = try options.range("range")
        try options.rejectUnknown()
        return call.push(try Tensor.holding(colormap.apply(to: map, range: range.map(floatRange))))
    }

    // image.colorbar({cmap = 'viridis', range = {0, 1}, height = 240, label =}) -> image tensor: the
    // colour scale from low (bottom) to high (top) with tick labels, to put beside a heatmap.
    module.imagingFunction("colorbar") { call in
        let options = try call.options(1)
        let colormap = try options.colormap("cmap", default: .viridis)
        let range = try options.range("range") ?? 0...1
        let height = try options.integer("height", in: 40...8192) ?? 240
        let label = try options.optional("label", as: String.self)
        try options.rejectUnknown()
        let bar = try colormap.colorbar(low: range.lowerBound, high: range.upperBound, height: height, label: label)
        return call.push(try Tensor.holding(bar))
    }

    // image.heatmap_overlay(images, maps, {alpha = 0.4, cmap = 'jet', range =}): Grad-CAM style.
    // One image with one map (h, w), or a batch (N, H, W, C) with maps (N, h, w); each map is
    // upsampled bilinearly to its image, scaled to [0, 1] (its own smallest to largest value, or
    // `range`), coloured and blended in: (1 - alpha) * image + alpha * colour. Results are RGB.
    module.imagingFunction("heatmap_overlay") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let maps = try call.heatmaps(2, for: input)
        let options = try call.options(3)
        let alpha = try options.number("alpha", in: 0...1) ?? 0.4
        let colormap = try options.colormap("cmap", default: .jet)
        let range = try options.range("range")
        try options.rejectUnknown()
        return call.push(try input.mapIndexed { n, image in
            try image.heatmapOverlay(maps[n], colormap: colormap, alpha: Float(alpha), range: range.map(floatRange))
        })
    }
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
        return try ImageTensor(tensor, .batch) { invalid(index, $0) }.images()
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
