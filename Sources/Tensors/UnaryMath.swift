#if canImport(Glibc)
import Glibc
#endif
import CKernels

struct NegateKernel<T: ArithmeticElement>: UnaryKernel {
    @inline(__always) func apply(_ x: T) -> T { T.negate(x) }
}
struct FloatAbsKernel: UnaryKernel { @inline(__always) func apply(_ x: Float) -> Float { Swift.abs(x) } }
struct IntAbsKernel: UnaryKernel { @inline(__always) func apply(_ x: Int64) -> Int64 { x < 0 ? 0 &- x : x } }
struct FloatSignKernel: UnaryKernel { @inline(__always) func apply(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : x) } }
struct IntSignKernel: UnaryKernel { @inline(__always) func apply(_ x: Int64) -> Int64 { x > 0 ? 1 : (x < 0 ? -1 : 0) } }
struct ExpKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { expf(x) }
    func applyContiguous(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int) {
        lunette_exp(input, output, Int64(n))
    }
    var parallelGrain: Int { costlyGrain }
}
struct LogKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { logf(x) }
    var parallelGrain: Int { costlyGrain }
}
struct Log1pKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { log1pf(x) }
    var parallelGrain: Int { costlyGrain }
}
struct SqrtKernel: UnaryKernel { @inline(__always) func apply(_ x: Float) -> Float { x.squareRoot() } }
struct RsqrtKernel: UnaryKernel { @inline(__always) func apply(_ x: Float) -> Float { 1 / x.squareRoot() } }
struct SinKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { sinf(x) }
    var parallelGrain: Int { costlyGrain }
}
struct CosKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { cosf(x) }
    var parallelGrain: Int { costlyGrain }
}
struct TanhKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { tanhf(x) }
    func applyContiguous(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int) {
        lunette_tanh(input, output, Int64(n))
    }
    var parallelGrain: Int { costlyGrain }
}
/// 1 / (1 + e^-x), computed from e^-|x| so that it neither overflows nor loses the small values.
struct SigmoidKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float {
        let e = expf(-Swift.abs(x))
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }
    func applyContiguous(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int) {
        lunette_sigmoid(input, output, Int64(n))
    }
    var parallelGrain: Int { costlyGrain }
}
struct ReluKernel: UnaryKernel { @inline(__always) func apply(_ x: Float) -> Float { x < 0 ? 0 : x } }
struct EluKernel: UnaryKernel {
    let alpha: Float
    @inline(__always) func apply(_ x: Float) -> Float { x > 0 ? x : alpha * expm1f(x) }
    var parallelGrain: Int { costlyGrain }
}
struct LeakyReluKernel: UnaryKernel {
    let slope: Float
    @inline(__always) func apply(_ x: Float) -> Float { x > 0 ? x : x * slope }
}
/// log(1 + e^(βx)) / β, linear above the threshold (as PyTorch), stable below.
struct SoftplusKernel: UnaryKernel {
    let beta: Float, threshold: Float
    @inline(__always) func apply(_ x: Float) -> Float {
        let z = beta * x
        return z > threshold ? x : (Swift.max(z, 0) + log1pf(expf(-Swift.abs(z)))) / beta
    }
    var parallelGrain: Int { costlyGrain }
}
struct ClampKernel<T: ArithmeticElement>: UnaryKernel {
    let low: T, high: T
    @inline(__always) func apply(_ x: T) -> T { x < low ? low : (x > high ? high : x) }
}
struct RoundingKernel: UnaryKernel {
    let rule: FloatingPointRoundingRule
    @inline(__always) func apply(_ x: Float) -> Float { x.rounded(rule) }
}
/// The gradient of a piecewise function: `g` where `x > 0`, `g * slope` elsewhere.
struct PositivePartGradKernel: BinaryKernel {
    let slope: Float
    @inline(__always) func apply(_ g: Float, _ x: Float) -> Float { x > 0 ? g : g * slope }
}

extension Tensor {
    /// Applies a float32 kernel (integer tensors are converted first) and records `backward`, which
    /// gets the output gradient, the input and the output. Without `createGraph` the output is a detached
    /// alias; with it, it is recomputed with history so that second derivatives see its dependence on x.
    func unary<K: UnaryKernel>(_ name: String, _ kernel: K,
                                       backward: @escaping (_ g: Tensor, _ x: Tensor, _ y: Tensor) throws -> Tensor) throws -> Tensor
    where K.In == Float, K.Out == Float {
        let x = try to(.float32)
        let out = try kernel.map(x, dtype: .float32, op: name)
        guard Autograd.needsGrad(self) else { return out }
        let y = out.detach()
        return Autograd.record(name, inputs: [self], output: out, saving: [x, out]) { g in
            let output = Autograd.isGradEnabled ? try x.unary(name, kernel, backward: backward) : y
            return [try backward(g, x, output)]
        }
    }

    public func neg() throws -> Tensor {
        if dtype != .float32 { return try NegateKernel<Int64>().map(to(.int64), dtype: .int64, op: "neg") }
        return try unary("neg", NegateKernel<Float>()) { g, _, _ in try g.neg() }
    }

    public func abs() throws -> Tensor {
        if dtype != .float32 { return try IntAbsKernel().map(to(.int64), dtype: .int64, op: "abs") }
        return try unary("abs", FloatAbsKernel()) { g, x, _ in try g * x.sign() }
    }

    /// -1, 0 or 1 by the sign of each element (NaN stays NaN); zero gradient.
    public func sign() throws -> Tensor {
        if dtype != .float32 { return try IntSignKernel().map(to(.int64), dtype: .int64, op: "sign") }
        return try unary("sign", FloatSignKernel()) { g, _, _ in try Tensor.zeros(like: g) }
    }

    public func exp() throws -> Tensor { try unary("exp", ExpKernel()) { g, _, y in try g * y } }
    public func log() throws -> Tensor { try unary("log", LogKernel()) { g, x, _ in try g / x } }
    /// log(1 + x), accurate for small x.
    public func log1p() throws -> Tensor { try unary("log1p", Log1pKernel()) { g, x, _ in try g / (x + 1) } }
    public func sqrt() throws -> Tensor { try unary("sqrt", SqrtKernel()) { g, _, y in try g / (y * 2) } }
    /// 1 / sqrt(x).
    public func rsqrt() throws -> Tensor { try unary("rsqrt", RsqrtKernel()) { g, _, y in try g * y * y * y * -0.5 } }
    public func sin() throws -> Tensor { try unary("sin", SinKernel()) { g, x, _ in try g * x.cos() } }
    public func cos() throws -> Tensor { try unary("cos", CosKernel()) { g, x, _ in try (g * x.sin()).neg() } }
    public func tanh() throws -> Tensor { try unary("tanh", TanhKernel()) { g, _, y in try g * (1 - y * y) } }
    public func sigmoid() throws -> Tensor { try unary("sigmoid", SigmoidKernel()) { g, _, y in try g * y * (1 - y) } }
    public func relu() throws -> Tensor { try unary("relu", ReluKernel()) { g, x, _ in try g.positivePartGrad(x, slope: 0) } }

    /// x for x > 0, alpha·(e^x − 1) otherwise.
    public func elu(alpha: Double = 1) throws -> Tensor {
        try unary("elu", EluKernel(alpha: Float(alpha))) { g, x, y in
            try g * Tensor.where(x.gt(0), Tensor(scalar: 1), y + alpha)
        }
    }

    /// x for x > 0, slope·x otherwise (Keras' default slope is 0.3, PyTorch's 0.01).
    public func leakyRelu(slope: Double = 0.01) throws -> Tensor {
        try unary("leakyRelu", LeakyReluKernel(slope: Float(slope))) { g, x, _ in try g.positivePartGrad(x, slope: slope) }
    }

    /// log(1 + e^(βx)) / β; linear where βx > threshold.
    public func softplus(beta: Double = 1, threshold: Double = 20) throws -> Tensor {
        guard beta > 0 else { throw TensorError("softplus", .value, "beta must be positive, got \(beta)") }
        return try unary("softplus", SoftplusKernel(beta: Float(beta), threshold: Float(threshold))) { g, x, _ in
            try g * (x * beta).sigmoid()
        }
    }

    /// Limits every element to `min...max` (either may be omitted). Integer tensors stay integer when the
    /// bounds are integers. The gradient passes where `min <= x <= max`.
    public func clamp(min low: Double? = nil, max high: Double? = nil) throws -> Tensor {
        if let low, let high, low > high {
            throw TensorError("clamp", .value, "min \(low) is larger than max \(high)")
        }
        let integral = dtype != .float32 && (low ?? 0).rounded() == (low ?? 0) && (high ?? 0).rounded() == (high ?? 0)
        if integral {
            return try ClampKernel(low: low.map { Int64(saturating: $0) } ?? .min, high: high.map { Int64(saturating: $0) } ?? .max)
                .map(to(.int64), dtype: .int64, op: "clamp")
        }
        let kernel = ClampKernel(low: low.map(Float.init) ?? -.infinity, high: high.map(Float.init) ?? .infinity)
        return try unary("clamp", kernel) { g, x, _ in
            var inside = try Tensor.ones(like: x, dtype: .bool)
            if let low { inside = try inside.logicalAnd(x.ge(low)) }
            if let high { inside = try inside.logicalAnd(x.le(high)) }
            return try g * inside
        }
    }

    public func floor() throws -> Tensor { try rounding("floor", .down) }
    public func ceil() throws -> Tensor { try rounding("ceil", .up) }
    /// Rounds half to even, as PyTorch and NumPy do.
    public func round() throws -> Tensor { try rounding("round", .toNearestOrEven) }

    private func rounding(_ name: String, _ rule: FloatingPointRoundingRule) throws -> Tensor {
        if dtype != .float32 { return self }
        return try unary(name, RoundingKernel(rule: rule)) { g, _, _ in try Tensor.zeros(like: g) }
    }

    /// `g` where `x > 0`, `g * slope` elsewhere; differentiable in `g` (the ReLU family's backward).
    func positivePartGrad(_ x: Tensor, slope: Double) throws -> Tensor {
        let out = try Tensor(uninitialized: try broadcastShape(shape, x.shape, op: "relu backward"), dtype: .float32, op: "relu backward")
        PositivePartGradKernel(slope: Float(slope)).run(self, x, into: out)
        return Autograd.record("relu backward", inputs: [self], output: out, saving: [x]) { gg in [try gg.positivePartGrad(x, slope: slope)] }
    }
}
