#if canImport(Glibc)
import Glibc
#endif

// Activation functions of neural networks that the basic math does not cover, with Keras' definitions.

struct ErfKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { erff(x) }
    var parallelGrain: Int { costlyGrain }
}
/// x·Φ(x), Φ the standard normal distribution function.
struct GeluKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { 0.5 * x * (1 + erff(x * 0.70710678118654752)) }
    var parallelGrain: Int { costlyGrain }
}
/// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
struct GeluTanhKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float {
        0.5 * x * (1 + tanhf(0.79788456080286536 * (x + 0.044715 * x * x * x)))
    }
    var parallelGrain: Int { costlyGrain }
}
struct SeluKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float {
        x > 0 ? Tensor.seluScale * x : Tensor.seluScale * Tensor.seluAlpha * expm1f(x)
    }
    var parallelGrain: Int { costlyGrain }
}
/// x·σ(x), with σ from e^-|x| as in the sigmoid kernel.
struct SiluKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float {
        let e = expf(-Swift.abs(x))
        return x * (x >= 0 ? 1 / (1 + e) : e / (1 + e))
    }
    var parallelGrain: Int { costlyGrain }
}
/// relu6(x + 3) / 6: 0 below −3, 1 above 3, linear between.
struct HardSigmoidKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { Swift.min(Swift.max(x + 3, 0), 6) / 6 }
}

extension Tensor {
    /// SELU's constants (Klambauer et al.), as Keras and PyTorch use them.
    static let seluAlpha: Float = 1.6732632423543772
    static let seluScale: Float = 1.0507009873554805

    /// The error function, elementwise.
    public func erf() throws -> Tensor {
        try unary("erf", ErfKernel()) { g, x, _ in try g * (x * x).neg().exp() * 1.1283791670955126 }
    }

    /// GELU: x·Φ(x) with the exact normal distribution function (Keras' default), or with the tanh
    /// approximation when `approximate`.
    public func gelu(approximate: Bool = false) throws -> Tensor {
        if approximate {
            return try unary("gelu", GeluTanhKernel()) { g, x, _ in
                let inner = try (x + x * x * x * 0.044715) * 0.79788456080286536
                let t = try inner.tanh()
                let dInner = try (x * x * (3 * 0.044715) + 1) * 0.79788456080286536
                return try g * ((t + 1) * 0.5 + x * 0.5 * (1 - t * t) * dInner)
            }
        }
        return try unary("gelu", GeluKernel()) { g, x, _ in
            let cdf = try ((x * 0.70710678118654752).erf() + 1) * 0.5
            let density = try (x * x * -0.5).exp() * 0.3989422804014327
            return try g * (cdf + x * density)
        }
    }

    /// SELU: scale·x for x > 0, scale·alpha·(e^x − 1) otherwise (alpha ≈ 1.6733, scale ≈ 1.0507).
    public func selu() throws -> Tensor {
        try unary("selu", SeluKernel()) { g, x, y in
            try g * Tensor.where(x.gt(0), Tensor(scalar: Double(Tensor.seluScale)),
                                 y + Double(Tensor.seluScale * Tensor.seluAlpha))
        }
    }

    /// SiLU (swish): x·σ(x).
    public func silu() throws -> Tensor {
        try unary("silu", SiluKernel()) { g, x, _ in
            let s = try x.sigmoid()
            return try g * s * (x * (1 - s) + 1)
        }
    }

    /// Keras' hard sigmoid: relu6(x + 3) / 6.
    public func hardSigmoid() throws -> Tensor {
        try unary("hardSigmoid", HardSigmoidKernel()) { g, x, _ in
            try g * x.gt(-3).logicalAnd(x.lt(3)).float() * (1.0 / 6)
        }
    }
}
