import Tensors

/// Reorders the dimensions of each sample; `dims` counts from 1 as Keras does (`Permute([2, 1])` swaps
/// the two dimensions after the batch).
public final class Permute: Layer {
    public let dims: [Int]

    public init(_ dims: [Int], name: String? = nil) throws {
        guard dims.sorted() == Array(1...Swift.max(dims.count, 1)), !dims.isEmpty else {
            throw NNError("Permute", .value, "dims must be a permutation of 1...\(dims.count) (the batch dimension stays first), got \(dims)")
        }
        self.dims = dims
        try super.init(name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank == dims.count + 1 else {
            throw shapeError("permutes \(dims.count) dimensions after the batch, got an input of shape \(shape)")
        }
        return [SymbolicShape([shape[0]] + dims.map { shape[$0] })]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try inputs[0].permute([0] + dims)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["dims": .array(dims.map { .number(Double($0)) })]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try Permute(try config.requiredInts("dims", op: "Permute"), name: config["name"]?.stringValue)
    }
}
