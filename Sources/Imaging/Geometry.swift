/// Crops, padding, flips and quarter turns: operations that move pixels without changing them.
extension Image {
    /// The `width` x `height` region whose top-left pixel is at column `x`, row `y` (0-based).
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) throws -> Image {
        guard cropWidth > 0, cropHeight > 0 else {
            throw ImagingError("crop: size must be positive, got \(cropWidth)x\(cropHeight)")
        }
        guard x >= 0, y >= 0, x + cropWidth <= width, y + cropHeight <= height else {
            throw ImagingError("crop: region at (x \(x), y \(y)) of size \(cropWidth)x\(cropHeight) "
                               + "does not fit inside the \(width)x\(height) image")
        }
        return remapped(width: cropWidth, height: cropHeight) { column, row in (x + column, y + row) }
    }

    /// The image with borders of `fill` (one value for every channel, or one per channel) added.
    public func padded(top: Int, bottom: Int, left: Int, right: Int, fill: [Float] = [0]) throws -> Image {
        guard top >= 0, bottom >= 0, left >= 0, right >= 0 else {
            throw ImagingError("pad: padding must not be negative, got top \(top), bottom \(bottom), "
                               + "left \(left), right \(right)")
        }
        var result = try Image(width: width + left + right, height: height + top + bottom, channels: channels, fill: fill)
        result.paste(self, x: left, y: top)
        return result
    }

    /// Mirrored left to right.
    public func flippedHorizontally() -> Image {
        remapped(width: width, height: height) { column, row in (width - 1 - column, row) }
    }

    /// Mirrored top to bottom.
    public func flippedVertically() -> Image {
        remapped(width: width, height: height) { column, row in (column, height - 1 - row) }
    }

    /// Turned by `quarterTurns` × 90° counterclockwise (negative turns go clockwise), like NumPy's rot90.
    public func rotated90(_ quarterTurns: Int = 1) -> Image {
        switch ((quarterTurns % 4) + 4) % 4 {
        case 1: return remapped(width: height, height: width) { column, row in (width - 1 - row, column) }
        case 2: return remapped(width: width, height: height) { column, row in (width - 1 - column, height - 1 - row) }
        case 3: return remapped(width: height, height: width) { column, row in (row, height - 1 - column) }
        default: return self
        }
    }

    /// Copies `image` (same channel count) with its top-left corner at (x, y), clipped to this image.
    mutating func paste(_ image: Image, x: Int, y: Int) {
        let channels = channels
        let firstColumn = max(0, -x), lastColumn = min(image.width, width - x)
        guard firstColumn < lastColumn, image.channels == channels else { return }
        let rowValues = (lastColumn - firstColumn) * channels
        let sourceWidth = image.width, targetWidth = width
        pixels.withUnsafeMutableBufferPointer { target in
            image.pixels.withUnsafeBufferPointer { source in
                for row in max(0, -y)..<min(image.height, height - y) {
                    let from = source.baseAddress! + (row * sourceWidth + firstColumn) * channels
                    let to = target.baseAddress! + ((y + row) * targetWidth + x + firstColumn) * channels
                    to.update(from: from, count: rowValues)
                }
            }
        }
    }

    /// A new image whose pixel (column, row) is this image's pixel at `source(column, row)`.
    /// Each call site maps inside the image by construction.
    private func remapped(width newWidth: Int, height newHeight: Int,
                          _ source: (Int, Int) -> (Int, Int)) -> Image {
        let channels = channels, oldWidth = width
        let result = pixels.withUnsafeBufferPointer { input in
            [Float](unsafeUninitializedCapacity: newWidth * newHeight * channels) { output, count in
                for row in 0..<newHeight {
                    for column in 0..<newWidth {
                        let (x, y) = source(column, row)
                        let from = (y * oldWidth + x) * channels, to = (row * newWidth + column) * channels
                        for c in 0..<channels { output[to + c] = input[from + c] }
                    }
                }
                count = newWidth * newHeight * channels
            }
        }
        return Image(uncheckedWidth: newWidth, height: newHeight, channels: channels, pixels: result)
    }
}
