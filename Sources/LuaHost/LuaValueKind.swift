import CLua
import Foundation

/// What a declared parameter or option takes, in the words of the reference ("a number", "'same' or
/// 'valid'", "a list of integers"). Options are checked against it before the body reads them.
public indirect enum LuaValueKind: Sendable {
    case number, integer, boolean, string, table, function, any
    /// A Lunette object of the named class (`Tensor`, `Model`, `Optimizer`).
    case object(String)
    /// A string among these.
    case choice([String])
    /// A list (a table) of values of one kind.
    case list(LuaValueKind)
    /// Any of several kinds (`.oneOf([.integer, .list(.integer)])` for a size or sizes).
    case oneOf([LuaValueKind])
    /// Checked by the function itself; the text says what it takes.
    case described(String)

    public static let tensor = LuaValueKind.object("Tensor")

    /// The kind as the reference and messages say it.
    public var text: String {
        switch self {
        case .number: return "a number"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .string: return "a string"
        case .table: return "a table"
        case .function: return "a function"
        case .any: return "any value"
        case .object(let name): return withArticle(name)
        case .choice(let choices): return choices.map { "'\($0)'" }.joined(separator: ", ")
                .replacingLast(", ", with: choices.count > 2 ? ", or " : " or ")
        case .list(let element): return "a list of \(element.plural)"
        case .oneOf(let kinds): return kinds.map(\.text).joined(separator: " or ")
        case .described(let text): return text
        }
    }

    private var plural: String {
        switch self {
        case .number: return "numbers"
        case .integer: return "integers"
        case .boolean: return "booleans"
        case .string: return "strings"
        case .table: return "tables"
        case .function: return "functions"
        case .object(let name): return "\(name)s"
        default: return "values (\(text))"
        }
    }

    /// The message for a value at `index` that this kind does not accept, after `subject` ("nn.Dense:
    /// option 'padding'").
    func mismatch(_ state: OpaquePointer, _ index: Int32, subject: String) -> LuaError {
        if case .choice(let choices) = self, let given = String.read(state, index) {
            let listed = choices.map { "'\($0)'" }.joined(separator: ", ")
            return .message("\(subject) must be one of \(listed), got '\(given)'")
        }
        return .message("\(subject) expected \(text), got \(typeName(state, index))")
    }

    /// Whether the value at `index` is of this kind. Lists are checked by their table type only: their
    /// elements are read, with messages naming the element, by the body.
    func accepts(_ state: OpaquePointer, _ index: Int32) -> Bool {
        switch self {
        case .number: return lua_type(state, index) == LUA_TNUMBER
        case .integer: return Int.read(state, index) != nil
        case .boolean: return lua_type(state, index) == LUA_TBOOLEAN
        case .string: return lua_type(state, index) == LUA_TSTRING
        case .table, .list: return lua_type(state, index) == LUA_TTABLE
        case .function: return lua_type(state, index) == LUA_TFUNCTION
        case .any, .described: return true
        case .object(let name): return lua_type(state, index) == LUA_TUSERDATA && typeName(state, index) == name
        case .choice(let choices): return String.read(state, index).map(choices.contains) ?? false
        case .oneOf(let kinds): return kinds.contains { $0.accepts(state, index) }
        }
    }
}

private extension String {
    func replacingLast(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
