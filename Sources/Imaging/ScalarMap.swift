/// A 2-D array of values, `rows` x `columns`, row-major: a Grad-CAM map, a confusion matrix, a
/// distance matrix. Unlike `Image` its values have no fixed range.
public struct ScalarMap: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) throws {
        guard rows > 0, columns > 0 else {
            throw ImagingError("ScalarMap: size must be positive, got \(rows)x\(columns)")
        }
        guard rows <= Image.maximumPixelCount, columns <= Image.maximumPixelCount,
              rows * columns <= Image.maximumPixelCount else {
            throw ImagingError("ScalarMap: size \(rows)x\(columns) is too large")
        }
        guard values.count == rows * columns else {
            throw ImagingError("ScalarMap: \(values.count) values given for \(rows)x\(columns), expected \(rows * columns)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// From nested rows (all of the same length).
    public init(_ nested: [[Float]]) throws {
        guard let first = nested.first, !first.isEmpty else {
            throw ImagingError("ScalarMap: no values given")
        }
        if let bad = nested.firstIndex(where: { $0.count != first.count }) {
            throw ImagingError("ScalarMap: row \(bad + 1) has \(nested[bad].count) values, row 1 has \(first.count)")
        }
        try self.init(rows: nested.count, columns: first.count, values: nested.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Float { values[row * columns + column] }

    /// Smallest and largest finite value; nil when there is none.
    public var finiteRange: ClosedRange<Float>? {
        var low = Float.infinity, high = -Float.infinity
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        return low <= high ? low...high : nil
    }

    /// Resampled to `rows` x `columns` (bilinear by default), e.g. a 7x7 Grad-CAM map to image size.
    public func resized(rows newRows: Int, columns newColumns: Int, method: ResizeMethod = .bilinear) throws -> ScalarMap {
        let image = Image(uncheckedWidth: columns, height: rows, channels: 1, pixels: values)
        let result = try image.resized(width: newColumns, height: newRows, method: method)
        return try ScalarMap(rows: newRows, columns: newColumns, values: result.pixels)
    }
}
