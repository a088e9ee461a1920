import Imaging
import LuaHost

/// What the options of `image` and `plot` take, as their declarations say it.
extension LuaValueKind {
    static let colormap = LuaValueKind.described("a colormap: " + Colormap.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
    static let color = LuaValueKind.described("a colour: a name ('red', 'tab:blue'), '#rrggbb' or 'C0'...'C9'")
    static let range = LuaValueKind.described("{low, high}")
}

extension LuaDefault {
    /// A library default held as a Float, shown as written (0.4, not 0.4000000059604645).
    static func float(_ value: Float) -> LuaDefault { .number(Double("\(value)") ?? Double(value)) }
}

/// Options shared by the `image` and `plot` functions: colormaps, colours, value ranges and bounded
/// numbers, read with messages that name the function and the option. Absent options give their
/// declared defaults.
extension LuaOptions {
    /// A colormap by name (`cmap = 'viridis'`).
    func colormap(_ key: String) throws -> Colormap {
        let name = try value(key, as: String.self)
        if let map = try? Colormap(named: name) { return map }
        let names = Colormap.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        throw try with(key) { $0.invalid("must be one of \(names), got '\(name)'") }
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

    /// A number or integer within `bounds`, or its declared default when absent.
    func value<Value: LuaReadable & Comparable>(_ key: String, in bounds: ClosedRange<Value>) throws -> Value {
        try checked(key, value(key, as: Value.self), in: bounds)
    }

    /// A number or integer within `bounds`; nil when absent.
    func optional<Value: LuaReadable & Comparable>(_ key: String, in bounds: ClosedRange<Value>) throws -> Value? {
        try optional(key, as: Value.self).map { try checked(key, $0, in: bounds) }
    }

    private func checked<Value: Comparable>(_ key: String, _ value: Value, in bounds: ClosedRange<Value>) throws -> Value {
        if bounds.contains(value) { return value }
        throw try with(key) {
            $0.invalid("must be between \(formatBound(bounds.lowerBound)) and \(formatBound(bounds.upperBound)), got \(formatBound(value))")
        }
    }
}

/// A bound or value in a message: numbers as a person writes them.
private func formatBound<Value>(_ value: Value) -> String {
    switch value {
    case let number as Float: return formatNumber(Double("\(number)") ?? Double(number))
    case let number as Double: return formatNumber(number)
    default: return "\(value)"
    }
}

/// A number as a person writes it: whole numbers without a decimal point (`5`, not `5.0`).
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}
