import Tensors

/// Mean or maximum over height and width of NHWC images: (batch, h, w, c) → (batch, c), or
/// (batch, 1, 1, c) with `keepdims`. Written with Tensor reductions.
public class GlobalPooling2D: Layer {
    public let keepdims: Bool
    let isMax: Bool

    init(isMax: Bool, keepdims: Bool, name: String?) throws {
        self.isMax = isMax
        self.keepdims = keepdims
        try super.init(name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank == 4 else { throw shapeError("expected an input of rank 4 (batch, height, width, channels), got \(shape)") }
        return [keepdims ? SymbolicShape([shape[0], 1, 1, shape[3]]) : SymbolicShape([shape[0], shape[3]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let x = inputs[0]
        return [isMax ? try x.max(dims: [1, 2], keepDims: keepdims) : try x.mean(dims: [1, 2], keepDims: keepdims)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] { ["keepdims": .bool(keepdims)] }
}

public final class GlobalAveragePooling2D: GlobalPooling2D {
    public init(keepdims: Bool = false, name: String? = nil) throws { try super.init(isMax: false, keepdims: keepdims, name: name) }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalAveragePooling2D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}

public final class GlobalMaxPooling2D: GlobalPooling2D {
    public init(keepdims: Bool = false, name: String? = nil) throws { try super.init(isMax: true, keepdims: keepdims, name: name) }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalMaxPooling2D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}
