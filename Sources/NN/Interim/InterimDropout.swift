import Tensors

/// Inverted dropout (see Interim.swift): zeroes each element with probability `rate` and scales the rest by
/// 1 / (1 − rate), so that evaluation needs no rescaling.
enum InterimDropout {
    static func dropout(_ x: Tensor, rate: Double, training: Bool, noiseShape: [Int]? = nil) throws -> Tensor {
        guard training, rate > 0 else { return x }
        let keep = 1 - rate
        let mask = try Tensor.bernoulli(noiseShape ?? x.shape.array, p: keep)
        return try x * (mask / keep)
    }
}
