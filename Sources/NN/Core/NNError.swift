/// The error the NN library throws: the operation or layer that failed (`Dense`, `fit`, `load`) and a
/// message that names the offending values, e.g. `Dense: expected an input of rank ≥ 2, got (None)`.
///
/// Tensor operations inside layers throw `TensorError`s, which pass through unchanged.
public struct NNError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for callers that react differently to each (the host treats `.interrupted` as a
    /// request to stop, not as a bug in the script).
    public enum Kind: Sendable {
        /// Input shapes that do not fit a layer or each other.
        case shape
        /// An option or argument with a wrong value (unknown name, negative size...).
        case value
        /// Something used in the wrong order (fit before compile, output of a layer never called).
        case usage
        /// A loss or metric that became NaN or infinite.
        case numerical
        /// A file that cannot be read, written or parsed.
        case io
        /// The interruption check asked training to stop.
        case interrupted
    }

    public let op: String
    public let kind: Kind
    public let message: String

    public init(_ op: String, _ kind: Kind, _ message: String) {
        self.op = op
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(op): \(message)" }
}
