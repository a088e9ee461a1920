import CLua
import LuaShim

/// An error on its way to Lua.
///
/// `message` errors are raised by Swift code; the trampoline prefixes them with the position of the
/// Lua code that made the call (`script.lua:12: `). `value` errors came back from Lua code that Swift
/// called (a callback that failed): they already carry their position and are raised again unchanged,
/// even when the error value is not a string.
public enum LuaError: Error, CustomStringConvertible {
    case message(String)
    case value(LuaReference, description: String)

    public var description: String {
        switch self {
        case .message(let text): return text
        case .value(_, let text): return text
        }
    }
}

extension LuaError {
    /// Takes the error value a failed protected call left on the stack.
    static func popping(_ state: OpaquePointer, host: LuaHost) -> LuaError {
        let description = describeValue(state, -1)
        return .value(LuaReference(popping: state, host: host), description: description)
    }
}

/// An error whose message Lua readers should see worded differently from its Swift description: a
/// library below the host counts dimensions from 0, Lua scripts count them from 1. The host knows no
/// library, so the binding of each such library declares the conformance; every module that lets the
/// library's errors through then shows them the same way.
public protocol LuaMessageConvertible: Error {
    var luaMessage: String { get }
}

/// A Lua-facing description of any error thrown by Swift code. Libraries below the host throw their
/// own error types whose descriptions already name the operation ("matmul: shapes ... do not align").
func luaMessage(for error: Error) -> String {
    (error as? LuaMessageConvertible)?.luaMessage ?? "\(error)"
}
