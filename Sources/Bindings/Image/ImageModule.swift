import CheckedArithmetic
import Datasets
import Imaging
import LuaHost
import Tensors

/// Registers the `image` module.
func registerImageModule(in host: LuaHost) {
    host.register(module: "image", summary: """
        PNG files, resizing, geometry, colour conversions, grids, colormaps and heatmap overlays, on \
        tensors (as torch/image and PIL do). Images are tensors NHWC as in Keras: one image (H, W) or \
        (H, W, C), a batch (N, H, W, C), with C 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA). Values \
        are float32 in [0, 1]; uint8 tensors (0...255) are accepted everywhere and read as n / 255. \
        Functions that compute new values return float32; crop, pad, hflip, vflip and rot90 only move \
        values and keep the dtype. Positions are 1-based (row 1 is the top row), sizes are in pixels, \
        height before width. Functions that take one image or a batch return the same layout.
        """) { module in
        declareImageFiles(in: module)
        declareImageGeometry(in: module)
        declareImageColor(in: module)
        declareImageComposition(in: module)
    }
}

/// `image.load` and `image.save`.
private func declareImageFiles(in module: LuaModule) {
    module.declareRenamingErrors("load", LuaSignature(
        parameters: [LuaParameter("path", .string, "a PNG file")],
        options: [LuaOption("dtype", .choice(["float32", "uint8"]), default: .string("float32"),
                            "float32 values in [0, 1], or uint8 levels 0...255")],
        returns: "an image tensor (H, W, C)",
        summary: "Reads a PNG file (grey, grey + alpha, RGB or RGBA, 8 or 16 bits) as a tensor, as torch/image's `image.load`.",
        example: """
            image.save('dot.png', tensor.ones{4, 6, 3})
            print(image.load('dot.png'):shape(), image.load('dot.png', {dtype = 'uint8'}):dtype())
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let dtype: String = try options.value("dtype")
        try options.rejectUnknown()
        return call.push(dtype == "uint8" ? try ImageTensors.tensor(PNG.readBytes(path)) : try ImageTensors.tensor(PNG.read(path)))
    }

    module.declareRenamingErrors("save", LuaSignature(
        parameters: [LuaParameter("path", .string, "the PNG file to write (missing folders are made)"),
                     LuaParameter("image", .tensor, "(H, W) or (H, W, C), float32 or uint8")],
        summary: """
            Writes an 8-bit PNG of an image tensor, as torch/image's `image.save`: float32 values are clamped \
            to [0, 1] and rounded to 256 levels, uint8 values are written as they are.
            """,
        example: """
            image.save('gradient.png', tensor.linspace(0, 1, 64):reshape{8, 8})
            print(image.load('gradient.png'):shape())
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let picture = try call.imageTensor(2, .single)
        let bytes = picture.tensor.dtype == .uint8 ? try picture.byteImage() : try picture.image(0).toBytes()
        try PictureFile.save(bytes, to: path, for: call)
        return 0
    }
}

extension LuaCall {
    /// An image size argument: a positive whole number of pixels, within what the library accepts.
    func pixelSize(_ index: Int32) throws -> Int {
        let value = try argument(index, as: Int.self)
        guard value > 0, value <= Image.maximumPixelCount else {
            throw invalid(index, "must be a positive number of pixels (at most \(Image.maximumPixelCount)), got \(value)")
        }
        return value
    }
}

/// Throws when an image of `height` x `width` pixels would be larger than the library accepts (sizes
/// already checked to be positive and each within the limit).
func checkImageArea(height: Int, width: Int, for call: LuaCall) throws {
    guard let area = CheckedSize.product(height, width), area <= Image.maximumPixelCount else {
        throw LuaError.message("\(call.name): an image of \(width)x\(height) pixels is too large "
                               + "(at most \(Image.maximumPixelCount) pixels)")
    }
}
