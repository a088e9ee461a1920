import CBLAS
import Synchronization

/// OpenBLAS runs single-threaded (set once, before the first product). Its own threads kept spinning
/// in sched_yield after each product and competed with Lunette's workers for the cores: that was a
/// quarter of the MNIST CNN's training time. Large products are split between Lunette's workers
/// instead, each calling sgemm on its own rows (or columns) of the result.
let blasThreadsConfigured: Void = openblas_set_num_threads(1)

/// Raised while kernels that split their work between threads themselves call sgemm from each part,
/// so that those products are not split again.
let productsSplitByCaller = Atomic<Int>(0)

/// Multiply-adds below which a product runs on the calling thread: splitting costs microseconds.
let productSplitThreshold = 1 << 20

/// The smallest share of rows or columns one worker takes.
private let minimumPart = 16

/// Row-major `c = alpha · op(a) · op(b) + beta · c` through single-threaded `sgemm` calls: op transposes
/// when asked; `a` is m×k (k×m stored when transposed), `b` k×n (n×k when transposed), `c` m×n, each with
/// its leading dimension. Sizes must fit BLAS's 32-bit ints (the callers check) and m, n, k be positive.
func rowMajorSgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                   a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                   beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    _ = blasThreadsConfigured
    func product(rows: Range<Int>, columns: Range<Int>) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(rows.count), Int32(columns.count), Int32(k), alpha,
                    transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda, Int32(lda),
                    transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound, Int32(ldb),
                    beta, c + rows.lowerBound * ldc + columns.lowerBound, Int32(ldc))
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
