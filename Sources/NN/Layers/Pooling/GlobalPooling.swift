import Tensors

/// Mean or maximum over every axis between the batch and the features: the steps of sequences for the
/// 1D layers, (batch, steps, features) → (batch, features), the usual head of a text classifier after
/// an Embedding; height and width of NHWC images for the 2D layers, (batch, h, w, c) → (batch, c), the
/// layer CAM needs. With `keepdims` the pooled axes stay, with size 1.
public class GlobalPooling: Layer {
    public let keepdims: Bool
    let isMax: Bool
    /// How many axes are pooled: 1 for sequences, 2 for images.
    let pooledAxes: Int

    init(pooledAxes: Int, isMax: Bool, keepdims: Bool, name: String?) throws {
        self.pooledAxes = pooledAxes
        self.isMax = isMax
        self.keepdims = keepdims
        try super.init(name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank == pooledAxes + 2 else {
            let layout = pooledAxes == 1 ? "(batch, steps, features)" : "(batch, height, width, channels)"
            throw shapeError("expected an input of rank \(pooledAxes + 2) \(layout), got \(shape)")
        }
        let pooled: [Int?] = keepdims ? Array(repeating: 1, count: pooledAxes) : []
        return [SymbolicShape([shape[0]] + pooled + [shape[-1]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let x = inputs[0], axes = Array(1...pooledAxes)
        return [isMax ? try x.max(dims: axes, keepDims: keepdims) : try x.mean(dims: axes, keepDims: keepdims)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] { ["keepdims": .bool(keepdims)] }
}

public final class GlobalAveragePooling1D: GlobalPooling {
    public init(keepdims: Bool = false, name: String? = nil) throws {
        try super.init(pooledAxes: 1, isMax: false, keepdims: keepdims, name: name)
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalAveragePooling1D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}

public final class GlobalMaxPooling1D: GlobalPooling {
    public init(keepdims: Bool = false, name: String? = nil) throws {
        try super.init(pooledAxes: 1, isMax: true, keepdims: keepdims, name: name)
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalMaxPooling1D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}

public final class GlobalAveragePooling2D: GlobalPooling {
    public init(keepdims: Bool = false, name: String? = nil) throws {
        try super.init(pooledAxes: 2, isMax: false, keepdims: keepdims, name: name)
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalAveragePooling2D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}

public final class GlobalMaxPooling2D: GlobalPooling {
    public init(keepdims: Bool = false, name: String? = nil) throws {
        try super.init(pooledAxes: 2, isMax: true, keepdims: keepdims, name: name)
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try GlobalMaxPooling2D(keepdims: config["keepdims"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}
