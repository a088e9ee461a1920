#if canImport(Glibc)
import Glibc
#endif

/// tanh for 8 floats at once. Near zero an odd polynomial (Cephes' tanhf coefficients, |x| < 0.625)
/// keeps the relative accuracy that (1 − e)/(1 + e) would lose to cancellation; elsewhere
/// sign(x)·(1 − e)/(1 + e) with e = e^(−2|x|), which saturates to ±1 without overflow.
@inline(__always)
func vectorTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = pointwiseMax(x, -x)
    let e = vectorExp(SIMD8(repeating: -2) * magnitude)
    var large = (SIMD8(repeating: 1) - e) / (SIMD8(repeating: 1) + e)
    large.replace(with: -large, where: x .< 0)
    let z = x * x
    var p = SIMD8<Float>(repeating: -5.70498872745e-3)
    p = p * z + SIMD8(repeating: 2.06390887954e-2)
    p = p * z + SIMD8(repeating: -5.37397155531e-2)
    p = p * z + SIMD8(repeating: 1.33314422036e-1)
    p = p * z + SIMD8(repeating: -3.33332819422e-1)
    let small = p * z * x + x
    return large.replacing(with: small, where: magnitude .< 0.625).replacing(with: x, where: x .!= x)
}

/// tanh with the SIMD path for contiguous runs (the recurrent kernels' activation).
struct FastTanhKernel: UnaryKernel {
    @inline(__always) func apply(_ x: Float) -> Float { tanhf(x) }
    func applyContiguous(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int) {
        forEachVector(input, output, n, vector: vectorTanh, scalar: tanhf)
    }
    var parallelGrain: Int { costlyGrain }
}
