/// How option values are read and reported: messages show values as a Lua script writes them
/// (`{6, 6}`, `'same'`, `true`), since the Lua side is where users meet them, and never Swift's names.
public enum OptionForms {
    /// Options that hold one integer per spatial dimension and may be given as one integer for all
    /// (`strides = 2` or `strides = {2, 3}`).
    public static let sizeKeys: Set<String> = ["strides", "dilation_rate", "output_padding", "kernel_size", "pool_size", "size"]

    /// `value` as Lua source: whole numbers without a fraction, strings quoted, lists in braces.
    public static func luaText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && Swift.abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return "'\(s)'"
        case .array(let a): return "{" + a.map(luaText).joined(separator: ", ") + "}"
        case .object(let o): return "{" + o.keys.sorted().map { "\($0) = \(luaText(o[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    static func luaText(_ sizes: [Int]) -> String { "{" + sizes.map(String.init).joined(separator: ", ") + "}" }

    /// One integer or a list of integers as a list (`2` → `[2]`); nil when the value has another form.
    static func integerList(_ value: JSONValue) -> [Int]? {
        if let single = value.intValue { return [single] }
        guard let list = value.arrayValue else { return nil }
        let integers = list.compactMap(\.intValue)
        return integers.count == list.count ? integers : nil
    }

    /// Size options given as one integer become one-element lists, so that the option structs decode
    /// them; any other form than an integer or a list of integers is refused naming the option.
    static func normalizeSizes(_ config: [String: JSONValue], op: String) throws -> [String: JSONValue] {
        var result = config
        for key in sizeKeys {
            guard let value = config[key], value != .null else { continue }
            guard let list = integerList(value) else {
                throw NNError(op, .value, "option '\(key)' must be an integer or a list of integers, got \(luaText(value))")
            }
            result[key] = .array(list.map { .number(Double($0)) })
        }
        return result
    }

    /// Expands one size to `rank` sizes, or checks a list of `rank` sizes; each must be at least `minimum`.
    static func sizes(_ values: [Int], rank: Int, name: String, op: String, minimum: Int = 1) throws -> [Int] {
        let expanded = values.count == 1 ? Array(repeating: values[0], count: rank) : values
        guard expanded.count == rank, expanded.allSatisfy({ $0 >= minimum }) else {
            let kind = minimum == 1 ? "positive integer" : "integer ≥ \(minimum)"
            let accepted = rank == 1 ? "a \(kind)" : "a \(kind) or a list of \(rank) of them"
            throw NNError(op, .value, "option '\(name)' must be \(accepted), got \(values.count == 1 ? String(values[0]) : luaText(values))")
        }
        return expanded
    }

    /// What a Swift type is called in a Lua message.
    static func luaKind(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is [Int].Type, is [Int]?.Type: return "a list of integers"
        case is [Double].Type: return "a list of numbers"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a table with string keys" }
            return "a different value"
        }
    }
}
