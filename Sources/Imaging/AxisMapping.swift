import Foundation

/// One axis of a chart: its limits (in transformed units: log10 of the value on a log axis) and
/// the pixel span they map onto.
struct AxisMapping {
    var low: Double
    var high: Double
    var log: Bool
    /// Pixel positions of `low` and `high` (for y, `low` is at the bottom unless the axis is inverted).
    var pixelLow: Float
    var pixelHigh: Float

    /// The value in transformed units; nil where the axis cannot show it (non-finite, ≤ 0 on log).
    @inline(__always)
    func transformed(_ value: Double) -> Double? {
        if log { return value > 0 && value.isFinite ? log10(value) : nil }
        return value.isFinite ? value : nil
    }

    @inline(__always)
    func pixel(_ value: Double) -> Float? {
        guard let t = transformed(value) else { return nil }
        return pixel(transformed: t)
    }

    @inline(__always)
    func pixel(transformed t: Double) -> Float {
        let fraction = (t - low) / (high - low)
        return pixelLow + Float(fraction) * (pixelHigh - pixelLow)
    }

    /// Automatic limits: the data range widened by `margin` of its span on each side that is not
    /// `sticky` (bars keep their base at 0). A single value gets a unit range around it.
    static func limits(of values: [Double], margin: Double = 0.05, stickyLow: Double? = nil) -> (Double, Double) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            return (low - pad, high + pad)
        }
        let span = high - low
        high += span * margin
        low = (stickyLow.map { low >= $0 } ?? false) ? low : low - span * margin
        return (low, high)
    }
}
