/// The legend box: one row per labelled series with a small sample of how it is drawn.
struct Legend {
    enum Handle {
        case line(Color, width: Float)
        case marker(Color)
        case patch(Color)
    }

    struct Entry {
        var label: String
        var handle: Handle
    }

    let entries: [Entry]
    let textSize: Float

    static let padding: Float = 6
    static let handleLength: Float = 28
    static let handleGap: Float = 8
    static let inset: Float = 8

    private var face: FontFace { Font.face(size: textSize) }
    private var rowHeight: Float { Float(face.lineHeight) + 3 }

    var size: (width: Float, height: Float) {
        let text = entries.map { face.width(of: $0.label) }.max() ?? 0
        return (2 * Legend.padding + Legend.handleLength + Legend.handleGap + text,
                2 * Legend.padding + rowHeight * Float(entries.count) - 3)
    }

    /// The box at `location` inside `axes`. For `best`, the candidate (in matplotlib's order) that
    /// covers the fewest of `points` (pixel positions sampled along the data).
    func box(in axes: Rect, location: LegendLocation, points: [(Float, Float)]) -> Rect {
        let candidates: [LegendLocation] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight, .centerRight,
                                            .centerLeft, .lowerCenter, .upperCenter, .center]
        guard location == .best else { return place(location, in: axes) }
        var best = place(.upperRight, in: axes), fewest = Int.max
        for candidate in candidates {
            let box = place(candidate, in: axes)
            let covered = points.reduce(0) { $0 + (box.contains($1.0, $1.1) ? 1 : 0) }
            if covered < fewest {
                fewest = covered
                best = box
            }
            if covered == 0 { break }
        }
        return best
    }

    private func place(_ location: LegendLocation, in axes: Rect) -> Rect {
        let (width, height) = size
        let left = axes.x0 + Legend.inset, right = axes.x1 - Legend.inset - width
        let top = axes.y0 + Legend.inset, bottom = axes.y1 - Legend.inset - height
        let middleX = (axes.x0 + axes.x1 - width) / 2, middleY = (axes.y0 + axes.y1 - height) / 2
        let (x, y): (Float, Float)
        switch location {
        case .upperRight, .best, .none: (x, y) = (right, top)
        case .upperLeft: (x, y) = (left, top)
        case .lowerLeft: (x, y) = (left, bottom)
        case .lowerRight: (x, y) = (right, bottom)
        case .centerRight: (x, y) = (right, middleY)
        case .centerLeft: (x, y) = (left, middleY)
        case .upperCenter: (x, y) = (middleX, top)
        case .lowerCenter: (x, y) = (middleX, bottom)
        case .center: (x, y) = (middleX, middleY)
        }
        return Rect(x0: x.rounded(), y0: y.rounded(), x1: (x + width).rounded(), y1: (y + height).rounded())
    }

    func draw(on canvas: inout Canvas, box: Rect) {
        // matplotlib's look: white at 80% opacity with a light grey edge.
        canvas.fill(box, color: .white, alpha: 0.8)
        canvas.frame(box, color: Color(0.8, 0.8, 0.8))
        var mask = CoverageMask(width: canvas.width, height: canvas.height)
        for (index, entry) in entries.enumerated() {
            let centerY = box.y0 + Legend.padding + rowHeight * Float(index) + Float(face.lineHeight) / 2
            let handleX = box.x0 + Legend.padding
            switch entry.handle {
            case .line(let color, let width):
                mask.addSegment(handleX, centerY, handleX + Legend.handleLength, centerY, lineWidth: width, clip: canvas.bounds)
                mask.composite(onto: &canvas, color: color)
            case .marker(let color):
                canvas.fillCircle(x: handleX + Legend.handleLength / 2, y: centerY, radius: 3.5, color: color)
            case .patch(let color):
                canvas.fill(Rect(x0: handleX + 4, y0: centerY - 5, x1: handleX + Legend.handleLength - 4, y1: centerY + 5),
                            color: color)
            }
            canvas.text(entry.label, x: handleX + Legend.handleLength + Legend.handleGap, y: centerY,
                        size: textSize, horizontal: .left, vertical: .center)
        }
    }
}
