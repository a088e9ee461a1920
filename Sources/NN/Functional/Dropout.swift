import Tensors

extension Functional {
    /// Inverted dropout: while `training`, each element is zeroed with probability `rate` and the others
    /// are scaled by 1 / (1 − rate), so the expected value is unchanged; otherwise the input is returned as
    /// is. `noiseShape` (broadcasting to the input's shape, e.g. [batch, 1, 1, channels]) drops whole slices.
    /// The draws come from the Tensors random generator, so `Random.manualSeed` makes them repeatable.
    public static func dropout(_ input: Tensor, rate: Double, training: Bool, noiseShape: [Int]? = nil) throws -> Tensor {
        let op = "dropout"
        guard rate >= 0, rate < 1 else { throw TensorError(op, .value, "the rate must lie in [0, 1), got \(rate)") }
        try requireFloat(input, op, "input")
        guard training, rate > 0 else { return input }
        let shape = noiseShape ?? input.shape.array
        guard shape.count == input.rank,
              zip(shape, input.shape).allSatisfy({ $0 == $1 || $0 == 1 }) else {
            throw TensorError(op, .shape, "the noise shape \(shape) must have the input's rank and each size equal to the input's \(input.shape) or 1")
        }
        let keep = 1 - rate
        let mask = try Tensor.bernoulli(shape, p: keep).mul(1 / keep)
        return try input * mask
    }
}
