#if canImport(Glibc)
import Glibc
#endif

/// Float sums accumulate in Double, so long sums keep float32 precision.
struct FloatSumReducer: Reducer {
    var initial: Double { 0 }
    @inline(__always) func combine(_ a: inout Double, _ x: Float, _ index: Int) { a += Double(x) }
    @inline(__always) func combineContiguous(_ a: inout Double, _ x: UnsafePointer<Float>, _ n: Int, _ index: Int) {
        a += contiguousSum(x, n)
    }
}
struct IntSumReducer: Reducer {
    var initial: Int64 { 0 }
    @inline(__always) func combine(_ a: inout Int64, _ x: Int64, _ index: Int) { a &+= x }
}
struct FloatProductReducer: Reducer {
    var initial: Double { 1 }
    @inline(__always) func combine(_ a: inout Double, _ x: Float, _ index: Int) { a *= Double(x) }
}
struct IntProductReducer: Reducer {
    var initial: Int64 { 1 }
    @inline(__always) func combine(_ a: inout Int64, _ x: Int64, _ index: Int) { a &*= x }
}
struct SquareSumReducer: Reducer {
    var initial: Double { 0 }
    @inline(__always) func combine(_ a: inout Double, _ x: Float, _ index: Int) { a += Double(x) * Double(x) }
    @inline(__always) func combineContiguous(_ a: inout Double, _ x: UnsafePointer<Float>, _ n: Int, _ index: Int) {
        a += contiguousSum(x, n, square: true)
    }
}
struct AbsSumReducer: Reducer {
    var initial: Double { 0 }
    @inline(__always) func combine(_ a: inout Double, _ x: Float, _ index: Int) { a += Double(Swift.abs(x)) }
}
/// Welford's running mean and sum of squared deviations: one pass, no cancellation.
struct MomentsReducer: Reducer {
    var initial: (n: Double, mean: Double, m2: Double) { (0, 0, 0) }
    @inline(__always) func combine(_ a: inout (n: Double, mean: Double, m2: Double), _ x: Float, _ index: Int) {
        let v = Double(x)
        a.n += 1
        let delta = v - a.mean
        a.mean += delta / a.n
        a.m2 += delta * (v - a.mean)
    }
}
/// The largest (or smallest) element and its first position; NaN wins, as in PyTorch.
struct ExtremumReducer<T: ArithmeticElement>: Reducer {
    let largest: Bool
    var initial: (value: T, index: Int) { (.zero, -1) }
    @inline(__always) func combine(_ a: inout (value: T, index: Int), _ x: T, _ index: Int) {
        if a.index < 0 || (a.value == a.value && (x != x || (largest ? x > a.value : x < a.value))) {
            a = (x, index)
        }
    }
}

extension Tensor {
    /// Sum over `dims` (all when nil; negative dims count from the end). Integer and bool tensors sum to
    /// int64. `keepDims` keeps the reduced dimensions with size 1.
    public func sum(dims: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let d = try reductionDims(dims, op: "sum")
        let out: Tensor
        if dtype == .float32 {
            out = try reduceToNew(FloatSumReducer(), dims: d, keepDims: keepDims, dtype: .float32, op: "sum") { Float($0) }
        } else {
            out = try to(.int64).reduceToNew(IntSumReducer(), dims: d, keepDims: keepDims, dtype: .int64, op: "sum") { $0 }
        }
        return recordReduction("sum", out, dims: d, keepDims: keepDims) { g, _, _ in g }
    }

    public func sum(_ dim: Int, keepDims: Bool = false) throws -> Tensor { try sum(dims: [dim], keepDims: keepDims) }

    /// Mean over `dims` (all when nil); float32.
    public func mean(dims: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let d = try reductionDims(dims, op: "mean")
        let n = d.reduce(1) { $0 * shape[$1] }
        let out = try to(.float32).reduceToNew(FloatSumReducer(), dims: d, keepDims: keepDims, dtype: .float32, op: "mean") {
            Float($0 / Double(n))
        }
        return recordReduction("mean", out, dims: d, keepDims: keepDims) { g, _, _ in try g / Double(n) }
    }

    public func mean(_ dim: Int, keepDims: Bool = false) throws -> Tensor { try mean(dims: [dim], keepDims: keepDims) }

    /// Product over `dims` (all when nil). Integer tensors multiply in int64.
    public func prod(dims: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let d = try reductionDims(dims, op: "prod")
        if dtype != .float32 {
            return try to(.int64).reduceToNew(IntProductReducer(), dims: d, keepDims: keepDims, dtype: .int64, op: "prod") { $0 }
        }
        let out = try reduceToNew(FloatProductReducer(), dims: d, keepDims: keepDims, dtype: .float32, op: "prod") { Float($0) }
        guard Autograd.needsGrad(self) else { return out }
        let x = self
        return Autograd.recordFirstOrder("prod", inputs: [self], output: out, saving: [self]) { g in
            let gFull = try g.expandReduced(to: x.shape, dims: d, keepDims: keepDims)
            return [try gFull * x.productOfOthers(dims: d)]
        }
    }

    public func prod(_ dim: Int, keepDims: Bool = false) throws -> Tensor { try prod(dims: [dim], keepDims: keepDims) }

    /// Variance over `dims` (all when nil), float32; `unbiased` divides by n − 1 (PyTorch's default),
    /// otherwise by n.
    public func variance(dims: [Int]? = nil, unbiased: Bool = true, keepDims: Bool = false) throws -> Tensor {
        try moments("variance", dims: dims, unbiased: unbiased, keepDims: keepDims, takeRoot: false)
    }

    /// Standard deviation over `dims` (all when nil); see `variance`.
    public func std(dims: [Int]? = nil, unbiased: Bool = true, keepDims: Bool = false) throws -> Tensor {
        try moments("std", dims: dims, unbiased: unbiased, keepDims: keepDims, takeRoot: true)
    }

    private func moments(_ name: String, dims: [Int]?, unbiased: Bool, keepDims: Bool, takeRoot: Bool) throws -> Tensor {
        let d = try reductionDims(dims, op: name)
        let n = d.reduce(1) { $0 * shape[$1] }
        let divisor = Double(n - (unbiased ? 1 : 0))
        let x = try to(.float32)
        let out = try x.reduceToNew(MomentsReducer(), dims: d, keepDims: keepDims, dtype: .float32, op: name) { a in
            let v = divisor > 0 ? a.m2 / divisor : .nan
            return Float(takeRoot ? v.squareRoot() : v)
        }
        return recordReduction(name, out, dims: d, keepDims: keepDims) { g, x, y in
            let centered = try x - x.mean(dims: d, keepDims: true)
            if !takeRoot { return try g * centered * (2 / divisor) }
            // d std / dx = (x − mean) / ((n − c)·std); zero where the deviation is zero.
            let denominator = try y * divisor
            return try g * Tensor.where(denominator.eq(0), Tensor(scalar: 0), centered / denominator)
        }
    }

    /// The largest element (a 0-dimensional tensor).
    public func max() throws -> Tensor { try max(dims: nil) }
    /// The smallest element (a 0-dimensional tensor).
    public func min() throws -> Tensor { try min(dims: nil) }

    /// Largest values over `dims` (all when nil). The gradient is shared equally by tied maxima.
    public func max(dims: [Int]?, keepDims: Bool = false) throws -> Tensor { try extremeValues(largest: true, dims: dims, keepDims: keepDims) }
    /// Smallest values over `dims` (all when nil).
    public func min(dims: [Int]?, keepDims: Bool = false) throws -> Tensor { try extremeValues(largest: false, dims: dims, keepDims: keepDims) }

    /// Largest values along `dim` and their first positions (int64). The gradient goes to those positions.
    public func max(_ dim: Int, keepDims: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremeAlong(dim, largest: true, keepDims: keepDims)
    }

    /// Smallest values along `dim` and their first positions (int64).
    public func min(_ dim: Int, keepDims: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremeAlong(dim, largest: false, keepDims: keepDims)
    }

    /// Position of the largest element along `dim`, or in the flattened tensor when `dim` is nil.
    public func argmax(_ dim: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        guard let dim else { return try flatten().extremeAlong(0, largest: true, keepDims: false).indices }
        return try extremeAlong(dim, largest: true, keepDims: keepDims).indices
    }

    /// Position of the smallest element along `dim`, or in the flattened tensor when `dim` is nil.
    public func argmin(_ dim: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        guard let dim else { return try flatten().extremeAlong(0, largest: false, keepDims: false).indices }
        return try extremeAlong(dim, largest: false, keepDims: keepDims).indices
    }

    private func extremeValues(largest: Bool, dims: [Int]?, keepDims: Bool) throws -> Tensor {
        let name = largest ? "max" : "min"
        let d = try reductionDims(dims, op: name)
        try checkNonEmpty(d, op: name)
        let out: Tensor
        if dtype == .float32 {
            out = try reduceToNew(ExtremumReducer<Float>(largest: largest), dims: d, keepDims: keepDims, dtype: .float32, op: name) { $0.value }
        } else {
            out = try to(.int64).reduceToNew(ExtremumReducer<Int64>(largest: largest), dims: d, keepDims: keepDims, dtype: .int64, op: name) { $0.value }
        }
        return recordReduction(name, out, dims: d, keepDims: keepDims) { g, x, y in
            let ties = try x.eq(y).float()
            return try g * ties / ties.sum(dims: d, keepDims: true)
        }
    }

    private func extremeAlong(_ dim: Int, largest: Bool, keepDims: Bool) throws -> (values: Tensor, indices: Tensor) {
        let name = largest ? "max" : "min"
        let d = rank == 0 ? [] : [try normalizedDim(dim, op: name)]
        try checkNonEmpty(d, op: name)
        let outShape = Tensor.reducedShape(shape, d, keepDims: keepDims)
        let indices = try Tensor(uninitialized: outShape, dtype: .int64, op: name)
        let pi = indices.pointer(Int64.self)
        let values: Tensor
        if dtype == .float32 {
            values = try Tensor(uninitialized: outShape, dtype: .float32, op: name)
            let pv = values.pointer(Float.self)
            reduce(ExtremumReducer<Float>(largest: largest), dims: d) { i, a in pv[i] = a.value; pi[i] = Int64(Swift.max(a.index, 0)) }
        } else {
            values = try Tensor(uninitialized: outShape, dtype: .int64, op: name)
            let pv = values.pointer(Int64.self)
            try to(.int64).reduce(ExtremumReducer<Int64>(largest: largest), dims: d) { i, a in pv[i] = a.value; pi[i] = Int64(Swift.max(a.index, 0)) }
        }
        guard Autograd.needsGrad(self), let axis = d.first else { return (values, indices) }
        let inputShape = shape
        let keptIndices = keepDims ? indices : try indices.unsqueeze(axis)
        Autograd.record(name, inputs: [self], output: values, saving: [indices]) { g in
            let gKept = keepDims ? g : try g.unsqueeze(axis)
            return [try Tensor.zeros(shape: inputShape).scatterAdd(axis, index: keptIndices, source: gKept)]
        }
        return (values, indices)
    }

    private func checkNonEmpty(_ dims: [Int], op: String) throws {
        for d in dims where shape[d] == 0 {
            throw TensorError(op, .shape, "cannot reduce dimension \(dim: d) of size 0 (shape \(shape))")
        }
        if dims.isEmpty && count == 0 {
            throw TensorError(op, .shape, "cannot reduce an empty tensor of shape \(shape)")
        }
    }

    /// The p-norm over `dims` (all when nil): p = 2 (default), 1, or any positive p; `.infinity` gives
    /// the largest magnitude. The gradient at a zero norm is zero.
    public func norm(p: Double = 2, dims: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let d = try reductionDims(dims, op: "norm")
        let x = try to(.float32)
        switch p {
        case 2:
            let out = try x.reduceToNew(SquareSumReducer(), dims: d, keepDims: keepDims, dtype: .float32, op: "norm") { Float($0.squareRoot()) }
            return recordReduction("norm", out, dims: d, keepDims: keepDims) { g, x, y in
                try g * Tensor.where(y.eq(0), Tensor(scalar: 0), x / y)
            }
        case 1:
            let out = try x.reduceToNew(AbsSumReducer(), dims: d, keepDims: keepDims, dtype: .float32, op: "norm") { Float($0) }
            return recordReduction("norm", out, dims: d, keepDims: keepDims) { g, x, _ in try g * x.sign() }
        case .infinity:
            return try x.abs().max(dims: d, keepDims: keepDims)
        default:
            guard p > 0, p.isFinite else { throw TensorError("norm", .value, "p must be positive, got \(p)") }
            return try x.abs().pow(p).sum(dims: d, keepDims: keepDims).pow(1 / p)
        }
    }

    /// log(Σ exp(x)) over `dims` (all when nil), computed after subtracting the maximum so it neither
    /// overflows nor underflows.
    public func logsumexp(dims: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let d = try reductionDims(dims, op: "logsumexp")
        let x = try to(.float32)
        let peak = try Autograd.withoutGradients {
            let m = try x.max(dims: d, keepDims: true)
            return try Tensor.where(m.abs().eq(.infinity), Tensor(scalar: 0), m)
        }
        let result = try (x - peak).exp().sum(dims: d, keepDims: true).log() + peak
        return keepDims ? result : try result.reshape(shape: Tensor.reducedShape(shape, d, keepDims: false))
    }

    // MARK: Helpers

    /// Reduces into a new tensor of the reduced shape, converting each accumulator with `finish`.
    func reduceToNew<R: Reducer, T>(_ reducer: R, dims: [Int], keepDims: Bool, dtype: DType, op: String,
                                    _ finish: (R.Accumulator) -> T) throws -> Tensor {
        let out = try Tensor(uninitialized: Tensor.reducedShape(shape, dims, keepDims: keepDims), dtype: dtype, op: op)
        let po = out.pointer(T.self)
        reduce(reducer, dims: dims) { i, a in po[i] = finish(a) }
        return out
    }

    /// Records a reduction whose input gradient is `backward(gExpanded, x, yExpanded)`, where the output
    /// gradient and the output are reshaped with the reduced dimensions kept and expanded to x's shape.
    /// With createGraph the output is recomputed with history, so second derivatives see it.
    private func recordReduction(_ name: String, _ out: Tensor, dims: [Int], keepDims: Bool,
                                 backward: @escaping (_ g: Tensor, _ x: Tensor, _ y: Tensor) throws -> Tensor) -> Tensor {
        guard Autograd.needsGrad(self) else { return out }
        let x = self, y = out.detach()
        return Autograd.record(name, inputs: [self], output: out, saving: [x, out]) { g in
            let output = Autograd.isGradEnabled ? try x.recomputeReduction(name, dims: dims, keepDims: keepDims) : y
            return [try backward(g.expandReduced(to: x.shape, dims: dims, keepDims: keepDims),
                                 x, output.expandReduced(to: x.shape, dims: dims, keepDims: keepDims))]
        }
    }

    private func recomputeReduction(_ name: String, dims: [Int], keepDims: Bool) throws -> Tensor {
        switch name {
        case "std": try std(dims: dims, keepDims: keepDims)
        case "max": try max(dims: dims, keepDims: keepDims)
        case "min": try min(dims: dims, keepDims: keepDims)
        case "norm": try norm(dims: dims, keepDims: keepDims)
        default: try sum(dims: dims, keepDims: keepDims) // the other backwards do not use the output
        }
    }

    /// The gradient of a reduction's output, broadcast back over the reduced dimensions.
    func expandReduced(to inputShape: Shape, dims: [Int], keepDims: Bool) throws -> Tensor {
        let kept = keepDims ? self : try reshape(shape: Tensor.reducedShape(inputShape, dims, keepDims: true))
        return try kept.expand(to: inputShape)
    }

    /// For each element, the product of the other elements of its slice along `dims` (exact with zeros:
    /// built from exclusive prefix and suffix products).
    private func productOfOthers(dims: [Int]) throws -> Tensor {
        let keptDims = (0..<rank).filter { !dims.contains($0) }
        let order = keptDims + dims
        let moved = try permute(order).contiguous()
        let sliceLength = dims.reduce(1) { $0 * shape[$1] }
        let rows = sliceLength == 0 ? 0 : count / sliceLength
        let out = try Tensor(uninitialized: moved.shape, dtype: .float32, op: "prod backward")
        let src = moved.pointer(Float.self), dst = out.pointer(Float.self)
        for r in 0..<rows {
            let base = r * sliceLength
            var prefix: Float = 1
            for i in 0..<sliceLength { dst[base + i] = prefix; prefix *= src[base + i] }
            var suffix: Float = 1
            for i in stride(from: sliceLength - 1, through: 0, by: -1) { dst[base + i] *= suffix; suffix *= src[base + i] }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in order.enumerated() { inverse[d] = i }
        return try out.permute(inverse)
    }
}
