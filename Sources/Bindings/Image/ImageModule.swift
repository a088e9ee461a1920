import CheckedArithmetic
import Imaging
import LuaHost
import Tensors

// The Lua module `image`: PNG files, resizing, geometry, colour conversions, grids, colormaps and
// heatmap overlays, on tensors.
//
// Conventions:
// - Images are tensors NHWC as in Keras: one image (H, W) or (H, W, C), a batch (N, H, W, C), with C
//   1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA).
// - Values are float32 in [0, 1]; uint8 tensors (0...255) are accepted everywhere and read as n / 255.
//   Functions that compute new values return float32; crop, pad, hflip, vflip and rot90 only move
//   values and keep the dtype. `image.load(path, {dtype = 'uint8'})` and `image.to_uint8` give bytes.
// - Positions are 1-based (row 1 is the top row), sizes are in pixels, height before width.
// - Functions that take one image or a batch return the same layout: a batch stays a batch, and grey
//   results of an (H, W) image stay (H, W).

/// Registers the `image` module.
func registerImageModule(in host: LuaHost) {
    host.register(module: "image") { module in
        declareImageFiles(in: module)
        declareImageGeometry(in: module)
        declareImageColor(in: module)
        declareImageComposition(in: module)
    }
}

/// `image.load` and `image.save`.
private func declareImageFiles(in module: LuaModule) {
    // image.load(path, {dtype = 'float32'}) -> (H, W, C) tensor: float32 in [0, 1], or uint8 0...255.
    module.imagingFunction("load") { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let dtype = try options.choice("dtype", among: ["float32", "uint8"], default: "float32")
        try options.rejectUnknown()
        return call.push(dtype == "uint8" ? try Tensor.holding(PNG.readBytes(path)) : try Tensor.holding(PNG.read(path)))
    }

    // image.save(path, t): an 8-bit PNG of an (H, W) or (H, W, C) tensor; float32 values are clamped
    // to [0, 1] and rounded to 256 levels, uint8 values are written as they are. Missing folders are made.
    module.imagingFunction("save") { call in
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
