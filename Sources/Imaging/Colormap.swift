/// Maps values in [0, 1] to colours. Tables have 256 entries and value t uses entry
/// min(floor(t · 256), 255), as matplotlib does, so colours match matplotlib's.
public enum Colormap: String, CaseIterable, Sendable {
    case gray, jet, viridis, magma, hot, coolwarm

    /// A colormap by name (`"grey"` is accepted for `gray`).
    public init(named name: String) throws {
        let key = name.lowercased() == "grey" ? "gray" : name.lowercased()
        guard let map = Colormap(rawValue: key) else {
            throw ImagingError("colormap: unknown colormap '\(name)'; choose one of "
                               + Colormap.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = map
    }

    /// The colour for `t` (clamped to [0, 1]; NaN gives the lowest colour).
    public func color(_ t: Float) -> Color {
        table[Colormap.entry(t)]
    }

    @inline(__always)
    static func entry(_ t: Float) -> Int {
        // `!(t > 0)` also sends NaN to entry 0.
        !(t > 0) ? 0 : t >= 1 ? 255 : min(Int(t * 256), 255)
    }

    /// The 256 colours of the map.
    public var table: [Color] { Colormap.tables[self] ?? [] }

    private static let tables: [Colormap: [Color]] = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeTable()) })

    private func makeTable() -> [Color] {
        switch self {
        case .gray: return (0..<256).map { Color(Float($0) / 255, Float($0) / 255, Float($0) / 255) }
        case .jet: return Colormap.piecewise(red: Colormap.jetRed, green: Colormap.jetGreen, blue: Colormap.jetBlue)
        case .hot: return Colormap.piecewise(red: Colormap.hotRed, green: Colormap.hotGreen, blue: Colormap.hotBlue)
        case .viridis: return Colormap.decode(ColormapTables.viridis)
        case .magma: return Colormap.decode(ColormapTables.magma)
        case .coolwarm: return Colormap.decode(ColormapTables.coolwarm)
        }
    }

    // jet and hot are defined by straight pieces between these (position, value) points per channel,
    // the classic MATLAB-style definitions matplotlib also uses.
    private static let jetRed: [(Float, Float)] = [(0, 0), (0.35, 0), (0.66, 1), (0.89, 1), (1, 0.5)]
    private static let jetGreen: [(Float, Float)] = [(0, 0), (0.125, 0), (0.375, 1), (0.64, 1), (0.91, 0), (1, 0)]
    private static let jetBlue: [(Float, Float)] = [(0, 0.5), (0.11, 1), (0.34, 1), (0.65, 0), (1, 0)]
    private static let hotRed: [(Float, Float)] = [(0, 0.0416), (0.365079, 1), (1, 1)]
    private static let hotGreen: [(Float, Float)] = [(0, 0), (0.365079, 0), (0.746032, 1), (1, 1)]
    private static let hotBlue: [(Float, Float)] = [(0, 0), (0.746032, 0), (1, 1)]

    private static func piecewise(red: [(Float, Float)], green: [(Float, Float)], blue: [(Float, Float)]) -> [Color] {
        func value(_ points: [(Float, Float)], _ t: Float) -> Float {
            for index in 1..<points.count where t <= points[index].0 {
                let (x0, y0) = points[index - 1], (x1, y1) = points[index]
                return x1 > x0 ? y0 + (y1 - y0) * (t - x0) / (x1 - x0) : y1
            }
            return points[points.count - 1].1
        }
        return (0..<256).map { index in
            let t = Float(index) / 255
            return Color(value(red, t), value(green, t), value(blue, t))
        }
    }

    private static func decode(_ hex: String) -> [Color] {
        let digits = Array(hex.unicodeScalars.filter { !$0.properties.isWhitespace })
        return stride(from: 0, to: digits.count - 5, by: 6).map { start in
            let text = String(String.UnicodeScalarView(digits[start..<start + 6]))
            return Color(rgb: UInt32(text, radix: 16) ?? 0)
        }
    }

    /// Colours a 2-D array: values are scaled from `range` (default: the smallest to the largest
    /// finite value) to [0, 1], then mapped. Returns an RGB image with one pixel per value.
    public func apply(to map: ScalarMap, range: ClosedRange<Float>? = nil) throws -> Image {
        let scale = try Colormap.normalization(for: map, range: range, operation: "colormap")
        let table = table
        let pixels = map.values.withUnsafeBufferPointer { values in
            [Float](unsafeUninitializedCapacity: values.count * 3) { output, count in
                for index in 0..<values.count {
                    let color = table[Colormap.entry((values[index] - scale.offset) * scale.factor)]
                    output[3 * index] = color.r
                    output[3 * index + 1] = color.g
                    output[3 * index + 2] = color.b
                }
                count = values.count * 3
            }
        }
        return Image(uncheckedWidth: map.columns, height: map.rows, channels: 3, pixels: pixels)
    }

    /// value ↦ (value − offset) · factor maps `range` (or the map's finite range) onto [0, 1]. A
    /// range of one value maps everything to 0, as matplotlib's Normalize does.
    static func normalization(for map: ScalarMap, range: ClosedRange<Float>?,
                              operation: String) throws -> (offset: Float, factor: Float) {
        if let range {
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw ImagingError("\(operation): the value range must be finite, got \(range.lowerBound)...\(range.upperBound)")
            }
        }
        guard let range = range ?? map.finiteRange else { return (0, 0) }
        let span = range.upperBound - range.lowerBound
        return (range.lowerBound, span > 0 ? 1 / span : 0)
    }
}
