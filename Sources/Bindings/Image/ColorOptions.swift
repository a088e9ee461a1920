import Imaging
import LuaHost

/// Options shared by the `image` and `plot` functions: colormaps, colours, value ranges and bounded
/// numbers, read with messages that name the function and the option.
extension LuaOptions {
    /// A colormap by name (`cmap = 'viridis'`).
    func colormap(_ key: String, default defaultValue: Colormap) throws -> Colormap {
        try with(key) { element in
            if element.isMissing { return defaultValue }
            let name = try element.value(as: String.self)
            guard let map = try? Colormap(named: name) else {
                let names = Colormap.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                throw element.invalid("must be one of \(names), got '\(name)'")
            }
            return map
        }
    }

    /// A colour: a name (`'red'`, `'tab:blue'`), `'#rrggbb'` or `'C0'`...`'C9'`.
    func color(_ key: String) throws -> Color? {
        try with(key) { element in
            if element.isMissing { return nil }
            let name = try element.value(as: String.self)
            guard let color = try? Color(named: name) else {
                throw element.invalid("must be a colour name like 'red' or 'tab:blue', '#rrggbb' or 'C0'...'C9', got '\(name)'")
            }
            return color
        }
    }

    /// A range `{low, high}` of finite numbers with low < high.
    func range(_ key: String) throws -> ClosedRange<Double>? {
        try with(key) { element in
            if element.isMissing { return nil }
            let values = try element.table(expected: "a table {low, high}").array(of: Double.self)
            guard values.count == 2, values[0].isFinite, values[1].isFinite, values[0] < values[1] else {
                let given = values.map(formatNumber).joined(separator: ", ")
                throw element.invalid("must be two finite numbers {low, high} with low < high, got {\(given)}")
            }
            return values[0]...values[1]
        }
    }

    /// An integer option within `bounds`, nil when absent.
    func integer(_ key: String, in bounds: ClosedRange<Int>) throws -> Int? {
        try with(key) { element in
            if element.isMissing { return nil }
            let value = try element.value(as: Int.self)
            guard bounds.contains(value) else {
                throw element.invalid("must be between \(bounds.lowerBound) and \(bounds.upperBound), got \(value)")
            }
            return value
        }
    }

    /// A number option within `bounds`, nil when absent.
    func number(_ key: String, in bounds: ClosedRange<Double>) throws -> Double? {
        try with(key) { element in
            if element.isMissing { return nil }
            let value = try element.value(as: Double.self)
            guard bounds.contains(value) else {
                throw element.invalid("must be between \(formatNumber(bounds.lowerBound)) and "
                                      + "\(formatNumber(bounds.upperBound)), got \(formatNumber(value))")
            }
            return value
        }
    }
}

/// A number as a person writes it: whole numbers without a decimal point (`5`, not `5.0`).
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}
