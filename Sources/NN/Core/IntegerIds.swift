import Tensors

extension Tensor {
    /// Ids (class numbers, word indices) as int64. Floats are taken when they are whole numbers, as Keras
    /// casts them; nil when one is a fraction or NaN, which a plain cast would quietly turn into an id
    /// (NaN into 0).
    func integerIds() throws -> Tensor? {
        guard dtype == .float32 else { return try long() }
        guard try eq(try floor()).all() else { return nil }
        return try long()
    }
}
