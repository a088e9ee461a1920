extension Tensor {
    /// Joins tensors along an existing dimension `dim`; all other sizes must match. The dtype is the
    /// first tensor's (the others are converted).
    public static func concat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("concat", .value, "needs at least one tensor") }
        guard first.rank > 0 else { throw TensorError("concat", .shape, "cannot concatenate 0-dimensional tensors; use stack") }
        let d = try first.normalizedDim(dim, op: "concat")
        var outShape = first.shape
        outShape[d] = 0
        for (i, t) in tensors.enumerated() {
            var expected = first.shape
            expected[d] = t.rank == first.rank ? t.shape[d] : 0
            guard t.rank == first.rank, t.shape == expected else {
                throw TensorError("concat", .shape, "tensor \(index: i) has shape \(t.shape), which does not match \(first.shape) outside dimension \(dim: d)")
            }
            outShape[d] += t.shape[d]
        }
        let out = try Tensor(uninitialized: outShape, dtype: first.dtype, op: "concat")
        var start = 0
        for t in tensors {
            let part = try Autograd.withoutGradients { try out.narrow(d, start: start, length: t.shape[d]) }
            out.copyElements(from: try t.to(first.dtype), into: part)
            start += t.shape[d]
        }
        guard Autograd.needsGrad(tensors) else { return out }
        let sizes = tensors.map { $0.shape[d] }
        return Autograd.record("concat", inputs: tensors, output: out) { g in
            var offset = 0
            return try sizes.map { size in
                defer { offset += size }
                return try g.narrow(d, start: offset, length: size)
            }
        }
    }

    /// Joins tensors of equal shapes along a new dimension `dim`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError("stack", .value, "needs at least one tensor") }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError("stack", .shape, "tensor \(index: i) has shape \(t.shape), tensor \(index: 0) has \(first.shape)")
        }
        let d = try first.normalizedDim(dim, op: "stack", rank: first.rank + 1)
        return try concat(tensors.map { try $0.unsqueeze(d) }, dim: d)
    }

    /// Views of consecutive pieces of `size` elements along `dim` (the last may be shorter).
    public func split(size: Int, dim: Int = 0) throws -> [Tensor] {
        guard size > 0 else { throw TensorError("split", .value, "the piece size must be positive, got \(size)") }
        let d = try normalizedDim(dim, op: "split")
        guard rank > 0 else { throw TensorError("split", .shape, "cannot split a 0-dimensional tensor") }
        return try stride(from: 0, to: Swift.max(shape[d], 1), by: size).map { start in
            try narrow(d, start: start, length: Swift.min(size, shape[d] - start))
        }
    }

    /// Views of consecutive pieces with the given sizes along `dim` (they must add up to its size).
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        let d = try normalizedDim(dim, op: "split")
        guard rank > 0, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[d] else {
            throw TensorError("split", .shape, "sizes \(sizes) do not add up to the size \(rank > 0 ? shape[d] : 0) of dimension \(dim: d)")
        }
        var start = 0
        return try sizes.map { size in
            defer { start += size }
            return try narrow(d, start: start, length: size)
        }
    }

    /// `chunks` views of (nearly) equal size along `dim`, as PyTorch: pieces of ⌈size / chunks⌉.
    public func chunk(_ chunks: Int, dim: Int = 0) throws -> [Tensor] {
        guard chunks > 0 else { throw TensorError("chunk", .value, "the number of chunks must be positive, got \(chunks)") }
        let d = try normalizedDim(dim, op: "chunk")
        guard rank > 0 else { throw TensorError("chunk", .shape, "cannot chunk a 0-dimensional tensor") }
        // ⌈size / chunks⌉ without forming size + chunks − 1, which overflows for a huge count.
        return try split(size: shape[d] == 0 ? 1 : (shape[d] - 1) / chunks + 1, dim: d)
    }
}
