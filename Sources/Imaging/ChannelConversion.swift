/// Changing the channel layout (grey ↔ RGB, adding or dropping alpha) and the L*a*b* colour space.
extension Image {
    /// ITU-R 601 luma weights, as PIL's convert("L") uses.
    static let lumaWeights: (r: Float, g: Float, b: Float) = (0.299, 0.587, 0.114)

    /// The image with `newChannels` channels: colour → grey by ITU-R 601 luma (0.299 R + 0.587 G +
    /// 0.114 B), grey → colour by repeating the value, alpha dropped or added as opaque (1).
    public func converted(toChannels newChannels: Int) throws -> Image {
        guard (1...4).contains(newChannels) else {
            throw ImagingError("convert: channels must be 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA), got \(newChannels)")
        }
        if newChannels == channels { return self }
        let channels = channels, count = width * height
        let sourceColor = channels >= 3, targetColor = newChannels >= 3
        let sourceAlpha = channels == 2 || channels == 4, targetAlpha = newChannels == 2 || newChannels == 4
        let weights = Image.lumaWeights
        let result = pixels.withUnsafeBufferPointer { input in
            [Float](unsafeUninitializedCapacity: count * newChannels) { output, written in
                for index in 0..<count {
                    let from = index * channels, to = index * newChannels
                    if targetColor {
                        for c in 0..<3 { output[to + c] = input[from + (sourceColor ? c : 0)] }
                    } else {
                        output[to] = sourceColor
                            ? weights.r * input[from] + weights.g * input[from + 1] + weights.b * input[from + 2]
                            : input[from]
                    }
                    if targetAlpha { output[to + newChannels - 1] = sourceAlpha ? input[from + channels - 1] : 1 }
                }
                written = count * newChannels
            }
        }
        return Image(uncheckedWidth: width, height: height, channels: newChannels, pixels: result)
    }

    /// Grey (1 channel, or 2 keeping alpha) by ITU-R 601 luma; grey images are returned unchanged.
    public func greyscale() -> Image {
        // The target layout is always valid, so the conversion cannot fail.
        (try? converted(toChannels: hasAlpha ? 2 : 1)) ?? self
    }

    /// RGB (3 channels; alpha is dropped, grey repeated) → 3 channels L* in [0, 100], a*, b* (about
    /// -128...127), CIE L*a*b* under D65 with sRGB companding.
    public func rgbToLab() -> Image {
        var result = (try? converted(toChannels: 3)) ?? self
        result.pixels.withUnsafeMutableBufferPointer { values in
            for index in stride(from: 0, to: values.count, by: 3) {
                let lab = ColorSpace.rgbToLab(values[index], values[index + 1], values[index + 2])
                values[index] = lab.l
                values[index + 1] = lab.a
                values[index + 2] = lab.b
            }
        }
        return result
    }

    /// 3 channels L*, a*, b* → sRGB in [0, 1] (colours outside the sRGB gamut are clipped).
    public func labToRGB() throws -> Image {
        guard channels == 3 else {
            throw ImagingError("lab_to_rgb: expected 3 channels (L*, a*, b*), got \(channels)")
        }
        var result = self
        result.pixels.withUnsafeMutableBufferPointer { values in
            for index in stride(from: 0, to: values.count, by: 3) {
                let rgb = ColorSpace.labToRGB(values[index], values[index + 1], values[index + 2])
                values[index] = rgb.r
                values[index + 1] = rgb.g
                values[index + 2] = rgb.b
            }
        }
        return result
    }
}
