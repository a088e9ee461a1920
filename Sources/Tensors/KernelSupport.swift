import CBLAS
import CKernels

/// Building blocks of the neural-network kernels (convolutions, recurrent layers; NeuralKernels/): the BLAS
/// matrix product on raw buffers, the loop splitter the elementwise kernels use, and SIMD versions of the
/// exponential-based activations. They work on pointers the caller got from contiguous tensors. Only the
/// instruction set is public (the host reports it).
public enum KernelSupport {
    /// The instruction set the vector kernels chose at start-up: "AVX-512", "AVX2" or "x86-64" (the
    /// environment variable LUNETTE_MAX_ISA, "avx2" or "x86-64", caps it; oneDNN's own is DNNL_MAX_CPU_ISA).
    public static var instructionSet: String { String(cString: lunette_vector_isa()) }

    /// How many parts `parallelFor` splits large work into (the machine's cores, at most 8).
    static var workerCount: Int { Tensors.workerCount }

    /// Calls `body` on disjoint ranges covering `0..<count`, on several threads when `count / grain`
    /// allows more than one part, otherwise once on this thread. `body` must write disjoint memory per range.
    static func parallelFor(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        parallelRanges(count, grain: grain, body)
    }

    /// Products of fewer multiply-adds than this run on the calling thread; larger ones are split between
    /// the workers (outside `withoutSplittingProducts`).
    static var productSplitThreshold: Int { Tensors.productSplitThreshold }

    /// Runs `body` with every `sgemm` on the thread that calls it, for kernels that split their work between
    /// threads themselves and call `sgemm` from each (several products at once on their own parts):
    /// splitting those products again would only oversubscribe the cores.
    static func withoutSplittingProducts<R>(_ body: () throws -> R) rethrows -> R {
        productsSplitByCaller.add(1, ordering: .relaxed)
        defer { productsSplitByCaller.subtract(1, ordering: .relaxed) }
        return try body()
    }

    /// Row-major `c = alpha · op(a) · op(b) + beta · c` through OpenBLAS `sgemm`, where op transposes when
    /// asked; `a` is m×k (k×m stored when transposed), `b` k×n (n×k when transposed), `c` m×n, each with its
    /// leading dimension (elements between rows as stored). Throws for sizes beyond BLAS's 32-bit ints.
    static func sgemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                             alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) throws {
        let limit = Int(Int32.max)
        guard m >= 0, n >= 0, k >= 0, [m, n, k, lda, ldb, ldc].allSatisfy({ $0 <= limit }) else {
            throw TensorError("sgemm", .shape, "a product of (\(m), \(k)) and (\(k), \(n)) matrices is too large for BLAS (32-bit sizes)")
        }
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves c alone when k is 0 only if beta is 1; make beta's meaning hold for every k.
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        rowMajorSgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                      a: a, lda: Swift.max(1, lda), b: b, ldb: Swift.max(1, ldb), beta: beta, c: c, ldc: Swift.max(1, ldc))
    }

    /// `y[i] = 1 / (1 + e^-x[i])` for `n` elements (SIMD; `y` may be `x`).
    static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        SigmoidKernel().applyContiguous(x, y, n)
    }

    /// `y[i] = tanh(x[i])` for `n` elements (SIMD, within a few float32 ulps; `y` may be `x`).
    static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        TanhKernel().applyContiguous(x, y, n)
    }

    /// `y[i] = e^x[i]` for `n` elements (SIMD; `y` may be `x`).
    static func exp(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        ExpKernel().applyContiguous(x, y, n)
    }
}
