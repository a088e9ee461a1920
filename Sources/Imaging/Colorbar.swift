/// The colour scale beside a chart: a vertical strip of the colormap from `low` (bottom) to
/// `high` (top), with ticks and labels on its right.
struct Colorbar {
    static let stripWidth: Float = 16
    static let gap: Float = 14

    let spec: ColorbarSpec
    let textSize: Float

    private var ticks: (values: [Tick], range: (Double, Double)) {
        var low = spec.low, high = spec.high
        if high <= low { low -= 0.5; high += 0.5 }
        return (Ticks.linear(low: low, high: high, maxIntervals: 6), (low, high))
    }

    /// Horizontal room it needs beside the axes, label included.
    var width: Float {
        let face = Font.face(size: textSize)
        let labels = ticks.values.compactMap { $0.label }.map { face.width(of: $0.text) }.max() ?? 0
        return Colorbar.gap + Colorbar.stripWidth + 4 + 3 + labels + (spec.label == nil ? 0 : Float(face.lineHeight) + 6)
    }

    /// Draws the strip with its left edge at `x`, from `top` to `bottom`.
    func draw(on canvas: inout Canvas, x: Float, top: Float, bottom: Float) {
        let left = (x + Colorbar.gap).rounded(), right = left + Colorbar.stripWidth
        let topRow = Int(top.rounded()), bottomRow = Int(bottom.rounded())
        guard bottomRow > topRow else { return }
        for row in topRow..<bottomRow {
            let t = (Float(bottomRow - row) - 0.5) / Float(bottomRow - topRow)
            canvas.fill(Rect(x0: left, y0: Float(row), x1: right, y1: Float(row + 1)), color: spec.colormap.color(t))
        }
        canvas.frame(Rect(x0: left, y0: Float(topRow), x1: right, y1: Float(bottomRow)), color: .black)
        let (values, range) = ticks
        var labelRight = right
        for tick in values {
            let fraction = Float((tick.value - range.0) / (range.1 - range.0))
            let y = Float(bottomRow) - fraction * Float(bottomRow - topRow)
            canvas.horizontalLine(y: y, from: right, to: right + 4, color: .black)
            if let label = tick.label {
                let box = canvas.text(label.text, x: right + 7, y: y, size: textSize, horizontal: .left, vertical: .center)
                labelRight = max(labelRight, box.x1)
            }
        }
        if let label = spec.label {
            canvas.text(label, x: labelRight + 6, y: (top + bottom) / 2, size: textSize,
                        horizontal: .left, vertical: .center, rotated: true)
        }
    }
}

extension Colormap {
    /// A stand-alone colour scale: a vertical strip from `low` (bottom) to `high` (top) with tick
    /// labels, `height` pixels tall, as an RGB image (for placing next to heatmaps in a grid).
    public func colorbar(low: Double, high: Double, height: Int = PictureStyle.colorbarHeight, label: String? = nil) throws -> Image {
        guard low.isFinite, high.isFinite, low <= high else {
            throw ImagingError("colorbar: range must be finite and increasing, got \(low)...\(high)")
        }
        guard PictureStyle.colorbarHeights.contains(height) else {
            throw ImagingError("colorbar: height must be between \(PictureStyle.colorbarHeights.lowerBound) and "
                               + "\(PictureStyle.colorbarHeights.upperBound) pixels, got \(height)")
        }
        let bar = Colorbar(spec: ColorbarSpec(colormap: self, low: low, high: high, label: label), textSize: 12)
        let width = Int((bar.width - Colorbar.gap).rounded(.up)) + 8
        var canvas = Canvas(width: width, height: height)
        bar.draw(on: &canvas, x: 4 - Colorbar.gap, top: 8, bottom: Float(height - 8))
        return canvas.image
    }
}
