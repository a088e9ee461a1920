import Datasets
import Imaging
import LuaHost
import Tensors

/// Colour conversions, for one image or a batch. Images already in the layout asked for come back
/// unchanged (as a new float32 tensor), so a pipeline can convert whatever it is given.
func declareImageColor(in module: LuaModule) {
    let images = LuaParameter("images", .tensor, "one image (H, W) or (H, W, C), or a batch (N, H, W, C)")
    let grey = LuaSignature(
        parameters: [images], returns: "a float32 tensor with 1 channel (2 with alpha)",
        summary: """
            Grey levels by ITU-R 601 luma, 0.299 R + 0.587 G + 0.114 B, as PIL's `convert('L')` and \
            torch/image's `rgb2y`: (H, W, 3) gives (H, W, 1), and alpha is kept ((H, W, 4) gives (H, W, 2)).
            """,
        example: "print(image.grey(tensor{{{1, 0, 0}, {0, 1, 0}}}))")
    let greyBody: LuaFunctionBody = { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.map { $0.greyscale() })
    }
    module.declareRenamingErrors("grey", grey, greyBody)
    module.declareRenamingErrors("rgb_to_grey", grey, greyBody)

    module.declareRenamingErrors("grey_to_rgb", LuaSignature(
        parameters: [images], returns: "a float32 tensor with 3 channels (4 with alpha)",
        summary: "The grey value repeated in R, G and B (alpha kept), as PIL's `convert('RGB')`.",
        example: "print(image.grey_to_rgb(tensor{{0, 0.5}}):shape())")) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.map { try $0.converted(toChannels: $0.hasAlpha ? 4 : 3) })
    }

    module.declareRenamingErrors("rgb_to_lab", LuaSignature(
        parameters: [images], returns: "a float32 tensor with 3 channels L*, a*, b*",
        summary: """
            CIE L*a*b* (D65, sRGB), as scikit-image's `rgb2lab`: L* in [0, 100], a* and b* about -128...127, \
            for colorization experiments. Alpha is dropped; grey images count as colours with R = G = B.
            """,
        example: "print(image.rgb_to_lab(tensor{{{1, 1, 1}}}))")) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.map { $0.rgbToLab() })
    }

    module.declareRenamingErrors("lab_to_rgb", LuaSignature(
        parameters: [LuaParameter("images", .tensor, "L*, a*, b* values: (H, W, 3) or a batch (N, H, W, 3), float32")],
        returns: "a float32 RGB tensor in [0, 1]",
        summary: "CIE L*a*b* back to sRGB, as scikit-image's `lab2rgb`; colours outside the sRGB gamut are clipped.",
        example: "print(image.lab_to_rgb(tensor{{{50, 0, 0}}}))")) { call in
        let input = try call.imageTensor(1, .singleOrBatch, allowBytes: false)
        guard input.channels == 3 else {
            throw call.invalid(1, "expected 3 channels (L*, a*, b*), got shape \(input.tensor.shape)")
        }
        return call.push(try input.map { try $0.labToRGB() })
    }

    module.declareRenamingErrors("to_uint8", LuaSignature(
        parameters: [images], returns: "a uint8 tensor",
        summary: """
            Values clamped to [0, 1] and rounded to 0...255, as `image.save` writes them (torch's \
            `mul(255):byte()` with rounding); a uint8 tensor is returned as it is.
            """,
        example: "print(image.to_uint8(tensor{{0, 0.5, 1}}))")) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        if input.tensor.dtype == .uint8 { return call.push(try call.tensor(1)) }
        return call.push(try input.mapToBytes { $0.toBytes() })
    }
}
