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
