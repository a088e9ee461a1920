import Tensors

/// Repeats each sample vector `n` times: (batch, d) → (batch, n, d).
public final class RepeatVector: Layer {
    public let n: Int

    public init(_ n: Int, name: String? = nil) throws {
        guard n > 0 else { throw NNError("RepeatVector", .value, "n must be positive, got \(n)") }
        self.n = n
        try super.init(name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank == 2 else { throw shapeError("expected an input of rank 2 (batch, features), got \(shape)") }
        return [SymbolicShape([shape[0], n, shape[1]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try inputs[0].unsqueeze(1).repeat([1, n, 1])]
    }

    public override func optionsConfig() throws -> [String: JSONValue] { ["n": .number(Double(n))] }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try RepeatVector(try config.requiredInt("n", op: "RepeatVector"), name: config["name"]?.stringValue)
    }
}
