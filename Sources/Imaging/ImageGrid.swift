extension Image {
    /// A montage of `images` in a grid: `columns` per row (default: ceil(√n), near-square), `padding`
    /// pixels between and around cells, an optional title above each cell (e.g. "Label: 5"), on a
    /// `background` grey level. Images of different sizes are centred in equal cells. The result is
    /// grey when every image is grey, RGB otherwise; alpha is blended over the background. `scale`
    /// enlarges every image by an integer factor (nearest neighbour, so pixels stay sharp); by
    /// default images smaller than 64 pixels are enlarged when titles are given, to make room for them.
    public static func grid(_ images: [Image], columns: Int? = nil, padding: Int = PictureStyle.gridPadding, titles: [String]? = nil,
                            background: Float = PictureStyle.gridBackground, scale: Int? = nil, titleSize: Float = 12) throws -> Image {
        guard !images.isEmpty else { throw ImagingError("grid: no images given") }
        let columns = columns ?? Int(Double(images.count).squareRoot().rounded(.up))
        let (columnRange, paddings) = (PictureStyle.gridColumns, PictureStyle.gridPaddings)
        guard columnRange.contains(columns) else {
            throw ImagingError("grid: columns must be between \(columnRange.lowerBound) and \(columnRange.upperBound), got \(columns)")
        }
        guard paddings.contains(padding) else {
            throw ImagingError("grid: padding must be between \(paddings.lowerBound) and \(paddings.upperBound), got \(padding)")
        }
        if let titles, titles.count != images.count {
            throw ImagingError("grid: \(titles.count) titles given for \(images.count) images")
        }
        guard background.isFinite else { throw ImagingError("grid: background must be a number, got \(background)") }
        let largest = (images.map(\.width).max() ?? 1, images.map(\.height).max() ?? 1)
        let factor = scale ?? (titles != nil && largest.0 < 64 ? (64 + largest.0 - 1) / largest.0 : 1)
        guard PictureStyle.gridScales.contains(factor) else {
            throw ImagingError("grid: scale must be between \(PictureStyle.gridScales.lowerBound) and \(PictureStyle.gridScales.upperBound), got \(factor)")
        }

        let face = Font.face(size: titleSize)
        let titleWidth = titles.map { $0.map { Int(face.width(of: $0).rounded(.up)) }.max() ?? 0 } ?? 0
        let titleBand = titles == nil ? 0 : face.lineHeight + 4
        let cellWidth = max(largest.0 * factor, titleWidth + 2), cellHeight = largest.1 * factor + titleBand
        let rows = (images.count + columns - 1) / columns
        let usedColumns = min(columns, images.count)
        let width = usedColumns * cellWidth + (usedColumns + 1) * padding
        let height = rows * cellHeight + (rows + 1) * padding
        try validate(width: width, height: height, channels: 3, operation: "grid")

        let level = min(max(background, 0), 1)
        var canvas = Canvas(width: width, height: height, background: Color(level, level, level))
        let textColor: Color = level < 0.5 ? .white : .black
        for (index, image) in images.enumerated() {
            let cellX = padding + (index % columns) * (cellWidth + padding)
            let cellY = padding + (index / columns) * (cellHeight + padding)
            if let titles {
                canvas.text(titles[index], x: Float(cellX) + Float(cellWidth) / 2, y: Float(cellY),
                            size: titleSize, color: textColor, horizontal: .center, vertical: .top)
            }
            let shown = factor == 1 ? image
                : try image.resized(width: image.width * factor, height: image.height * factor, method: .nearest)
            canvas.draw(shown.clamped(), x: cellX + (cellWidth - shown.width) / 2,
                        y: cellY + titleBand + (cellHeight - titleBand - shown.height) / 2)
        }
        return images.allSatisfy(\.isGrey) ? canvas.image.greyscale() : canvas.image
    }
}
