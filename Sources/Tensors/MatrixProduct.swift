import CBLAS

/// How a strided matrix is handed to BLAS without copying: row-major as is, or as the transpose of a
/// row-major matrix, with its leading dimension. nil when neither stride is 1 (the caller copies).
private func blasLayout(rows: Int, columns: Int, rowStride: Int, columnStride: Int) -> (transposed: Bool, leading: Int)? {
    if columnStride == 1 || columns == 1, rows == 1 || rowStride >= Swift.max(1, columns) {
        return (false, rows == 1 ? Swift.max(1, columns) : rowStride)
    }
    if rowStride == 1 || rows == 1, columns == 1 || columnStride >= Swift.max(1, rows) {
        return (true, columns == 1 ? Swift.max(1, rows) : columnStride)
    }
    return nil
}

extension Tensor {
    /// The matrix product with NumPy's rules: vector·vector gives a scalar, a vector on the left (right)
    /// is a row (column) and its dimension is removed from the result, and leading dimensions are batch
    /// dimensions that broadcast. float32 (integer tensors are converted). Runs on OpenBLAS `sgemm`,
    /// passing transposed and strided operands through its flags instead of copying.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError("matmul", .shape, "needs tensors of at least 1 dimension, got shapes \(shape) and \(other.shape)")
        }
        let a = rank == 1 ? try unsqueeze(0) : self
        let b = other.rank == 1 ? try other.unsqueeze(1) : other
        var product = try a.batchedMatmul(b, original: (shape, other.shape))
        if rank == 1 { product = try product.squeeze(-2) }
        if other.rank == 1 { product = try product.squeeze(-1) }
        return product
    }

    /// The product of the last two dimensions of `self` (…, m, k) and `other` (…, k, n), batch dimensions
    /// broadcasting.
    private func batchedMatmul(_ other: Tensor, original: (Shape, Shape)) throws -> Tensor {
        let m = shape[rank - 2], k = shape[rank - 1], k2 = other.shape[other.rank - 2], n = other.shape[other.rank - 1]
        guard k == k2 else {
            throw TensorError("matmul", .shape, "shapes \(original.0) and \(original.1) do not align (\(k) ≠ \(k2))")
        }
        let batchA = Shape(unchecked: shape.dropLast(2)), batchB = Shape(unchecked: other.shape.dropLast(2))
        var outShape = try broadcastShape(batchA, batchB, op: "matmul")
        outShape.append(m)
        outShape.append(n)
        let out = try Tensor(uninitialized: outShape, dtype: .float32, op: "matmul")
        try Tensor.gemm(try to(.float32), try other.to(.float32), into: out, accumulate: false)
        guard Autograd.needsGrad(self, other) else { return out }
        return Autograd.record("matmul", inputs: [self, other], output: out, saving: [self, other]) { [a = self] g in
            let gradA = a.requiresGrad ? try g.matmul(other.transpose(-1, -2)).sumTo(a.shape) : nil
            guard other.requiresGrad else { return [gradA, nil] }
            // A batch against one matrix (a dense layer on a sequence): fold the batch into one product
            // instead of a product per batch element followed by a sum.
            if other.rank == 2 && a.rank > 2 {
                return [gradA, try a.reshape([-1, k]).t().matmul(g.reshape([-1, n]))]
            }
            return [gradA, try a.transpose(-1, -2).matmul(g).sumTo(other.shape)]
        }
    }

    /// `out (+)= a · b` over broadcast batches; `out` is contiguous of the broadcast shape.
    static func gemm(_ a: Tensor, _ b: Tensor, into out: Tensor, accumulate: Bool, alpha: Float = 1) throws {
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
        let batchRank = out.rank - 2
        let batches = out.count / Swift.max(m * n, 1)
        guard batches > 0, m > 0, n > 0 else { return }
        if k == 0 {
            if !accumulate { out.fillContiguous(0) }
            return
        }
        // Batches of `a` against one shared `b` (a dense layer on a sequence): one product with the batch
        // folded into the rows, when `a`'s layout allows it.
        if b.rank == 2 || (0..<(b.rank - 2)).allSatisfy({ b.strides[$0] == 0 || b.shape[$0] == 1 }),
           a.count == batches * m * k, batches > 1,
           let folded = a.viewStrides(for: Shape(unchecked: [batches * m, k])) {
            let a2 = a.view(shape: Shape(unchecked: [batches * m, k]), strides: folded, offset: a.offset)
            let b2 = b.view(shape: Shape(unchecked: [k, n]), strides: Shape(unchecked: [b.strides[b.rank - 2], b.strides[b.rank - 1]]), offset: b.offset)
            try gemm2D(a2, b2, out.baseAddress.assumingMemoryBound(to: Float.self), m: batches * m, k: k, n: n, accumulate: accumulate, alpha: alpha)
            return
        }
        var plan = LoopPlan(shape: Shape(unchecked: out.shape.prefix(batchRank)))
        plan.add(a.view(shape: Shape(unchecked: a.shape.prefix(a.rank - 2)), strides: Shape(unchecked: a.strides.prefix(a.rank - 2)), offset: 0))
        plan.add(b.view(shape: Shape(unchecked: b.shape.prefix(b.rank - 2)), strides: Shape(unchecked: b.strides.prefix(b.rank - 2)), offset: 0))
        plan.coalesce()
        let matrixA = Shape(unchecked: [m, k]), matrixB = Shape(unchecked: [k, n])
        let stridesA = Shape(unchecked: [a.strides[a.rank - 2], a.strides[a.rank - 1]])
        let stridesB = Shape(unchecked: [b.strides[b.rank - 2], b.strides[b.rank - 1]])
        var batch = 0
        var failure: Error?
        plan.forEachRow(in: 0..<plan.count) { offsets, runLength in
            for i in 0..<runLength where failure == nil {
                let ai = a.view(shape: matrixA, strides: stridesA, offset: a.offset + offsets[0] + i * plan.innerStride(0))
                let bi = b.view(shape: matrixB, strides: stridesB, offset: b.offset + offsets[1] + i * plan.innerStride(1))
                do {
                    try gemm2D(ai, bi, out.pointer(Float.self) + batch * m * n, m: m, k: k, n: n, accumulate: accumulate, alpha: alpha)
                } catch { failure = error }
                batch += 1
            }
        }
        if let failure { throw failure }
    }

    /// One `sgemm`: c (m×n, row-major, contiguous) (+)= alpha · a (m×k) · b (k×n).
    private static func gemm2D(_ a: Tensor, _ b: Tensor, _ c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int,
                               accumulate: Bool, alpha: Float) throws {
        let limit = Int(Int32.max)
        guard m <= limit, n <= limit, k <= limit, [a.strides[0], a.strides[1], b.strides[0], b.strides[1]].allSatisfy({ Swift.abs($0) <= limit }) else {
            throw TensorError("matmul", .shape, "matrices of shapes (\(m), \(k)) and (\(k), \(n)) are too large for BLAS (32-bit sizes)")
        }
        var a = a, b = b
        var layoutA = blasLayout(rows: m, columns: k, rowStride: a.strides[0], columnStride: a.strides[1])
        if layoutA == nil {
            a = try a.clone()
            layoutA = (false, Swift.max(1, k))
        }
        var layoutB = blasLayout(rows: k, columns: n, rowStride: b.strides[0], columnStride: b.strides[1])
        if layoutB == nil {
            b = try b.clone()
            layoutB = (false, Swift.max(1, n))
        }
        guard let la = layoutA, let lb = layoutB else { return }
        withExtendedLifetime((a, b)) {
            rowMajorSgemm(transposeA: la.transposed, transposeB: lb.transposed, m: m, n: n, k: k, alpha: alpha,
                          a: a.pointer(Float.self), lda: la.leading, b: b.pointer(Float.self), ldb: lb.leading,
                          beta: accumulate ? 1 : 0, c: c, ldc: Swift.max(1, n))
        }
    }

    /// `beta · bias + alpha · (self · other)` for matrices, with `bias` broadcast to the product's shape
    /// (a dense layer: `bias.addmm(x, w)` is `x·w + bias` in one `sgemm`).
    public func addmm(_ a: Tensor, _ b: Tensor, beta: Double = 1, alpha: Double = 1) throws -> Tensor {
        guard a.rank == 2, b.rank == 2 else {
            throw TensorError("addmm", .shape, "needs two matrices, got shapes \(a.shape) and \(b.shape)")
        }
        guard a.shape[1] == b.shape[0] else {
            throw TensorError("addmm", .shape, "shapes \(a.shape) and \(b.shape) do not align (\(a.shape[1]) ≠ \(b.shape[0]))")
        }
        let outShape = Shape(unchecked: [a.shape[0], b.shape[1]])
        guard try broadcastShape(shape, outShape, op: "addmm") == outShape else {
            throw TensorError("addmm", .shape, "bias of shape \(shape) does not broadcast to the product's shape \(outShape)")
        }
        let out = try Tensor(uninitialized: outShape, dtype: .float32, op: "addmm")
        if beta == 0 { out.fillContiguous(0) } else {
            MultiplyKernel<Float>().run(try to(.float32), scalar: Float(beta), into: out)
        }
        try Tensor.gemm(try a.to(.float32), try b.to(.float32), into: out, accumulate: true, alpha: Float(alpha))
        guard Autograd.needsGrad(self, a) || Autograd.needsGrad(b) else { return out }
        return Autograd.record("addmm", inputs: [self, a, b], output: out, saving: [a, b]) { [bias = self] g in
            [bias.requiresGrad ? try (g * beta).sumTo(bias.shape) : nil,
             a.requiresGrad ? try g.matmul(b.t()) * alpha : nil,
             b.requiresGrad ? try a.t().matmul(g) * alpha : nil]
        }
    }

    /// The dot product of two vectors (a 0-dimensional tensor).
    public func dot(_ other: Tensor) throws -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw TensorError("dot", .shape, "needs two vectors, got shapes \(shape) and \(other.shape)")
        }
        return try matmul(other)
    }

    /// The outer product of two vectors: `out[i][j] = self[i] · other[j]`.
    public func outer(_ other: Tensor) throws -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw TensorError("outer", .shape, "needs two vectors, got shapes \(shape) and \(other.shape)")
        }
        return try unsqueeze(1) * other.unsqueeze(0)
    }
}
