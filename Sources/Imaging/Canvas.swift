/// A rectangle in pixel coordinates (x right, y down; pixel (i, j) covers [i, i+1) x [j, j+1)).
struct Rect: Equatable {
    var x0: Float, y0: Float, x1: Float, y1: Float

    var width: Float { x1 - x0 }
    var height: Float { y1 - y0 }

    func contains(_ x: Float, _ y: Float) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }

    func intersects(_ other: Rect) -> Bool {
        x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
    }

    func inset(by amount: Float) -> Rect { Rect(x0: x0 + amount, y0: y0 + amount, x1: x1 - amount, y1: y1 - amount) }
}

enum HorizontalAlignment { case left, center, right }
enum VerticalAlignment { case top, center, baseline, bottom }

/// An RGB drawing surface with anti-aliased primitives; everything the charts and grids draw goes
/// through it. Colours are blended by coverage × alpha.
struct Canvas {
    let width: Int
    let height: Int
    var pixels: [Float]

    init(width: Int, height: Int, background: Color = .white) {
        self.width = width
        self.height = height
        pixels = [Float](unsafeUninitializedCapacity: width * height * 3) { buffer, count in
            for index in 0..<width * height {
                buffer[3 * index] = background.r
                buffer[3 * index + 1] = background.g
                buffer[3 * index + 2] = background.b
            }
            count = width * height * 3
        }
    }

    var bounds: Rect { Rect(x0: 0, y0: 0, x1: Float(width), y1: Float(height)) }

    var image: Image { Image(uncheckedWidth: width, height: height, channels: 3, pixels: pixels) }

    /// Blends `color` into pixel (x, y) with weight `amount` in [0, 1]; the caller keeps (x, y) inside.
    @inline(__always)
    static func blend(_ buffer: UnsafeMutableBufferPointer<Float>, _ index: Int, _ color: Color, _ amount: Float) {
        let keep = 1 - amount
        buffer[index] = buffer[index] * keep + color.r * amount
        buffer[index + 1] = buffer[index + 1] * keep + color.g * amount
        buffer[index + 2] = buffer[index + 2] * keep + color.b * amount
    }

    /// Fills a rectangle; edges that fall inside a pixel are blended by the covered fraction.
    mutating func fill(_ rect: Rect, color: Color, alpha: Float = 1, clip: Rect? = nil) {
        var area = rect
        if let clip {
            area = Rect(x0: max(rect.x0, clip.x0), y0: max(rect.y0, clip.y0),
                        x1: min(rect.x1, clip.x1), y1: min(rect.y1, clip.y1))
        }
        area = Rect(x0: max(area.x0, 0), y0: max(area.y0, 0), x1: min(area.x1, Float(width)), y1: min(area.y1, Float(height)))
        guard area.x1 > area.x0, area.y1 > area.y0 else { return }
        let firstColumn = Int(area.x0), lastColumn = min(Int(area.x1.rounded(.up)), width)
        let firstRow = Int(area.y0), lastRow = min(Int(area.y1.rounded(.up)), height)
        let width = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in firstRow..<lastRow {
                let coverY = min(area.y1, Float(row + 1)) - max(area.y0, Float(row))
                for column in firstColumn..<lastColumn {
                    let coverX = min(area.x1, Float(column + 1)) - max(area.x0, Float(column))
                    Canvas.blend(buffer, (row * width + column) * 3, color, coverX * coverY * alpha)
                }
            }
        }
    }

    /// A one-pixel-wide line snapped to the pixel grid: axes, ticks and frames stay crisp.
    mutating func horizontalLine(y: Float, from x0: Float, to x1: Float, thickness: Float = 1, color: Color) {
        let top = (y - thickness / 2).rounded()
        fill(Rect(x0: x0.rounded(), y0: top, x1: x1.rounded(), y1: top + thickness.rounded()), color: color)
    }

    mutating func verticalLine(x: Float, from y0: Float, to y1: Float, thickness: Float = 1, color: Color) {
        let left = (x - thickness / 2).rounded()
        fill(Rect(x0: left, y0: y0.rounded(), x1: left + thickness.rounded(), y1: y1.rounded()), color: color)
    }

    /// The outline of a rectangle, `thickness` pixels wide, inside the rectangle.
    mutating func frame(_ rect: Rect, thickness: Float = 1, color: Color) {
        let r = Rect(x0: rect.x0.rounded(), y0: rect.y0.rounded(), x1: rect.x1.rounded(), y1: rect.y1.rounded())
        fill(Rect(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y0 + thickness), color: color)
        fill(Rect(x0: r.x0, y0: r.y1 - thickness, x1: r.x1, y1: r.y1), color: color)
        fill(Rect(x0: r.x0, y0: r.y0 + thickness, x1: r.x0 + thickness, y1: r.y1 - thickness), color: color)
        fill(Rect(x0: r.x1 - thickness, y0: r.y0 + thickness, x1: r.x1, y1: r.y1 - thickness), color: color)
    }

    /// A filled disc with an anti-aliased edge (coverage from the signed distance to the circle).
    mutating func fillCircle(x: Float, y: Float, radius: Float, color: Color, alpha: Float = 1, clip: Rect? = nil) {
        let limit = clip ?? bounds
        let firstColumn = max(Int((x - radius - 1).rounded(.down)), Int(limit.x0.rounded(.down)), 0)
        let lastColumn = min(Int((x + radius + 1).rounded(.up)), Int(limit.x1.rounded(.up)), width)
        let firstRow = max(Int((y - radius - 1).rounded(.down)), Int(limit.y0.rounded(.down)), 0)
        let lastRow = min(Int((y + radius + 1).rounded(.up)), Int(limit.y1.rounded(.up)), height)
        guard firstColumn < lastColumn, firstRow < lastRow else { return }
        let width = width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in firstRow..<lastRow {
                let dy = Float(row) + 0.5 - y
                for column in firstColumn..<lastColumn {
                    let dx = Float(column) + 0.5 - x
                    let coverage = min(max(radius + 0.5 - (dx * dx + dy * dy).squareRoot(), 0), 1)
                    if coverage > 0 { Canvas.blend(buffer, (row * width + column) * 3, color, coverage * alpha) }
                }
            }
        }
    }

    /// Draws one line of text. (x, y) is the anchor point chosen by the alignments; `rotated`
    /// turns the text 90° counterclockwise (reading bottom to top, for y-axis labels), with the
    /// alignments applied to the turned box.
    @discardableResult
    mutating func text(_ text: String, x: Float, y: Float, size: Float, color: Color = .black,
                       horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
                       rotated: Bool = false) -> Rect {
        let mask = TextMask(text, face: Font.face(size: size))
        let boxWidth = Float(rotated ? mask.height : mask.width), boxHeight = Float(rotated ? mask.width : mask.height)
        var left: Float
        switch horizontal {
        case .left: left = x
        case .center: left = x - boxWidth / 2
        case .right: left = x - boxWidth
        }
        var top: Float
        switch vertical {
        case .top: top = y
        case .center: top = y - boxHeight / 2
        case .bottom: top = y - boxHeight
        // A turned line has no horizontal baseline; its box bottom stands in for it.
        case .baseline: top = rotated ? y - boxHeight : y - Float(mask.ascent)
        }
        let originX = Int(left.rounded()), originY = Int(top.rounded())
        let width = width, height = height
        pixels.withUnsafeMutableBufferPointer { buffer in
            mask.coverage.withUnsafeBufferPointer { coverage in
                for row in 0..<mask.height {
                    for column in 0..<mask.width {
                        let amount = coverage[row * mask.width + column]
                        if amount == 0 { continue }
                        // Turning counterclockwise: the mask's column runs up, its row runs right.
                        let targetX = rotated ? originX + row : originX + column
                        let targetY = rotated ? originY + mask.width - 1 - column : originY + row
                        guard targetX >= 0, targetX < width, targetY >= 0, targetY < height else { continue }
                        Canvas.blend(buffer, (targetY * width + targetX) * 3, color, amount)
                    }
                }
            }
        }
        return Rect(x0: Float(originX), y0: Float(originY), x1: Float(originX) + boxWidth, y1: Float(originY) + boxHeight)
    }

    /// Copies an image (grey or RGB; alpha blends over the canvas) with its top-left at (x, y).
    mutating func draw(_ image: Image, x: Int, y: Int) {
        let width = width, height = height, channels = image.channels, color = channels >= 3
        let alphaIndex = image.hasAlpha ? channels - 1 : -1
        pixels.withUnsafeMutableBufferPointer { buffer in
            image.pixels.withUnsafeBufferPointer { source in
                for row in 0..<image.height where (0..<height).contains(y + row) {
                    for column in 0..<image.width where (0..<width).contains(x + column) {
                        let from = (row * image.width + column) * channels
                        let value = Color(source[from], source[from + (color ? 1 : 0)], source[from + (color ? 2 : 0)])
                        let alpha = alphaIndex >= 0 ? min(max(source[from + alphaIndex], 0), 1) : 1
                        Canvas.blend(buffer, ((y + row) * width + x + column) * 3, value, alpha)
                    }
                }
            }
        }
    }
}
