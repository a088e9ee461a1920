import Tensors

/// Wraps a function of tensors as a layer (the Lua binding passes a closure calling Lua). Without an
/// `outputShape` function the output shape is found by calling the function once on zeros (with a
/// batch of 1 and 1 for unknown sizes).
///
/// The function cannot be saved: a model with a Lambda layer saves its weights and configuration, and
/// loading it needs the function again (`NN.load(path, functions: ["lambda": f])`).
public final class Lambda: Layer {
    public typealias Function = ([Tensor]) throws -> Tensor
    public let function: Function
    public let outputShape: ((SymbolicShape) throws -> SymbolicShape)?
    /// nil: as many inputs as the first call gives (Keras' Lambda on a list).
    private let inputCount: Int?

    /// A one-input function.
    public convenience init(_ function: @escaping (Tensor) throws -> Tensor,
                            outputShape: ((SymbolicShape) throws -> SymbolicShape)? = nil, name: String? = nil) throws {
        try self.init(inputCount: 1, { try function($0[0]) }, outputShape: outputShape, name: name)
    }

    /// A function of `inputCount` tensors.
    public init(inputCount: Int, _ function: @escaping Function,
                outputShape: ((SymbolicShape) throws -> SymbolicShape)? = nil, name: String? = nil) throws {
        guard inputCount >= 1 else { throw NNError("Lambda", .value, "needs at least one input, got \(inputCount)") }
        self.function = function
        self.outputShape = outputShape
        self.inputCount = inputCount
        try super.init(name: name)
    }

    /// A function of as many tensors as the layer is first called with (one, or a list of them).
    public init(anyInputCount function: @escaping Function,
                outputShape: ((SymbolicShape) throws -> SymbolicShape)? = nil, name: String? = nil) throws {
        self.function = function
        self.outputShape = outputShape
        inputCount = nil
        try super.init(name: name)
    }

    public override var inputCountRange: ClosedRange<Int> {
        let count = inputCount ?? builtInputShapes?.count
        return count.map { $0...$0 } ?? 1...Int.max
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        if let outputShape { return [try outputShape(inputShapes[0])] }
        let probes = try inputShapes.map { shape in try Tensor.zeros(shape.dims.map { $0 ?? 1 }) }
        let result = try Autograd.withoutGradients { try function(probes) }
        var dims = result.shape.array.map { Optional($0) }
        if inputShapes[0].rank > 0, inputShapes[0][0] == nil, !dims.isEmpty { dims[0] = nil }
        return [SymbolicShape(dims)]
    }

    public override func validate(_ inputShapes: [SymbolicShape]) throws {}

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try function(inputs)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["function": .string("<function>"), "input_count": .number(Double(inputCount ?? builtInputShapes?.count ?? 1))]
    }
}
