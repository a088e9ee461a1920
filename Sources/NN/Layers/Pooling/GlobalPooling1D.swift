import Tensors

/// Mean or maximum over the steps of sequences: (batch, steps, features) → (batch, features), or
/// (batch, 1, features) with `keepdims`. The usual head of a text classifier after an Embedding.
public class GlobalPooling1D: Layer {
    public let keepdims: Bool
    let isMax: Bool

    init(isMax: Bool, keepdims: Bool, name: String?) throws {
        self.isMax = isMax
        self.keepdims = keepdims
        try super.init(name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank == 3 else { throw shapeError("expected an input of rank 3 (batch, steps, features), got \(shape)") }
        return [keepdims ? SymbolicShape([shape[0], 1, shape[2]]) : SymbolicShape([shape[0], shape[2]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let x = inputs[0]
        return [isMax ? try x.max(dims: [1], keepDims: keepdims) : try x.mean(dims: [1], keepDims: keepdims)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] { ["keepdims": .bool(keepdims)] }
}

public final class GlobalAveragePooling1D: GlobalPooling1D {
    public init(keepdims: Bool = false, name: String? = nil) throws { try super.init(isMax: false, keepdims: keepdims, name: name) }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalAveragePooling1D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}

public final class GlobalMaxPooling1D: GlobalPooling1D {
    public init(keepdims: Bool = false, name: String? = nil) throws { try super.init(isMax: true, keepdims: keepdims, name: name) }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalMaxPooling1D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}
