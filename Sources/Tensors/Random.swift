#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The process-wide random generator behind `rand`, `randn`, `randperm`, dropout masks and weight
/// initializers. It starts from a fixed seed, so runs are reproducible until `manualSeed` says otherwise.
public enum Random {
    static let defaultSeed: UInt64 = 20_240_917
    private static let generator = Mutex(SeededGenerator(seed: defaultSeed))

    /// Restarts the generator from `seed`: the same seed gives the same numbers.
    public static func manualSeed(_ seed: UInt64) {
        generator.withLock { $0 = SeededGenerator(seed: seed) }
    }

    /// Restarts the generator from the seed every process starts with.
    public static func restart() { manualSeed(defaultSeed) }

    /// The generator's state, saved and put back by the notebook's cell cache so that a cached run
    /// draws the same numbers as one that ran every cell.
    public static var state: [UInt64] {
        get { generator.withLock { [$0.state.0, $0.state.1, $0.state.2, $0.state.3] } }
        set {
            guard newValue.count == 4 else { return }
            generator.withLock { $0.state = (newValue[0], newValue[1], newValue[2], newValue[3]) }
        }
    }

    static func withGenerator<R>(_ body: (inout SeededGenerator) throws -> R) rethrows -> R {
        try generator.withLock { try body(&$0) }
    }
}

extension Tensor {
    /// Uniform random float32 numbers in [0, 1).
    public static func rand(_ shape: [Int]) throws -> Tensor { try uniform(shape, low: 0, high: 1) }

    /// Uniform random float32 numbers in [low, high).
    public static func uniform(_ shape: [Int], low: Double, high: Double) throws -> Tensor {
        guard low <= high, low.isFinite, high.isFinite else {
            throw TensorError("uniform", .value, "needs finite low ≤ high, got \(low) and \(high)")
        }
        let t = try Tensor(uninitialized: Shape(shape, op: "uniform"), dtype: .float32, op: "uniform")
        let p = t.pointer(Float.self), scale = Float(high - low), shift = Float(low)
        Random.withGenerator { g in
            for i in 0..<t.count { p[i] = shift + scale * g.nextFloat() }
        }
        return t
    }

    /// Standard normal float32 numbers (Box–Muller on pairs of uniforms).
    public static func randn(_ shape: [Int]) throws -> Tensor { try normal(shape, mean: 0, std: 1) }

    /// Normal float32 numbers with the given mean and standard deviation.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1) throws -> Tensor {
        guard std >= 0, std.isFinite, mean.isFinite else {
            throw TensorError("normal", .value, "needs a finite mean and std ≥ 0, got \(mean) and \(std)")
        }
        let t = try Tensor(uninitialized: Shape(shape, op: "normal"), dtype: .float32, op: "normal")
        let p = t.pointer(Float.self), n = t.count
        Random.withGenerator { g in
            var i = 0
            while i < n {
                // 1 − u lies in (0, 1], so the logarithm is finite.
                let radius = (-2 * naturalLog(1 - g.nextDouble())).squareRoot(), angle = 2 * Double.pi * g.nextDouble()
                p[i] = Float(mean + std * radius * Glibc.cos(angle))
                if i + 1 < n { p[i + 1] = Float(mean + std * radius * Glibc.sin(angle)) }
                i += 2
            }
        }
        return t
    }

    /// Uniform random int64 integers in low..<high.
    public static func randint(low: Int, high: Int, _ shape: [Int]) throws -> Tensor {
        guard low < high else { throw TensorError("randint", .value, "needs low < high, got \(low) and \(high)") }
        let t = try Tensor(uninitialized: Shape(shape, op: "randint"), dtype: .int64, op: "randint")
        let p = t.pointer(Int64.self), span = UInt64(bitPattern: Int64(high) &- Int64(low))
        Random.withGenerator { g in
            for i in 0..<t.count { p[i] = Int64(low) &+ Int64(bitPattern: g.integer(below: span)) }
        }
        return t
    }

    /// A random permutation of 0..<n (int64), by Fisher–Yates.
    public static func randperm(_ n: Int) throws -> Tensor {
        guard n >= 0 else { throw TensorError("randperm", .value, "n must not be negative, got \(n)") }
        let t = try arange(n)
        let p = t.pointer(Int64.self)
        Random.withGenerator { g in
            for i in stride(from: n - 1, to: 0, by: -1) {
                p.swapAt(i, g.integer(below: i + 1))
            }
        }
        return t
    }

    /// float32 0/1 draws that are 1 with probability `p` (dropout keeps an element where the mask is 1).
    public static func bernoulli(_ shape: [Int], p: Double) throws -> Tensor {
        guard p >= 0, p <= 1 else { throw TensorError("bernoulli", .value, "p must lie in [0, 1], got \(p)") }
        let t = try Tensor(uninitialized: Shape(shape, op: "bernoulli"), dtype: .float32, op: "bernoulli")
        let q = t.pointer(Float.self)
        Random.withGenerator { g in
            for i in 0..<t.count { q[i] = g.nextDouble() < p ? 1 : 0 }
        }
        return t
    }
}

extension UnsafeMutablePointer {
    fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
