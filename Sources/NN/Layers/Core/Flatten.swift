import CheckedArithmetic
import Tensors

/// Flattens each sample to a vector: (batch, d1, d2, ...) → (batch, d1·d2·...).
public final class Flatten: Layer {
    public override init(name: String? = nil) throws { try super.init(name: name) }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank >= 1 else { throw shapeError("expected an input with a batch dimension, got \(shape)") }
        guard let sizes = shape.knownFeatureSizes else {
            throw shapeError("needs the sizes of all dimensions but the batch, got \(shape)")
        }
        guard let size = CheckedSize.product(sizes) else { throw shapeError("samples of shape \(shape) have more elements than a tensor can hold") }
        return [SymbolicShape([shape[0], size])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let x = inputs[0]
        return [try x.reshape([x.shape[0], x.count / Swift.max(x.shape[0], 1)])]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try Flatten(name: config["name"]?.stringValue)
    }
}
