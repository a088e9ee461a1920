import CBLAS

// Eigendecomposition and SVD through the LAPACK routines inside OpenBLAS (for PCA). LAPACK is
// column-major: a row-major matrix is the transpose of the column-major one at the same address, which
// the code below uses instead of copying. Not differentiable.

extension Tensor {
    private func checkedMatrix(_ op: String) throws -> Tensor {
        _ = blasThreadsConfigured  // LAPACK's inner products run single-threaded too
        guard rank == 2 else { throw TensorError(op, .shape, "needs a matrix, got shape \(shape)") }
        guard count <= Int(Int32.max) else { throw TensorError(op, .shape, "a matrix of shape \(shape) is too large for LAPACK (32-bit sizes)") }
        if Autograd.needsGrad(self) {
            throw TensorError(op, .autograd, "is not differentiable; call detach() on the input or use Autograd.withoutGradients")
        }
        let copy = try Autograd.withoutGradients { try to(.float32).clone() }
        let p = copy.pointer(Float.self)
        for i in 0..<copy.count where !p[i].isFinite {
            throw TensorError(op, .value, "the matrix contains NaN or infinite values")
        }
        return copy
    }

    /// Eigenvalues (ascending) and eigenvectors (the columns of `vectors`, orthonormal) of a symmetric
    /// matrix, so that `self = vectors · diag(values) · vectorsᵀ`. Only the lower triangle is read.
    public func symmetricEigen() throws -> (values: Tensor, vectors: Tensor) {
        let a = try checkedMatrix("symmetricEigen")
        let n = a.shape[0]
        guard a.shape[1] == n else { throw TensorError("symmetricEigen", .shape, "needs a square matrix, got shape \(shape)") }
        let values = try Tensor(uninitialized: Shape(unchecked: [n]), dtype: .float32, op: "symmetricEigen")
        if n == 0 { return (values, a) }
        // Column-major "upper" of the row-major array is the row-major lower triangle.
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U")), size = Int32(n), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1, workSize: Float = 0, iworkSize: Int32 = 0
        ssyevd_(&jobz, &uplo, &size, a.pointer(Float.self), &size, values.pointer(Float.self), &workSize, &lwork, &iworkSize, &liwork, &info)
        lwork = Int32(workSize)
        liwork = iworkSize
        var work = [Float](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
        ssyevd_(&jobz, &uplo, &size, a.pointer(Float.self), &size, values.pointer(Float.self), &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw TensorError("symmetricEigen", .value, "LAPACK ssyevd failed (info \(info))") }
        // LAPACK stored eigenvector j contiguously (column j, column-major): row j of the row-major array.
        return (values, try a.t().contiguous())
    }

    /// The singular value decomposition `self = u · diag(s) · vt`, singular values descending. With
    /// `fullMatrices` false (default) u is m×k and vt k×n for k = min(m, n); otherwise m×m and n×n.
    public func svd(fullMatrices: Bool = false) throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        let a = try checkedMatrix("svd")
        let m = a.shape[0], n = a.shape[1], k = Swift.min(m, n)
        // The row-major m×n matrix is the column-major n×m matrix Aᵀ = U'·S·V'ᵀ, so A = V'·S·U'ᵀ. LAPACK's
        // column-major U' (n×k) read row-major is U'ᵀ = our vt, and its V'ᵀ (k×m) read row-major is V' = our u.
        let uColumns = fullMatrices ? m : k, vtRows = fullMatrices ? n : k
        let s = try Tensor(uninitialized: Shape(unchecked: [k]), dtype: .float32, op: "svd")
        let u = try Tensor(uninitialized: Shape(unchecked: [m, uColumns]), dtype: .float32, op: "svd")
        let vt = try Tensor(uninitialized: Shape(unchecked: [vtRows, n]), dtype: .float32, op: "svd")
        if k == 0 {
            u.fillContiguous(0)
            vt.fillContiguous(0)
            return (u, s, vt)
        }
        var jobz = Int8(UInt8(ascii: fullMatrices ? "A" : "S"))
        var rows = Int32(n), columns = Int32(m), lda = Int32(n), ldu = Int32(n), ldvt = Int32(uColumns), info: Int32 = 0
        var lwork: Int32 = -1, workSize: Float = 0
        var iwork = [Int32](repeating: 0, count: 8 * k)
        sgesdd_(&jobz, &rows, &columns, a.pointer(Float.self), &lda, s.pointer(Float.self), vt.pointer(Float.self), &ldu,
                u.pointer(Float.self), &ldvt, &workSize, &lwork, &iwork, &info)
        lwork = Int32(workSize)
        var work = [Float](repeating: 0, count: Int(lwork))
        sgesdd_(&jobz, &rows, &columns, a.pointer(Float.self), &lda, s.pointer(Float.self), vt.pointer(Float.self), &ldu,
                u.pointer(Float.self), &ldvt, &work, &lwork, &iwork, &info)
        guard info == 0 else { throw TensorError("svd", .value, "LAPACK sgesdd failed (info \(info))") }
        return (u, s, vt)
    }
}
