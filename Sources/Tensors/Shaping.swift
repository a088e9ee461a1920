import CheckedArithmetic
extension Tensor {
    /// Pads with `value`: `widths[d]` = (before, after) elements added to dimension d, one pair per
    /// dimension (NumPy's `pad_width`).
    public func pad(_ widths: [(before: Int, after: Int)], value: Double = 0) throws -> Tensor {
        guard widths.count == rank else {
            throw TensorError("pad", .shape, "needs one (before, after) pair per dimension: \(rank) for shape \(shape), got \(widths.count)")
        }
        guard widths.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
            throw TensorError("pad", .value, "pad widths must not be negative")
        }
        var outShape = shape
        for (d, w) in widths.enumerated() {
            let (size, overflow) = outShape[d].addingReportingOverflow(w.before)
            let (padded, overflow2) = size.addingReportingOverflow(w.after)
            guard !overflow, !overflow2 else { throw TensorError("pad", .value, "pad widths (\(w.before), \(w.after)) are too large") }
            outShape[d] = padded
        }
        let out = try Tensor.full(shape: outShape, value: value, dtype: dtype, op: "pad")
        func interior(_ t: Tensor) throws -> Tensor {
            var v = t
            for (d, w) in widths.enumerated() { v = try v.narrow(d, start: w.before, length: shape[d]) }
            return v
        }
        out.copyElements(from: self, into: try Autograd.withoutGradients { try interior(out) })
        return Autograd.record("pad", inputs: [self], output: out) { g in [try interior(g)] }
    }

    /// Tiles the tensor: `counts[i]` copies along dimension i (counts may have more entries than the rank:
    /// new leading dimensions).
    public func `repeat`(_ counts: [Int]) throws -> Tensor {
        guard counts.count >= rank, counts.allSatisfy({ $0 >= 0 }) else {
            throw TensorError("repeat", .shape, "needs a non-negative count for each of the \(rank) dimensions of shape \(shape), got \(counts)")
        }
        let sizes = Array(repeating: 1, count: counts.count - rank) + Array(shape)
        // View as (1, s0, 1, s1, ...), expand to (c0, s0, c1, s1, ...), then merge each pair.
        var interleaved: [Int] = [], expanded: [Int] = [], merged: [Int] = []
        for (c, s) in zip(counts, sizes) {
            interleaved += [1, s]
            expanded += [c, s]
            guard let size = CheckedSize.product(c, s) else { throw TensorError("repeat", .shape, "repeating shape \(shape) \(counts) times is too large") }
            merged.append(size)
        }
        if interleaved.count > Shape.maxRank {
            // Too many dimensions to interleave: tile one dimension at a time instead.
            if counts.contains(0) { return try Tensor.zeros(merged, dtype: dtype) }
            var t = try reshape(sizes)
            for (d, c) in counts.enumerated() where c != 1 {
                t = try Tensor.concat(Array(repeating: t, count: c), dim: d)
            }
            return t
        }
        return try reshape(interleaved).expand(expanded).reshape(merged)
    }

    /// Reverses the order of elements along each of `dims`.
    public func flip(_ dims: [Int]) throws -> Tensor {
        let ds = try normalizedDims(dims, op: "flip")
        var newStrides = strides, newOffset = offset
        for d in ds where shape[d] > 0 {
            newOffset += (shape[d] - 1) * strides[d]
            newStrides[d] = -strides[d]
        }
        // A negative-stride view, copied at once: other operations see only positive strides.
        let out = try Tensor(uninitialized: shape, dtype: dtype, op: "flip")
        copyElements(from: view(shape: shape, strides: newStrides, offset: newOffset), into: out)
        return Autograd.record("flip", inputs: [self], output: out) { g in [try g.flip(ds)] }
    }

    /// The lower triangle of the last two dimensions: elements with column − row ≤ `diagonal`; zeros elsewhere.
    public func tril(_ diagonal: Int = 0) throws -> Tensor { try triangle("tril", keepBelow: true, diagonal) }

    /// The upper triangle of the last two dimensions: elements with column − row ≥ `diagonal`; zeros elsewhere.
    public func triu(_ diagonal: Int = 0) throws -> Tensor { try triangle("triu", keepBelow: false, diagonal) }

    private func triangle(_ op: String, keepBelow: Bool, _ diagonal: Int) throws -> Tensor {
        guard rank >= 2 else { throw TensorError(op, .shape, "needs at least 2 dimensions, got shape \(shape)") }
        let rows = try Tensor.arange(shape[rank - 2]).unsqueeze(1), columns = try Tensor.arange(shape[rank - 1])
        let offset = try columns - rows
        let mask = try keepBelow ? offset.le(Double(diagonal)) : offset.ge(Double(diagonal))
        let zero = Tensor(scalar: 0, dtype: dtype == .float32 ? .float32 : .int64)
        return try Tensor.where(mask, self, zero).to(dtype == .float32 ? .float32 : dtype)
    }
}
