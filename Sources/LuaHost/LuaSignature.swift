/// The one declaration of a Lua-visible function or method: its positional parameters, its options
/// with types and defaults, what it returns, a paragraph and an example. The same record checks calls
/// (unknown options, option types, defaults) and writes the documentation (`help(f)`, `docs/api/`),
/// so the two cannot drift apart.
///
///     module.declare("SGD", LuaSignature(
///         parameters: [.init("learning_rate", .number, default: "0.01", "the step size")],
///         options: [.init("momentum", .number, default: .number(0), "velocity kept between steps")],
///         returns: "an Optimizer",
///         summary: "Stochastic gradient descent, as Keras' `SGD`.",
///         example: "local opt = optim.SGD{learning_rate = 0.1, momentum = 0.9}")) { call in ... }
public struct LuaSignature: Sendable {
    /// Positional parameters, in order (for methods, after `self`).
    public var parameters: [LuaParameter]
    /// The fields of the option table; nil when the function takes none.
    public var options: [LuaOption]?
    /// What it gives back, as the reference says it ("a tensor", "nothing").
    public var returns: String
    /// One paragraph: what it does and how it relates to Keras, PyTorch or Torch7.
    public var summary: String
    /// Lua code that runs on its own (the modules are preloaded) and shows a typical use.
    public var example: String

    public init(parameters: [LuaParameter] = [], options: [LuaOption]? = nil, returns: String = "nothing",
                summary: String, example: String = "") {
        self.parameters = parameters
        self.options = options
        self.returns = returns
        self.summary = summary
        self.example = example
    }

    public func option(named name: String) -> LuaOption? { options?.first { $0.name == name } }

    /// `(units, [options])`: how a call is written, optional parts in brackets.
    public var argumentList: String {
        var parts = parameters.map { $0.defaultText == nil ? $0.name : "[\($0.name)]" }
        if options != nil { parts.append("[options]") }
        return "(" + parts.joined(separator: ", ") + ")"
    }
}

/// A positional parameter.
public struct LuaParameter: Sendable {
    public let name: String
    public let kind: LuaValueKind
    /// How the default reads in the reference ("0.01", "the whole tensor"); nil when required.
    public let defaultText: String?
    public let doc: String

    public init(_ name: String, _ kind: LuaValueKind, default defaultText: String? = nil, _ doc: String) {
        self.name = name
        self.kind = kind
        self.defaultText = defaultText
        self.doc = doc
    }
}

/// A field of an option table.
public struct LuaOption: Sendable {
    public let name: String
    public let kind: LuaValueKind
    public let defaultValue: LuaDefault
    public let doc: String

    public init(_ name: String, _ kind: LuaValueKind, default defaultValue: LuaDefault = .none, _ doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.doc = doc
    }
}

/// An option's default: a Lua value that `LuaOptions.value(_:)` gives when the option is absent, or
/// only a description when the default depends on the call (`.described("the layer's class name")`).
public enum LuaDefault: Sendable {
    /// Absent means "not set"; read it with `LuaOptions.optional`.
    case none
    case number(Double)
    case integer(Int)
    case boolean(Bool)
    case string(String)
    case described(String)

    /// The default as the reference shows it.
    public var text: String? {
        switch self {
        case .none: return nil
        case .number(let value): return value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .integer(let value): return String(value)
        case .boolean(let value): return String(value)
        case .string(let value): return "'\(value)'"
        case .described(let text): return text
        }
    }

    /// The Lua value to read when the option is absent; nil for `.none` and `.described`.
    var literal: (any LuaPushable)? {
        switch self {
        case .none, .described: return nil
        case .number(let value): return value
        case .integer(let value): return value
        case .boolean(let value): return value
        case .string(let value): return value
        }
    }
}
