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

    /// A remedy that is code to write: the library names it, each language binding words it in its
    /// own syntax (the Swift description in Swift's).
    public enum Suggestion: Sendable, Equatable {
        /// Flatten each sample of the data to these sizes (the batch first, -1), or put a Flatten layer
        /// before the Dense layers of a model built for other data.
        case flattenData(to: [Int])
        /// Reshape the data to these sizes (the batch first, -1).
        case reshapeData(to: [Int])
        /// Put a Flatten layer (or global pooling) before the Dense layers.
        case addFlatten
        /// Compile the model (optimizer and loss) before training or evaluating.
        case compileFirst
        /// A function that saving cannot keep (a Lambda's, a custom activation): give it again, under
        /// this name, to loading.
        case functionWhenLoading(name: String)
    }

    public let op: String
    public let kind: Kind
    public let message: String
    public let suggestion: Suggestion?

    public init(_ op: String, _ kind: Kind, _ message: String, suggestion: Suggestion? = nil) {
        self.op = op
        self.kind = kind
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String { "\(op): \(message)" + (suggestion.map { "; " + $0.swiftText } ?? "") }
}

extension NNError.Suggestion {
    /// The remedy in the library's Swift API.
    var swiftText: String {
        switch self {
        case .flattenData(let sizes):
            return "flatten each sample (x.reshape(\(sizes))), or start the model with layers for this shape and add Flatten() before the Dense layers"
        case .reshapeData(let sizes): return "reshape the data to the model's input (x.reshape(\(sizes)))"
        case .addFlatten: return "add Flatten() (or global pooling) before the Dense layers"
        case .compileFirst: return "compile it with model.compile(optimizer:loss:metrics:)"
        case .functionWhenLoading(let name):
            return "give it to NN.load(path, functions: [\"\(name)\": f]), or rebuild the model in code and use model.loadWeights(path)"
        }
    }
}
