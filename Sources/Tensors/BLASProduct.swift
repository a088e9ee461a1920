import CBLAS
import CKernels
import Synchronization

/// Matrix products run on oneDNN's sgemm, which picks AVX2 or AVX-512 kernels at run time (about twice
/// OpenBLAS's speed per core where AVX-512 exists), one thread per call. Large products are split between
/// Lunette's workers, each computing its own rows (or columns) of the result. OpenBLAS still serves LAPACK,
/// single-threaded (set once): its threads spun in sched_yield and competed with Lunette's workers.
let blasThreadsConfigured: Void = openblas_set_num_threads(1)

/// Raised while kernels that split their work between threads themselves call sgemm from each part,
/// so that those products are not split again.
let productsSplitByCaller = Atomic<Int>(0)

/// Multiply-adds below which a product runs on the calling thread: splitting costs microseconds.
let productSplitThreshold = 1 << 20

/// The smallest share of rows or columns one worker takes.
private let minimumPart = 16

/// Row-major `c = alpha · op(a) · op(b) + beta · c` through single-threaded sgemm calls: op transposes
/// when asked; `a` is m×k (k×m stored when transposed), `b` k×n (n×k when transposed), `c` m×n, each with
/// its leading dimension. Sizes must fit BLAS's 32-bit ints (the callers check) and m, n, k be positive.
func rowMajorSgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                   a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                   beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    func product(rows: Range<Int>, columns: Range<Int>) {
        // Sizes and leading dimensions were checked by the callers, so oneDNN has nothing to refuse.
        _ = lunette_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int64(rows.count), Int64(columns.count), Int64(k), alpha,
                          transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda, Int64(lda),
                          transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound, Int64(ldb),
                          beta, c + rows.lowerBound * ldc + columns.lowerBound, Int64(ldc))
    }
    let split = workerCount > 1 && productsSplitByCaller.load(ordering: .relaxed) == 0
        && Double(m) * Double(n) * Double(k) >= Double(productSplitThreshold)
    if split && m >= 2 * minimumPart {
        parallelRanges(m, grain: minimumPart) { product(rows: $0, columns: 0..<n) }
    } else if split && n >= 2 * minimumPart {
        parallelRanges(n, grain: minimumPart) { product(rows: 0..<m, columns: $0) }
    } else {
        product(rows: 0..<m, columns: 0..<n)
    }
}
