import CheckedArithmetic
import Tensors

/// Joins its inputs along `axis` (default the last); the other sizes must agree.
public final class Concatenate: Layer {
    public let axis: Int

    public init(axis: Int = -1, name: String? = nil) throws {
        self.axis = axis
        try super.init(name: name)
    }

    public override var inputCountRange: ClosedRange<Int> { 1...Int.max }

    /// `axis` as a position in shapes of `rank`; the batch axis cannot be joined.
    private func position(rank: Int) throws -> Int {
        let p = axis < 0 ? axis + rank : axis
        guard p != 0 else { throw shapeError("axis \(axis) is the batch axis, which cannot be joined; axes count from 0 as in Keras, so the features of (batch, n) inputs are axis 1 or -1") }
        guard p >= 1, p < rank else {
            let valid = (1..<Swift.max(rank, 1)).map(String.init) + (1..<Swift.max(rank, 1)).reversed().map { "-\($0)" }
            throw shapeError("axis \(axis) does not fit inputs of rank \(rank): axes count from 0 as in Keras, so it must be one of \(valid.joined(separator: ", "))")
        }
        return p
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let rank = inputShapes[0].rank
        guard inputShapes.allSatisfy({ $0.rank == rank }) else {
            throw shapeError("inputs must have the same rank, got shapes \(inputShapes.map(\.description).joined(separator: ", "))")
        }
        let p = try position(rank: rank)
        var dims = inputShapes[0].dims
        var total: Int? = 0
        for shape in inputShapes {
            for d in 0..<rank where d != p {
                if let a = dims[d], let b = shape[d], a != b {
                    throw shapeError("inputs must agree in all sizes but axis \(axis), got shapes \(inputShapes.map(\.description).joined(separator: ", "))")
                }
                dims[d] = dims[d] ?? shape[d]
            }
            if let t = total, let size = shape[p] {
                guard let sum = CheckedSize.sum(t, size) else {
                    throw shapeError("inputs of shapes \(inputShapes.map(\.description).joined(separator: ", ")) together are too large for a tensor along axis \(axis)")
                }
                total = sum
            } else {
                total = nil
            }
        }
        dims[p] = total
        return [SymbolicShape(dims)]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try Tensor.concat(inputs, dim: try position(rank: inputs[0].rank))]
    }

    public override func optionsConfig() throws -> [String: JSONValue] { ["axis": .number(Double(axis))] }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        try Concatenate(axis: config["axis"]?.intValue ?? -1, name: config["name"]?.stringValue)
    }
}
