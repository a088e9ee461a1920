/// Per-pixel coverage of one stroked polyline, accumulated with `max` so that the overlapping ends
/// of consecutive segments do not darken the joints, then blended onto the canvas in one pass.
/// Reused between series: only the touched region is cleared.
struct CoverageMask {
    let width: Int
    let height: Int
    private var coverage: [Float]
    private var dirty: (x0: Int, y0: Int, x1: Int, y1: Int)

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        coverage = [Float](repeating: 0, count: width * height)
        dirty = (width, height, 0, 0)
    }

    /// Adds a segment stroked `lineWidth` pixels wide with round ends. Coverage of a pixel is the
    /// clamped signed distance from its centre to the stroke's edge; lines thinner than a pixel
    /// are drawn one pixel wide at proportionally lower coverage.
    mutating func addSegment(_ ax: Float, _ ay: Float, _ bx: Float, _ by: Float, lineWidth: Float, clip: Rect) {
        let radius = max(lineWidth, 1) / 2, strength = min(lineWidth, 1)
        let reach = radius + 1
        let rowStart = max(Int((min(ay, by) - reach).rounded(.down)), Int(clip.y0), 0)
        let rowEnd = min(Int((max(ay, by) + reach).rounded(.up)), Int(clip.y1.rounded(.up)), height)
        guard rowStart < rowEnd else { return }
        let columnLimit = (max(Int(clip.x0), 0), min(Int(clip.x1.rounded(.up)), width))
        let dx = bx - ax, dy = by - ay
        let lengthSquared = dx * dx + dy * dy
        let inverseLength = lengthSquared > 0 ? 1 / lengthSquared : 0
        let width = width
        var touched = dirty
        coverage.withUnsafeMutableBufferPointer { buffer in
            for row in rowStart..<rowEnd {
                let centerY = Float(row) + 0.5
                // The part of the segment within `reach` of this row, widened by `reach`.
                var low = min(ax, bx), high = max(ax, bx)
                if abs(dy) > 1e-6 {
                    let t0 = min(max((centerY - reach - ay) / dy, 0), 1), t1 = min(max((centerY + reach - ay) / dy, 0), 1)
                    low = min(ax + t0 * dx, ax + t1 * dx)
                    high = max(ax + t0 * dx, ax + t1 * dx)
                }
                let columnStart = max(Int((low - reach).rounded(.down)), columnLimit.0)
                let columnEnd = min(Int((high + reach).rounded(.up)), columnLimit.1)
                guard columnStart < columnEnd else { continue }
                touched = (min(touched.x0, columnStart), min(touched.y0, row), max(touched.x1, columnEnd), max(touched.y1, row + 1))
                let py = centerY - ay
                for column in columnStart..<columnEnd {
                    let px = Float(column) + 0.5 - ax
                    let t = min(max((px * dx + py * dy) * inverseLength, 0), 1)
                    let ex = px - t * dx, ey = py - t * dy
                    let value = min(max(radius + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1) * strength
                    let index = row * width + column
                    if value > buffer[index] { buffer[index] = value }
                }
            }
        }
        dirty = touched
    }

    /// Blends `color` by the accumulated coverage × alpha and clears the mask for the next stroke.
    mutating func composite(onto canvas: inout Canvas, color: Color, alpha: Float = 1) {
        guard dirty.x0 < dirty.x1, dirty.y0 < dirty.y1 else { return }
        let width = width, region = dirty
        coverage.withUnsafeMutableBufferPointer { mask in
            canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                for row in region.y0..<region.y1 {
                    for column in region.x0..<region.x1 {
                        let index = row * width + column
                        let value = mask[index]
                        if value > 0 {
                            Canvas.blend(pixels, index * 3, color, value * alpha)
                            mask[index] = 0
                        }
                    }
                }
            }
        }
        dirty = (width, height, 0, 0)
    }
}
