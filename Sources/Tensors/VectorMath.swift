/// e^x for 8 floats at once (the libm call per element is the bottleneck of exp, sigmoid and softmax).
///
/// Range reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two parts so n·ln 2 is exact
/// enough), e^r by its degree-7 Taylor-like minimax polynomial (Cephes' coefficients), then scaling by
/// 2ⁿ in two halves so that neither overflows early nor underflows before the denormals. About 1 ulp;
/// NaN stays NaN, large inputs give +∞ and very negative ones 0.
@inline(__always)
func vectorExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // `replacing` rather than pointwiseMin/Max, which the compiler does not vectorize.
    let clamped = x.replacing(with: -104, where: x .< -104).replacing(with: 89, where: x .> 89)
    // Adding 1.5·2²³ rounds to an integer, which then sits in the low mantissa bits.
    let shifter = SIMD8<Float>(repeating: 12582912)
    let t = clamped * SIMD8(repeating: 1.44269504088896341) + shifter
    let n = t - shifter
    var r = clamped - n * SIMD8(repeating: 0.693359375)
    r = r - n * SIMD8(repeating: -2.12194440e-4)
    var p = SIMD8<Float>(repeating: 1.9875691500e-4)
    p = p * r + SIMD8(repeating: 1.3981999507e-3)
    p = p * r + SIMD8(repeating: 8.3334519073e-3)
    p = p * r + SIMD8(repeating: 4.1665795894e-2)
    p = p * r + SIMD8(repeating: 1.6666665459e-1)
    p = p * r + SIMD8(repeating: 5.0000001201e-1)
    let y = p * r * r + r + SIMD8(repeating: 1)
    let exponent = unsafeBitCast(t, to: SIMD8<Int32>.self) &- unsafeBitCast(shifter, to: SIMD8<Int32>.self)
    let half = exponent &>> 1, rest = exponent &- half
    let scale1 = unsafeBitCast((half &+ 127) &<< 23, to: SIMD8<Float>.self)
    let scale2 = unsafeBitCast((rest &+ 127) &<< 23, to: SIMD8<Float>.self)
    return (y * scale1 * scale2).replacing(with: x, where: x .!= x)
}

/// |x| for 8 floats, by clearing the sign bits.
@inline(__always)
func vectorAbs(_ x: SIMD8<Float>) -> SIMD8<Float> {
    unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
}

/// tanh for 8 floats: an odd polynomial near 0 (Cephes' tanhf coefficients, where 1 − 2/(e^2x + 1)
/// would cancel) and 1 − 2/(e^2|x| + 1) with the sign restored elsewhere. About 2 ulp.
@inline(__always)
func vectorTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = vectorAbs(x)
    let z = x * x
    var p = SIMD8<Float>(repeating: -5.70498872745e-3)
    p = p * z + SIMD8(repeating: 2.06390887954e-2)
    p = p * z + SIMD8(repeating: -5.37397155531e-2)
    p = p * z + SIMD8(repeating: 1.33314422036e-1)
    p = p * z + SIMD8(repeating: -3.33332819422e-1)
    let small = x + x * z * p
    let e = vectorExp(magnitude.replacing(with: 20, where: magnitude .> 20) * 2)
    var large = SIMD8<Float>(repeating: 1) - SIMD8(repeating: 2) / (e + 1)
    large = large.replacing(with: -large, where: x .< 0)
    return large.replacing(with: small, where: magnitude .< 0.625).replacing(with: x, where: x .!= x)
}

/// Runs `vector` over whole groups of 8 and `scalar` over the rest.
@inline(__always)
func forEachVector(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int,
                   vector: (SIMD8<Float>) -> SIMD8<Float>, scalar: (Float) -> Float) {
    var i = 0
    while i + 8 <= n {
        let v = UnsafeRawPointer(input + i).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(output + i).storeBytes(of: vector(v), as: SIMD8<Float>.self)
        i += 8
    }
    while i < n {
        output[i] = scalar(input[i])
        i += 1
    }
}

/// Σ x (or Σ x²) over a contiguous run, accumulated in Double over 8 lanes so that long sums keep
/// float32 precision and still run at memory speed.
func contiguousSum(_ x: UnsafePointer<Float>, _ n: Int, square: Bool = false) -> Double {
    let parts = parallelPartCount(n, grain: cheapGrain)
    if parts <= 1 { return serialSum(x, n, square: square) }
    var partials = [Double](repeating: 0, count: parts)
    partials.withUnsafeMutableBufferPointer { partials in
        parallelParts(n, grain: cheapGrain) { part, range in
            partials[part] = serialSum(x + range.lowerBound, range.count, square: square)
        }
    }
    return partials.reduce(0, +)
}

@inline(__always)
private func serialSum(_ x: UnsafePointer<Float>, _ n: Int, square: Bool) -> Double {
    var low = SIMD4<Double>(), high = SIMD4<Double>()
    var i = 0
    while i + 8 <= n {
        var v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
        if square { v *= v }
        low += SIMD4<Double>(v.lowHalf)
        high += SIMD4<Double>(v.highHalf)
        i += 8
    }
    var total = (low + high).sum()
    while i < n {
        total += square ? Double(x[i]) * Double(x[i]) : Double(x[i])
        i += 1
    }
    return total
}
