import CheckedArithmetic
import Tensors

/// Reshapes each sample to `targetShape` (one entry may be -1, inferred from the size).
public final class Reshape: Layer {
    public let targetShape: [Int]

    public init(_ targetShape: [Int], name: String? = nil) throws {
        guard targetShape.filter({ $0 == -1 }).count <= 1, targetShape.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw NNError("Reshape", .value, "the target shape needs positive sizes and at most one -1, got \(targetShape)")
        }
        self.targetShape = targetShape
        try super.init(name: name)
    }

    /// The target shape with -1 resolved for samples of `size` elements.
    private func resolved(size: Int, inputShape: SymbolicShape) throws -> [Int] {
        guard let known = CheckedSize.product(targetShape.filter { $0 != -1 }) else {
            throw shapeError("the target shape \(targetShape) has more elements than a tensor can hold")
        }
        if let free = targetShape.firstIndex(of: -1) {
            guard known > 0, size % known == 0 else {
                throw shapeError("cannot reshape samples of shape \(SymbolicShape(inputShape.featureDims)) (\(size) elements) to \(targetShape)")
            }
            var result = targetShape
            result[free] = size / known
            return result
        }
        guard known == size else {
            throw shapeError("cannot reshape samples of shape \(SymbolicShape(inputShape.featureDims)) (\(size) elements) to \(targetShape) (\(known) elements)")
        }
        return targetShape
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank >= 1, let sizes = shape.knownFeatureSizes else {
            throw shapeError("needs the sizes of all dimensions but the batch, got \(shape)")
        }
        guard let size = CheckedSize.product(sizes) else { throw shapeError("samples of shape \(shape) have more elements than a tensor can hold") }
        return [SymbolicShape([shape[0]] + (try resolved(size: size, inputShape: shape)).map { Optional($0) })]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let x = inputs[0]
        let batch = x.shape[0]
        return [try x.reshape([batch] + resolved(size: x.count / Swift.max(batch, 1), inputShape: SymbolicShape(batchOf: x)))]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["target_shape": .array(targetShape.map { .number(Double($0)) })]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try Reshape(try config.requiredInts("target_shape", op: "Reshape"), name: config["name"]?.stringValue)
    }
}
