#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// xoshiro256** (Blackman and Vigna): fast, 256 bits of state, passes the usual statistical test suites.
struct Xoshiro256StarStar {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the state from one number through SplitMix64, so that nearby seeds give unrelated streams.
    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotate(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotate(s.3, 45)
        return result
    }

    @inline(__always) private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 24 random bits (every float32 step).
    @inline(__always) mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always) mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in 0..<bound without modulo bias (rejects the incomplete last block).
    mutating func next(below bound: UInt64) -> UInt64 {
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = next()
            if x < limit { return x % bound }
        }
    }
}

/// The process-wide random generator behind `rand`, `randn`, `randperm`, dropout masks and weight
/// initializers. It starts from a fixed seed, so runs are reproducible until `manualSeed` says otherwise.
public enum Random {
    static let defaultSeed: UInt64 = 20_240_917
    private static let generator = Mutex(Xoshiro256StarStar(seed: defaultSeed))

    /// Restarts the generator from `seed`: the same seed gives the same numbers.
    public static func manualSeed(_ seed: UInt64) {
        generator.withLock { $0 = Xoshiro256StarStar(seed: seed) }
    }

    static func withGenerator<R>(_ body: (inout Xoshiro256StarStar) throws -> R) rethrows -> R {
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
            for i in 0..<t.count { p[i] = Int64(low) &+ Int64(bitPattern: g.next(below: span)) }
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
                p.swapAt(i, Int(g.next(below: UInt64(i + 1))))
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
