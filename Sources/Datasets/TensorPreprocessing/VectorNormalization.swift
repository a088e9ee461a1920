import Tensors

/// Keras' `normalize`: vectors scaled to unit length.
public enum VectorNormalization {
    /// Keras' defaults: the last dimension, the Euclidean norm.
    public static let defaultDim = -1
    public static let defaultOrder = 2.0

    /// `data` (as float32) with each slice along `dim` (0-based, or negative from the end) divided by
    /// its L-`order` norm; slices of norm 0 stay 0.
    public static func normalize(_ data: Tensor, dim: Int = defaultDim, order: Double = defaultOrder,
                                 operation: String = "normalize") throws -> Tensor {
        guard order > 0 else { throw DatasetError(operation, "order must be above 0, got \(order)") }
        let values = try data.float()
        let norms = try values.norm(p: order, dims: [dim], keepDims: true)
        return try values.div(Tensor.where(norms.eq(Tensor(scalar: 0)), 1.0, norms))
    }
}
