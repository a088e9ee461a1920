import CheckedArithmetic
import Tensors

extension Functional {
    /// Looks up rows of `weights` (vocabulary, dim) for integer `indices` of any shape, giving
    /// (indices' shape…, dim), as Keras' Embedding. The gradient adds into the rows that were used (a row
    /// used twice gets both gradients).
    public static func embedding(_ indices: Tensor, weights: Tensor) throws -> Tensor {
        let op = "embedding"
        try requireRank(weights, 2, op, "weights", layout: "(vocabulary, dim)")
        try requireFloat(weights, op, "weights")
        guard indices.dtype != .float32 else {
            throw TensorError(op, .dtype, "indices must be an integer tensor, got float32 (convert with long())")
        }
        guard indices.rank < Shape.maxRank else {
            throw TensorError(op, .shape, "indices of rank \(indices.rank) leave no room for the embedding dimension")
        }
        let vocabulary = weights.shape[0], flat = try indices.to(.int64).reshape([-1])
        if flat.count > 0 {
            let low = try flat.min().item(), high = try flat.max().item()
            guard low >= 0, high < Double(vocabulary) else {
                // An int64 extreme is 2^63 as a Double, past Int: it is shown as the Double it is.
                guard let bad = CheckedSize.integer(low < 0 ? low : high), bad < .max else {
                    throw TensorError(op, .index, "index \(low < 0 ? low : high) is out of range for a vocabulary of \(vocabulary) rows")
                }
                throw TensorError(op, .index, "index \(index: bad) is out of range for a vocabulary of \(vocabulary) rows")
            }
        }
        return try weights.indexSelect(0, index: flat).reshape(indices.shape.array + [weights.shape[1]])
    }
}
