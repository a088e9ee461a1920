import CheckedArithmetic
import Tensors

/// Keras' weight initializers, drawing from the Tensors random generator (`Random.manualSeed` makes
/// them repeatable). Fans follow Keras: a matrix (in, out) has fanIn = in, fanOut = out; a convolution
/// kernel (…spatial, in, out) multiplies both by the receptive field; a vector has both equal to its size.
public enum Initializers {
    /// (fanIn, fanOut) of a weight of `shape`, as Keras computes them.
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            // Saturating: a shape too large for a weight is refused by `requireCountable` before use.
            let receptive = CheckedSize.product(shape.dropLast(2)) ?? .max
            return (CheckedSize.product(shape[shape.count - 2], receptive) ?? .max,
                    CheckedSize.product(shape[shape.count - 1], receptive) ?? .max)
        }
    }

    /// Positive sizes whose product is an Int, so that fans (partial products) cannot overflow.
    static func requireCountable(_ shape: [Int], _ op: String) throws {
        guard shape.allSatisfy({ $0 > 0 }), CheckedSize.product(shape) != nil else {
            throw TensorError(op, .shape, "a weight needs positive sizes whose product is at most \(Int.max), got \(shape)")
        }
    }

    public enum FanMode: String, Sendable { case fanIn = "fan_in", fanOut = "fan_out", fanAverage = "fan_avg" }
    public enum Distribution: String, Sendable { case truncatedNormal = "truncated_normal", untruncatedNormal = "untruncated_normal", uniform }

    /// Keras' VarianceScaling: variance scale / n (n the chosen fan), drawn from a normal truncated at two
    /// standard deviations (its stddev corrected by 0.8796…, the truncated normal's spread), a plain normal,
    /// or a uniform distribution on ±√(3·variance).
    public static func varianceScaling(_ shape: [Int], scale: Double = 1, mode: FanMode = .fanIn,
                                       distribution: Distribution = .truncatedNormal) throws -> Tensor {
        guard scale > 0 else { throw TensorError("varianceScaling", .value, "scale must be positive, got \(scale)") }
        try requireCountable(shape, "varianceScaling")
        let (fanIn, fanOut) = fans(shape)
        let n = switch mode {
        case .fanIn: Double(fanIn)
        case .fanOut: Double(fanOut)
        case .fanAverage: (Double(fanIn) + Double(fanOut)) / 2
        }
        let variance = scale / Swift.max(1, n)
        switch distribution {
        case .truncatedNormal: return try truncatedNormal(shape, std: variance.squareRoot() / 0.87962566103423978)
        case .untruncatedNormal: return try Tensor.normal(shape, mean: 0, std: variance.squareRoot())
        case .uniform:
            let limit = (3 * variance).squareRoot()
            return try Tensor.uniform(shape, low: -limit, high: limit)
        }
    }

    /// Uniform on ±√(6 / (fanIn + fanOut)): Keras' default kernel initializer.
    public static func glorotUniform(_ shape: [Int]) throws -> Tensor { try varianceScaling(shape, mode: .fanAverage, distribution: .uniform) }
    public static func glorotNormal(_ shape: [Int]) throws -> Tensor { try varianceScaling(shape, mode: .fanAverage) }
    public static func heUniform(_ shape: [Int]) throws -> Tensor { try varianceScaling(shape, scale: 2, distribution: .uniform) }
    public static func heNormal(_ shape: [Int]) throws -> Tensor { try varianceScaling(shape, scale: 2) }
    public static func lecunUniform(_ shape: [Int]) throws -> Tensor { try varianceScaling(shape, distribution: .uniform) }
    public static func lecunNormal(_ shape: [Int]) throws -> Tensor { try varianceScaling(shape) }

    public static func zeros(_ shape: [Int]) throws -> Tensor { try Tensor.zeros(shape) }
    public static func ones(_ shape: [Int]) throws -> Tensor { try Tensor.ones(shape) }
    public static func constant(_ shape: [Int], value: Double) throws -> Tensor { try Tensor.full(shape, value: value) }

    /// Keras' RandomNormal (mean 0, stddev 0.05 by default).
    public static func randomNormal(_ shape: [Int], mean: Double = 0, std: Double = 0.05) throws -> Tensor {
        try Tensor.normal(shape, mean: mean, std: std)
    }

    /// Keras' RandomUniform (±0.05 by default).
    public static func randomUniform(_ shape: [Int], low: Double = -0.05, high: Double = 0.05) throws -> Tensor {
        try Tensor.uniform(shape, low: low, high: high)
    }

    /// A normal distribution with values beyond two standard deviations drawn again (Keras' TruncatedNormal,
    /// stddev 0.05 by default).
    public static func truncatedNormal(_ shape: [Int], mean: Double = 0, std: Double = 0.05) throws -> Tensor {
        guard std >= 0, std.isFinite, mean.isFinite else {
            throw TensorError("truncatedNormal", .value, "needs a finite mean and std ≥ 0, got \(mean) and \(std)")
        }
        var values = try Tensor.randn(shape).toArray(Float.self)
        var outside = values.indices.filter { Swift.abs(values[$0]) > 2 }
        while !outside.isEmpty {
            let redraw = try Tensor.randn([outside.count]).toArray(Float.self)
            for (i, v) in zip(outside, redraw) { values[i] = v }
            outside = outside.filter { Swift.abs(values[$0]) > 2 }
        }
        return try Tensor(values.map { Float(mean) + Float(std) * $0 }, shape: shape)
    }

    /// A (semi-)orthogonal matrix times `gain` (Keras' Orthogonal): the weight is seen as a matrix (the
    /// product of all but the last dimension, last dimension) and set to the orthogonal factor U·Vᵀ of the
    /// SVD of a Gaussian matrix, whose rows or columns are orthonormal.
    public static func orthogonal(_ shape: [Int], gain: Double = 1) throws -> Tensor {
        guard shape.count >= 2 else {
            throw TensorError("orthogonal", .shape, "needs a shape of at least 2 dimensions, got \(shape)")
        }
        let rows = CheckedSize.product(shape.dropLast()) ?? .max, columns = shape[shape.count - 1]
        let (u, _, vt) = try Tensor.randn([rows, columns]).svd(fullMatrices: false)
        return try (u.matmul(vt) * gain).reshape(shape)
    }
}
