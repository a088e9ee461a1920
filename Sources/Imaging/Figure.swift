/// Several panels in a grid (matplotlib's subplots): charts, or images shown whole with a title.
///
///     var figure = Figure(rows: 1, columns: 2, title: "Autoencoder")
///     try figure.add(lossChart)
///     try figure.add(image: reconstructions, title: "reconstructions")
///     try figure.save("out/summary.png")
public struct Figure {
    public enum Panel {
        case chart(Chart)
        case image(Image, title: String?)
    }

    public let rows: Int
    public let columns: Int
    /// Size in pixels; by default a chart's size for one panel, growing with more panels.
    public var width: Int
    public var height: Int
    public var title: String?
    public private(set) var panels: [Panel] = []

    public init(rows: Int, columns: Int, width: Int? = nil, height: Int? = nil, title: String? = nil) throws {
        guard ChartStyle.panels.contains(rows), ChartStyle.panels.contains(columns) else {
            throw ImagingError("figure: rows and columns must be between \(ChartStyle.panels.lowerBound) and "
                               + "\(ChartStyle.panels.upperBound), got \(rows) rows and \(columns) columns")
        }
        self.rows = rows
        self.columns = columns
        self.width = width ?? (columns == 1 ? ChartStyle.width : ChartStyle.figureColumnWidth * columns)
        self.height = height ?? (rows == 1 ? ChartStyle.height : ChartStyle.figureRowHeight * rows)
        self.title = title
    }

    /// Adds a chart in the next free panel (row by row).
    public mutating func add(_ chart: Chart) throws {
        try checkRoom()
        panels.append(.chart(chart))
    }

    /// Adds an image, scaled to fit its panel with its proportions kept.
    public mutating func add(image: Image, title: String? = nil) throws {
        try checkRoom()
        panels.append(.image(image, title: title))
    }

    private func checkRoom() throws {
        guard panels.count < rows * columns else {
            throw ImagingError("figure: all \(rows * columns) panels (\(rows)x\(columns)) are already used")
        }
    }

    public func render() throws -> Image {
        guard ChartStyle.figureSizes.contains(width), ChartStyle.figureSizes.contains(height) else {
            throw ImagingError("figure: width and height must be between \(ChartStyle.figureSizes.lowerBound) and "
                               + "\(ChartStyle.figureSizes.upperBound) pixels, got \(width)x\(height)")
        }
        var canvas = Canvas(width: width, height: height)
        var top: Float = 0
        if let title {
            canvas.text(title, x: Float(width) / 2, y: 8, size: 17, horizontal: .center, vertical: .top)
            top = Float(Font.face(size: 17).lineHeight) + 12
        }
        let cellWidth = Float(width) / Float(columns), cellHeight = (Float(height) - top) / Float(rows)
        guard cellWidth >= 100, cellHeight >= 100 else {
            throw ImagingError("figure: \(width)x\(height) pixels leaves panels smaller than 100x100 for "
                               + "\(rows)x\(columns) panels; make the figure larger")
        }
        for (index, panel) in panels.enumerated() {
            let x0 = Float(index % columns) * cellWidth, y0 = top + Float(index / columns) * cellHeight
            let area = Rect(x0: x0.rounded(), y0: y0.rounded(), x1: (x0 + cellWidth).rounded(), y1: (y0 + cellHeight).rounded())
            switch panel {
            case .chart(let chart):
                try ChartRenderer(chart: chart).draw(on: &canvas, in: area)
            case .image(let image, let title):
                try draw(image, title: title, on: &canvas, in: area)
            }
        }
        return canvas.image
    }

    public func save(_ path: String) throws {
        try PNG.write(render(), to: path)
    }

    private func draw(_ image: Image, title: String?, on canvas: inout Canvas, in area: Rect) throws {
        let titleHeight: Float = title == nil ? 0 : Float(Font.face(size: 14).lineHeight) + 8
        let room = (width: area.width - 16, height: area.height - 16 - titleHeight)
        let scale = min(room.width / Float(image.width), room.height / Float(image.height))
        let shownWidth = max(1, Int(Float(image.width) * scale)), shownHeight = max(1, Int(Float(image.height) * scale))
        // Enlarging by nearest neighbour keeps small images (MNIST digits) sharp, as imshow shows them.
        let shown = try image.clamped().resized(width: shownWidth, height: shownHeight, method: scale > 1 ? .nearest : .area)
        let x = Int((area.x0 + (area.width - Float(shownWidth)) / 2).rounded())
        let y = Int((area.y0 + 8 + titleHeight + (room.height - Float(shownHeight)) / 2).rounded())
        canvas.draw(shown, x: x, y: y)
        if let title {
            canvas.text(title, x: (area.x0 + area.x1) / 2, y: Float(y) - 6, size: 14, horizontal: .center, vertical: .bottom)
        }
    }
}
