import Tensors

/// Sampling for `Initializer` with Keras' formulas, over the seeded Tensors generator (see Interim.swift).
extension Initializer {
    /// A new float32 tensor of `shape` filled by this initializer.
    func make(shape: [Int], op: String) throws -> Tensor {
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw NNError(op, .value, "weight sizes must be positive, got \(shape)")
        }
        let (fanIn, fanOut) = Initializer.fans(shape)
        switch self {
        case .zeros: return try Tensor.zeros(shape)
        case .ones: return try Tensor.ones(shape)
        case .constant(let value): return try Tensor.full(shape, value: value)
        case .glorotUniform: return try Initializer.uniform(shape, limit: (6 / (fanIn + fanOut)).squareRoot())
        case .heUniform: return try Initializer.uniform(shape, limit: (6 / fanIn).squareRoot())
        case .lecunUniform: return try Initializer.uniform(shape, limit: (3 / fanIn).squareRoot())
        case .glorotNormal: return try Initializer.truncatedNormal(shape, std: (2 / (fanIn + fanOut)).squareRoot())
        case .heNormal: return try Initializer.truncatedNormal(shape, std: (2 / fanIn).squareRoot())
        case .lecunNormal: return try Initializer.truncatedNormal(shape, std: (1 / fanIn).squareRoot())
        case .randomNormal(let mean, let stddev): return try Tensor.normal(shape, mean: mean, std: stddev)
        case .randomUniform(let low, let high): return try Tensor.uniform(shape, low: low, high: high)
        case .orthogonal(let gain): return try Initializer.orthogonal(shape, gain: gain)
        }
    }

    private static func uniform(_ shape: [Int], limit: Double) throws -> Tensor {
        try Tensor.uniform(shape, low: -limit, high: limit)
    }

    /// A normal distribution cut at two standard deviations, scaled (as Keras' variance scaling does) so
    /// that the result has standard deviation `std`: the cut leaves 0.87962566 of the spread.
    private static func truncatedNormal(_ shape: [Int], std: Double) throws -> Tensor {
        let scale = std / 0.87962566103423978
        var samples = try Tensor.randn(shape)
        // Redraw the values beyond ±2 until none remain (about 4.6 % per round).
        for _ in 0..<100 {
            let outside = try samples.abs().gt(2)
            guard try outside.any() else { break }
            samples = try Tensor.where(outside, try Tensor.randn(shape), samples)
        }
        return try samples.clamp(min: -2, max: 2) * scale
    }

    /// An orthogonal matrix of (product of leading sizes) × (last size), from the SVD of a Gaussian
    /// matrix (its polar factor U·Vᵀ), times `gain`.
    private static func orthogonal(_ shape: [Int], gain: Double) throws -> Tensor {
        guard shape.count >= 2 else {
            throw NNError("orthogonal", .value, "needs a weight of at least 2 dimensions, got \(shape)")
        }
        let rows = shape.dropLast().reduce(1, *), columns = shape[shape.count - 1]
        let (u, _, vt) = try Tensor.randn([rows, columns]).svd(fullMatrices: false)
        return try (u.matmul(vt) * gain).reshape(shape)
    }
}
