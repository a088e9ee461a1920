/// The error every tensor operation throws on misuse.
///
/// Messages name the operation and the offending values: `add: shapes (2, 3) and (4) cannot be broadcast`.
/// Dimension numbers and element indices inside a message are stored as positions, not text, so that a
/// caller with another indexing convention can render them in its own: Swift callers see 0-based numbers
/// (`description`), the Lua binding calls `message(indexBase: 1)` and sees 1-based ones. Negative
/// positions (counted from the end, -1 = last) are shown as given in both conventions.
public struct TensorError: Error, CustomStringConvertible, Sendable {
    /// What kind of misuse it was, for callers that react differently to each.
    public enum Kind: Sendable {
        case shape, index, dtype, value, memory, autograd
    }

    public let op: String
    public let kind: Kind
    let parts: [ErrorMessage.Part]

    public init(_ op: String, _ kind: Kind, _ message: ErrorMessage) {
        self.op = op
        self.kind = kind
        self.parts = message.parts
    }

    /// The message with dimension numbers and indices shown counting from `indexBase` (0 or 1).
    public func message(indexBase: Int) -> String {
        // Shifted without overflow: an index of Int.max stays as it is.
        func shifted(_ p: Int) -> String { String(p.addingReportingOverflow(indexBase).overflow ? p : p + indexBase) }
        var text = op + ": "
        for part in parts {
            switch part {
            case .text(let s): text += s
            case .position(let p): text += p >= 0 ? shifted(p) : String(p)
            case .indexValue(let p): text += shifted(p)
            case .positions(let ps): text += "(" + ps.map { $0 >= 0 ? shifted($0) : String($0) }.joined(separator: ", ") + ")"
            }
        }
        return text
    }

    public var description: String { message(indexBase: 0) }
}

/// The text of a `TensorError`: a string literal where `\(dim: d)`, `\(index: i)` and `\(dims: ds)` mark
/// 0-based positions that are rendered in the reader's indexing convention.
public struct ErrorMessage: ExpressibleByStringInterpolation, Sendable {
    enum Part: Sendable {
        case text(String), position(Int), positions([Int]), indexValue(Int)
    }
    var parts: [Part] = []

    public init(stringLiteral value: String) { parts = [.text(value)] }
    public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { parts.append(.text(value.description)) }
        /// A dimension number (0-based here).
        public mutating func appendInterpolation(dim: Int) { parts.append(.position(dim)) }
        /// An element index (0-based here).
        public mutating func appendInterpolation(index: Int) { parts.append(.position(index)) }
        /// An element of an index tensor (0-based here). Such indices never count from the end, so a
        /// negative one is shifted like the others: the -1 that a 1-based reader's 0 became shows as 0.
        public mutating func appendInterpolation(indexValue: Int) { parts.append(.indexValue(indexValue)) }
        /// A list of dimension numbers, shown as `(0, 2)`.
        public mutating func appendInterpolation(dims: [Int]) { parts.append(.positions(dims)) }
    }
}
