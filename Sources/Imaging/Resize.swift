/// How `resized` computes each output pixel.
public enum ResizeMethod: String, Sendable, CaseIterable {
    /// The source pixel under the output pixel's centre: blocky, keeps exact values (labels, masks).
    case nearest
    /// Linear interpolation between the 2x2 nearest source pixels (pixel centres aligned, as
    /// PyTorch's `align_corners=False`). Smooth for enlarging; aliases when shrinking a lot.
    case bilinear
    /// Average of the source area an output pixel covers, with fractional weights at its edges
    /// (OpenCV's INTER_AREA, PIL's box filter): the right choice for shrinking.
    case area
    /// `area` when the image shrinks along both axes, `bilinear` otherwise.
    case auto
}

extension Image {
    /// The image resampled to `width` x `height` pixels.
    public func resized(width newWidth: Int, height newHeight: Int, method: ResizeMethod = PictureStyle.resizeMethod) throws -> Image {
        try Image.validate(width: newWidth, height: newHeight, channels: channels, operation: "resize")
        var method = method
        if method == .auto { method = newWidth <= width && newHeight <= height ? .area : .bilinear }
        if newWidth == width && newHeight == height { return self }
        let horizontal = ResampleTaps(method: method, source: width, target: newWidth)
        let vertical = ResampleTaps(method: method, source: height, target: newHeight)
        // Horizontal pass over every source row, then the vertical pass over the narrower rows.
        var rows = [Float](repeating: 0, count: height * newWidth * channels)
        var result = [Float](repeating: 0, count: newHeight * newWidth * channels)
        let channels = channels
        pixels.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { rows in
                horizontal.resampleRows(source, into: rows, rowCount: height, channels: channels)
                result.withUnsafeMutableBufferPointer { target in
                    vertical.resampleColumns(UnsafeBufferPointer(rows), into: target,
                                             rowLength: newWidth * channels)
                }
            }
        }
        return Image(uncheckedWidth: newWidth, height: newHeight, channels: channels, pixels: result)
    }
}

/// For each output index along one axis: the first source index and the weights of the source
/// indices that contribute to it. Every method is separable, so one such table per axis resamples
/// an image in two passes.
struct ResampleTaps {
    let target: Int
    /// Taps per output index (the table is padded with zero weights to this many).
    let stride: Int
    var starts: [Int]
    var weights: [Float]

    init(method: ResizeMethod, source: Int, target: Int) {
        self.target = target
        let scale = Double(source) / Double(target)
        switch method {
        case .nearest:
            stride = 1
            starts = (0..<target).map { min(source - 1, Int((Double($0) + 0.5) * scale)) }
            weights = [Float](repeating: 1, count: target)
        case .bilinear, .auto:
            stride = 2
            starts = []
            weights = []
            for index in 0..<target {
                let position = min(max((Double(index) + 0.5) * scale - 0.5, 0), Double(source - 1))
                let first = min(Int(position), max(source - 2, 0))
                let fraction = Float(position - Double(first))
                starts.append(first)
                weights += source == 1 ? [1, 0] : [1 - fraction, fraction]
            }
        case .area:
            stride = Int(scale.rounded(.up)) + 1
            starts = []
            weights = []
            for index in 0..<target {
                let low = Double(index) * scale, high = Double(index + 1) * scale
                let first = min(Int(low), source - 1)
                starts.append(first)
                var taps = [Float](repeating: 0, count: stride)
                for tap in 0..<stride where first + tap < source {
                    let overlap = min(high, Double(first + tap + 1)) - max(low, Double(first + tap))
                    if overlap > 0 { taps[tap] = Float(overlap / scale) }
                }
                weights += taps
            }
        }
    }

    /// Resamples along x: `source` holds `rowCount` rows of pixels with `channels` components.
    func resampleRows(_ source: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
                      rowCount: Int, channels: Int) {
        let sourceRow = source.count / rowCount, targetRow = target * channels
        starts.withUnsafeBufferPointer { starts in
            weights.withUnsafeBufferPointer { weights in
                for row in 0..<rowCount {
                    let input = source.baseAddress! + row * sourceRow
                    let out = output.baseAddress! + row * targetRow
                    for index in 0..<target {
                        let tapWeights = weights.baseAddress! + index * stride
                        let first = input + starts[index] * channels
                        let limit = min(stride, sourceRow / channels - starts[index])
                        for c in 0..<channels {
                            var sum: Float = 0
                            for tap in 0..<limit { sum += first[tap * channels + c] * tapWeights[tap] }
                            out[index * channels + c] = sum
                        }
                    }
                }
            }
        }
    }

    /// Resamples along y: whole rows of `rowLength` values are scaled and added.
    func resampleColumns(_ source: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
                         rowLength: Int) {
        let sourceRows = source.count / rowLength
        starts.withUnsafeBufferPointer { starts in
            weights.withUnsafeBufferPointer { weights in
                for index in 0..<target {
                    let out = output.baseAddress! + index * rowLength
                    for tap in 0..<min(stride, sourceRows - starts[index]) {
                        let weight = weights[index * stride + tap]
                        if weight == 0 { continue }
                        let input = source.baseAddress! + (starts[index] + tap) * rowLength
                        for position in 0..<rowLength { out[position] += input[position] * weight }
                    }
                }
            }
        }
    }
}
