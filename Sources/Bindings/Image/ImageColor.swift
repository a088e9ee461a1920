import Imaging
import LuaHost
import Tensors

/// Colour conversions, for one image or a batch. Images already in the layout asked for come back
/// unchanged (as a new float32 tensor), so a pipeline can convert whatever it is given.
func declareImageColor(in module: LuaModule) {
    // image.grey(t) / image.rgb_to_grey(t): ITU-R 601 luma, 0.299 R + 0.587 G + 0.114 B, as PIL's
    // convert('L'); (H, W, 3) gives (H, W, 1), and alpha is kept ((H, W, 4) gives (H, W, 2)).
    let grey: LuaFunctionBody = { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.map { $0.greyscale() })
    }
    module.imagingFunction("grey", grey)
    module.imagingFunction("rgb_to_grey", grey)

    // image.grey_to_rgb(t): the grey value repeated in R, G and B (alpha kept).
    module.imagingFunction("grey_to_rgb") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.map { try $0.converted(toChannels: $0.hasAlpha ? 4 : 3) })
    }

    // image.rgb_to_lab(t): CIE L*a*b* (D65, sRGB): L* in [0, 100], a* and b* about -128...127, for
    // colorization experiments. Alpha is dropped; grey images count as colours with R = G = B.
    module.imagingFunction("rgb_to_lab") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.map { $0.rgbToLab() })
    }

    // image.lab_to_rgb(t): three channels L*, a*, b* back to sRGB in [0, 1] (colours outside the sRGB
    // gamut are clipped).
    module.imagingFunction("lab_to_rgb") { call in
        let input = try call.imageTensor(1, .singleOrBatch, allowBytes: false)
        guard input.channels == 3 else {
            throw call.invalid(1, "expected 3 channels (L*, a*, b*), got shape \(input.tensor.shape)")
        }
        return call.push(try input.map { try $0.labToRGB() })
    }

    // image.to_uint8(t): values clamped to [0, 1] and rounded to 0...255, as image.save writes them;
    // a uint8 tensor is returned as it is.
    module.imagingFunction("to_uint8") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        if input.tensor.dtype == .uint8 { return call.push(try call.tensor(1)) }
        return call.push(try input.mapToBytes { $0.toBytes() })
    }
}
