import Foundation

/// A tick label, optionally with a raised exponent (`10` with `−3` drawn as 10⁻³).
struct TickLabel: Equatable {
    var text: String
    var exponent: String? = nil
}

/// A tick mark: its value on the axis (in data units) and its label (nil for minor ticks).
struct Tick: Equatable {
    var value: Double
    var label: TickLabel?
}

/// Tick positions at round numbers and their labels.
enum Ticks {
    /// The round steps: 1, 2 and 5 times a power of ten.
    static let multiples: [Double] = [1, 2, 5, 10]

    /// The smallest round step that puts at most `maxIntervals` intervals across [low, high].
    static func step(low: Double, high: Double, maxIntervals: Int) -> Double {
        let span = high - low
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(maxIntervals, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for multiple in multiples where multiple * magnitude >= raw * (1 - 1e-9) {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    /// Ticks at multiples of a round step inside [low, high], labelled with a shared number of decimals.
    /// `wholeSteps` keeps the step at 1 or more, for axes whose values are whole numbers (epochs).
    static func linear(low: Double, high: Double, maxIntervals: Int, wholeSteps: Bool = false) -> [Tick] {
        let round = step(low: low, high: high, maxIntervals: maxIntervals)
        let step = wholeSteps ? max(round, 1) : round
        let first = (low / step - 1e-9).rounded(.up), last = (high / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        let labels = format(values, step: step)
        return zip(values, labels).map { Tick(value: $0, label: $1) }
    }

    /// Labels for evenly spaced values: as many decimals as the step needs; scientific notation
    /// (1.5e6) when the numbers are very large or very small.
    static func format(_ values: [Double], step: Double) -> [TickLabel] {
        let largest = values.map(abs).max() ?? 0
        let stepExponent = Int(log10(step).rounded(.down))
        if largest >= 1e6 || (largest > 0 && largest < 1e-4) {
            let exponent = Int(log10(largest).rounded(.down))
            let decimals = max(0, exponent - stepExponent)
            return values.map { value in
                if value == 0 { return TickLabel(text: "0") }
                let mantissa = value / pow(10, Double(exponent))
                return TickLabel(text: minus(String(format: "%.\(decimals)f", mantissa)) + "e" + minus(String(exponent)))
            }
        }
        let decimals = max(0, -stepExponent)
        return values.map { value in
            // Values like -0.0 print as 0.
            let text = String(format: "%.\(decimals)f", abs(value) < step * 1e-9 ? 0 : value)
            return TickLabel(text: minus(text))
        }
    }

    /// Number text with the typographic minus sign, as plots print it.
    static func minus(_ text: String) -> String {
        text.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// Ticks for a log10 axis whose limits are `low`...`high` in log10 units. Whole decades get
    /// labels 10^k; when fewer than two decades fit, 1-2-5 ticks with plain numbers are used.
    static func logarithmic(low: Double, high: Double, maxIntervals: Int) -> [Tick] {
        let firstDecade = Int((low - 1e-9).rounded(.up)), lastDecade = Int((high + 1e-9).rounded(.down))
        guard high - low < 600 else { return [] }
        if lastDecade - firstDecade < 1 {
            var values: [Double] = []
            for decade in (Int(low.rounded(.down)))...(Int(high.rounded(.up))) {
                for multiple in [1.0, 2, 5] {
                    let value = multiple * pow(10, Double(decade))
                    if log10(value) >= low - 1e-9 && log10(value) <= high + 1e-9 { values.append(value) }
                }
            }
            return values.map { value in
                let decimals = max(0, -Int(log10(value).rounded(.down)))
                return Tick(value: value, label: TickLabel(text: String(format: "%.\(decimals)f", value)))
            }
        }
        let every = max(1, Int((Double(lastDecade - firstDecade) / Double(max(maxIntervals, 1))).rounded(.up)))
        var ticks: [Tick] = []
        for decade in Int(low.rounded(.down))...Int(high.rounded(.up)) {
            let base = pow(10, Double(decade))
            if decade >= firstDecade && decade <= lastDecade && (decade - firstDecade) % every == 0 {
                ticks.append(Tick(value: base, label: TickLabel(text: "10", exponent: minus(String(decade)))))
            }
            // Minor ticks at 2...9 × 10^k, when decades are not skipped.
            if every == 1 {
                for multiple in 2...9 {
                    let value = Double(multiple) * base, position = log10(value)
                    if position >= low && position <= high { ticks.append(Tick(value: value, label: nil)) }
                }
            }
        }
        return ticks
    }
}
