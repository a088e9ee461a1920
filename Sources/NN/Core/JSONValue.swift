import Foundation
import Tensors

/// A JSON value: the form of layer configurations (saved with models, shown to the Lua side).
public enum JSONValue: Codable, Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n):
            // Whole numbers are written without a fraction so that sizes read back as integers.
            if n.rounded() == n, Swift.abs(n) < 1e15 { try container.encode(Int64(n)) } else { try container.encode(n) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }

    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    public var intValue: Int? { numberValue.flatMap { $0.rounded() == $0 && Swift.abs($0) < 1e15 ? Int($0) : nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// Compact JSON text with sorted keys.
    public var description: String { (try? jsonText()) ?? "null" }

    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

/// An options struct of a layer: Codable with Keras' keys, and `init()` giving Keras' defaults.
public protocol LayerOptions: Codable {
    init()
}

/// Converts option structs to and from configuration dictionaries with Keras' snake_case keys
/// (`useBias` ↔ `use_bias`), through `ConfigEncoder` and `ConfigDecoder`: no JSON text between.
enum ConfigCoding {
    static func encode<T: Encodable>(_ value: T, op: String) throws -> [String: JSONValue] {
        guard case .object(let object) = try ConfigEncoder.encode(value) else {
            throw NNError(op, .value, "options did not encode to a table of options")
        }
        return object
    }

    /// Layer options from a configuration whose keys `LayerKind` has checked: options it does not give
    /// keep Keras' defaults; other keys (the layer's own arguments) are left to the layer.
    static func decodeOptions<T: LayerOptions>(_ type: T.Type, from config: [String: JSONValue], context: LoadContext = LoadContext(),
                                               op: String) throws -> T {
        let defaults = try encode(T(), op: op)
        let optionKeys = Set(Mirror(reflecting: T()).children.compactMap { $0.label.map(snakeCase) })
        let given = try OptionForms.normalizeSizes(config.filter { optionKeys.contains($0.key) }, op: op)
        let merged = defaults.merging(given) { $1 }
        return try decode(T.self, from: merged, op: op, defaults: defaults, context: context)
    }

    /// `useBias` → `use_bias`: Keras' name of an options struct's field.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for c in name {
            if c.isUppercase { result += "_" + c.lowercased() } else { result.append(c) }
        }
        return result
    }

    /// The values of options that name a choice, for messages.
    static let choices = ["padding": Padding.allCases.map(\.rawValue)]

    /// Decodes `config`; a value of the wrong form is reported in Lua terms: the option's Keras name,
    /// what was given and what is accepted (`defaults` tells the accepted kind when the type does not).
    static func decode<T: Decodable>(_ type: T.Type, from config: [String: JSONValue], op: String,
                                     defaults: [String: JSONValue] = [:], context: LoadContext = LoadContext()) throws -> T {
        let decoder = ConfigDecoder(.object(config), userInfo: [.loadContext: context])
        func option(_ context: DecodingError.Context) -> String {
            context.codingPath.first.map { snakeCase($0.stringValue) } ?? "?"
        }
        func wrongForm(_ key: String, expected: String) -> NNError {
            if let choices = choices[key] {
                let listed = choices.map { "'\($0)'" }.joined(separator: ", ")
                return NNError(op, .value, "option '\(key)' must be one of \(listed), got \(OptionForms.luaText(config[key] ?? .null))")
            }
            return NNError(op, .value, "option '\(key)' must be \(expected), got \(OptionForms.luaText(config[key] ?? .null))")
        }
        func expectedKind(_ key: String) -> String {
            if key.hasSuffix("_initializer") { return "an initializer's name or {class_name = ..., config = {...}}" }
            if key.hasSuffix("activation") { return "an activation's name or a function" }
            switch defaults[key] {
            case .bool: return "a boolean"
            case .number: return "a number"
            case .string: return "a string"
            case .array: return "a list"
            default: return "a different value"
            }
        }
        do {
            return try decoder.decode(T.self)
        } catch let DecodingError.keyNotFound(key, context) {
            // A field missing inside an option's value (an initializer table without class_name).
            if !context.codingPath.isEmpty { throw wrongForm(option(context), expected: expectedKind(option(context))) }
            throw NNError(op, .value, "the configuration lacks the option '\(snakeCase(key.stringValue))'")
        } catch let DecodingError.typeMismatch(type, context) {
            let key = option(context)
            // An element of a list, or an option with a form of its own: name what the option accepts.
            let nested = context.codingPath.count > 1 || key.hasSuffix("_initializer") || key.hasSuffix("activation")
            throw wrongForm(key, expected: nested ? expectedKind(key) : OptionForms.luaKind(type))
        } catch let DecodingError.dataCorrupted(context) {
            let key = option(context)
            if let error = context.underlyingError as? NNError {
                throw NNError(op, .value, "option '\(key)': \(error.message)", suggestion: error.suggestion)
            }
            // The library's own decoders (activations, initializers) explain in Lua terms already.
            if context.underlyingError == nil, context.debugDescription.hasPrefix("unknown") {
                throw NNError(op, .value, "option '\(key)': \(context.debugDescription)")
            }
            throw wrongForm(key, expected: expectedKind(key) == "a number" ? "a whole number" : expectedKind(key))
        } catch let DecodingError.valueNotFound(_, context) {
            throw NNError(op, .value, "missing value for option '\(option(context))'")
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    func requiredInt(_ key: String, op: String) throws -> Int {
        guard let value = self[key]?.intValue else { throw NNError(op, .value, "the configuration needs an integer '\(key)'") }
        return value
    }

    /// An integer or a list of integers (`3` or `[3, 3]`), as a list.
    func requiredInts(_ key: String, op: String) throws -> [Int] {
        guard let value = self[key] else { throw NNError(op, .value, "the configuration needs the option '\(key)'") }
        guard let values = OptionForms.integerList(value) else {
            throw NNError(op, .value, "option '\(key)' must be an integer or a list of integers, got \(OptionForms.luaText(value))")
        }
        return values
    }
}
