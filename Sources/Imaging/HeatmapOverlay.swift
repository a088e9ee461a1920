extension Image {
    /// A heatmap laid over the image in one call (Grad-CAM style): `map` (any size, e.g. 7x7) is
    /// upsampled bilinearly to the image size, scaled to [0, 1] (from `range`, default its own
    /// smallest to largest value), coloured with `colormap` and blended in with weight `alpha`:
    /// result = (1 − alpha) · image + alpha · colour. Grey images become RGB; alpha is dropped.
    public func heatmapOverlay(_ map: ScalarMap, colormap: Colormap = PictureStyle.overlayColormap, alpha: Float = PictureStyle.overlayAlpha,
                               range: ClosedRange<Float>? = nil) throws -> Image {
        guard PictureStyle.overlayAlphas.contains(alpha) else {
            throw ImagingError("heatmap_overlay: alpha must be between 0 and 1, got \(alpha)")
        }
        // Normalize on the map itself: upsampling never leaves its range, and a flat map stays flat.
        let scale = try Colormap.normalization(for: map, range: range, operation: "heatmap_overlay")
        let upsampled = try map.resized(rows: height, columns: width, method: .bilinear)
        var result = try converted(toChannels: 3)
        let table = colormap.table, keep = 1 - alpha
        result.pixels.withUnsafeMutableBufferPointer { pixels in
            upsampled.values.withUnsafeBufferPointer { values in
                for index in 0..<values.count {
                    let color = table[Colormap.entry((values[index] - scale.offset) * scale.factor)]
                    pixels[3 * index] = keep * pixels[3 * index] + alpha * color.r
                    pixels[3 * index + 1] = keep * pixels[3 * index + 1] + alpha * color.g
                    pixels[3 * index + 2] = keep * pixels[3 * index + 2] + alpha * color.b
                }
            }
        }
        return result
    }
}
