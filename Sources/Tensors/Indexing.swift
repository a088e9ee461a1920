// Gathering and scattering by integer indices, and selecting by boolean masks. Indices are int64 (other
// integer dtypes are converted), 0-based, and checked: an index out of range throws, naming it.

extension Tensor {
    /// Converts an index tensor to int64 and checks that every index lies in `0..<size`.
    private func checkedIndices(_ op: String, dim: Int, size: Int) throws -> Tensor {
        guard dtype != .float32 else {
            throw TensorError(op, .dtype, "indices must be an integer tensor, got \(dtype)")
        }
        let indices = try to(.int64).contiguous()
        let p = indices.pointer(Int64.self)
        for i in 0..<indices.count where p[i] < 0 || p[i] >= size {
            throw TensorError(op, .index, "index \(indexValue: Int(p[i])) out of range for dimension \(dim: dim) of size \(size)")
        }
        return indices
    }

    /// `self`'s shape as (elements before `dim`, size of `dim`, elements after `dim`).
    private func split(around dim: Int) -> (outer: Int, size: Int, inner: Int) {
        (Shape(unchecked: shape[..<dim]).elementCount, shape[dim], Shape(unchecked: shape[(dim + 1)...]).elementCount)
    }

    /// The slices of `self` at `index` (a 1-D integer tensor) along `dim`, in that order; the backward
    /// of embedding lookups is `indexAdd`.
    public func indexSelect(_ dim: Int, index: Tensor) throws -> Tensor {
        let d = try normalizedDim(dim, op: "indexSelect")
        guard rank > 0, index.rank <= 1 else {
            throw TensorError("indexSelect", .shape, "needs a tensor of rank ≥ 1 and a 1-dimensional index, got shapes \(shape) and \(index.shape)")
        }
        let idx = try index.checkedIndices("indexSelect", dim: d, size: shape[d])
        var outShape = shape
        outShape[d] = idx.count
        let out = try Tensor(uninitialized: outShape, dtype: dtype, op: "indexSelect")
        let x = try contiguous()
        let (outer, size, inner) = x.split(around: d)
        let bytes = inner * dtype.itemSize, n = idx.count, pi = idx.pointer(Int64.self)
        let src = x.baseAddress, dst = out.baseAddress
        for o in 0..<outer {
            for j in 0..<n {
                (dst + (o * n + j) * bytes).copyMemory(from: src + (o * size + Int(pi[j])) * bytes, byteCount: bytes)
            }
        }
        guard Autograd.needsGrad(self) else { return out }
        let inputShape = shape
        return Autograd.record("indexSelect", inputs: [self], output: out, saving: [idx]) { g in
            let zeros = try Tensor.zeros(shape: inputShape)
            // A plain backward adds into the fresh zeros in place; with createGraph the sum is recorded.
            guard Autograd.isGradEnabled else { return [try zeros.indexAdd_(d, index: idx, source: g)] }
            return [try zeros.indexAdd(d, index: idx, source: g)]
        }
    }

    /// A copy of `self` with the slices of `source` added at `index` (1-D) along `dim`; repeated indices
    /// add up.
    public func indexAdd(_ dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let out = try clone()
        try Autograd.withoutGradients { try out.indexAddUnrecorded(dim, index: index, source: source) }
        guard Autograd.needsGrad(self, source) else { return out.detach() }
        let d = try normalizedDim(dim, op: "indexAdd")
        return Autograd.record("indexAdd", inputs: [self, source], output: out.detach(), saving: [index]) { g in
            [g, source.requiresGrad ? try g.indexSelect(d, index: index) : nil]
        }
    }

    /// In-place `indexAdd`.
    @discardableResult
    public func indexAdd_(_ dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        try checkWritable("indexAdd_", source, operandsBroadcast: false)
        try indexAddUnrecorded(dim, index: index, source: source)
        return self
    }

    private func indexAddUnrecorded(_ dim: Int, index: Tensor, source: Tensor) throws {
        let d = try normalizedDim(dim, op: "indexAdd")
        guard rank > 0, index.rank <= 1 else {
            throw TensorError("indexAdd", .shape, "needs a tensor of rank ≥ 1 and a 1-dimensional index, got shapes \(shape) and \(index.shape)")
        }
        let idx = try index.checkedIndices("indexAdd", dim: d, size: shape[d])
        var expected = shape
        expected[d] = idx.count
        guard source.shape == expected else {
            throw TensorError("indexAdd", .shape, "source has shape \(source.shape), expected \(expected) for \(idx.count) indices into shape \(shape)")
        }
        let target = try contiguous()
        let (outer, size, inner) = target.split(around: d)
        let n = idx.count, pi = idx.pointer(Int64.self)
        func accumulate<T: ArithmeticElement>(_: T.Type) throws {
            let src = try source.to(dtype).contiguous(), ps = src.pointer(T.self), pt = target.pointer(T.self)
            for o in 0..<outer {
                for j in 0..<n {
                    let from = ps + (o * n + j) * inner, to = pt + (o * size + Int(pi[j])) * inner
                    for k in 0..<inner { to[k] = T.add(to[k], from[k]) }
                }
            }
        }
        switch dtype {
        case .float32: try accumulate(Float.self)
        case .int64: try accumulate(Int64.self)
        default: throw TensorError("indexAdd", .dtype, "needs a float32 or int64 tensor, got \(dtype)")
        }
        if target !== self { copyElements(from: target, into: self) }
    }

    /// Plans a loop over `index`'s shape with operands: 0 `index`, 1 `follower` (a tensor of `index`'s
    /// shape), and 2 `indexed` viewed with `index`'s shape and stride 0 along `dim` (the index supplies
    /// that coordinate).
    private func indexedPlan(_ index: Tensor, dim: Int, follower: Tensor, indexed: Tensor) -> LoopPlan {
        var plan = LoopPlan(shape: index.shape)
        plan.add(index)
        plan.add(follower)
        var strides = indexed.strides
        if indexed.rank > 0 { strides[dim] = 0 }
        plan.add(indexed.view(shape: index.shape, strides: index.rank == 0 ? Shape() : strides, offset: indexed.offset))
        plan.coalesce()
        return plan
    }

    private func checkIndexShape(_ op: String, _ index: Tensor, dim: Int, against other: Tensor) throws {
        guard index.rank == other.rank else {
            throw TensorError(op, .shape, "index must have the same rank as the tensor: shapes \(index.shape) and \(other.shape)")
        }
        for i in 0..<rank where i != dim && index.shape[i] > other.shape[i] {
            throw TensorError(op, .shape, "index of shape \(index.shape) is larger than the tensor of shape \(other.shape) in dimension \(dim: i)")
        }
    }

    /// `out[i][j] = self[i][index[i][j]]` for `dim` 1 (and likewise for other dims); `out` has `index`'s shape.
    public func gather(_ dim: Int, index: Tensor) throws -> Tensor {
        let d = try normalizedDim(dim, op: "gather")
        try checkIndexShape("gather", index, dim: d, against: self)
        let idx = try index.checkedIndices("gather", dim: d, size: rank == 0 ? 1 : shape[d])
        let out = try Tensor(uninitialized: idx.shape, dtype: dtype, op: "gather")
        if rank > 0 {
            let plan = indexedPlan(idx, dim: d, follower: out, indexed: self)
            let pi = idx.pointer(Int64.self), step = strides[d]
            func run<T>(_: T.Type) {
                let po = out.pointer(T.self), px = pointer(T.self)
                let si = plan.innerStride(0), so = plan.innerStride(1), sx = plan.innerStride(2)
                plan.forEachRow(in: 0..<plan.count) { o, n in
                    for k in 0..<n { po[o[1] + k * so] = px[o[2] + k * sx + Int(pi[o[0] + k * si]) * step] }
                }
            }
            switch dtype.itemSize {
            case 4: run(Float.self)
            case 8: run(Int64.self)
            default: run(UInt8.self)
            }
        } else {
            copyElements(from: self, into: out)
        }
        guard Autograd.needsGrad(self) else { return out }
        let inputShape = shape
        return Autograd.record("gather", inputs: [self], output: out, saving: [idx]) { g in
            [try Tensor.zeros(shape: inputShape).scatterAdd(d, index: idx, source: g)]
        }
    }

    /// A copy of `self` with `source[i][j]` added at `[i][index[i][j]]` for `dim` 1 (and likewise for other
    /// dims); `source` has `index`'s shape. Repeated indices add up.
    public func scatterAdd(_ dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let d = try normalizedDim(dim, op: "scatterAdd")
        guard source.shape == index.shape else {
            throw TensorError("scatterAdd", .shape, "source of shape \(source.shape) must have the index's shape \(index.shape)")
        }
        try checkIndexShape("scatterAdd", index, dim: d, against: self)
        let idx = try index.checkedIndices("scatterAdd", dim: d, size: rank == 0 ? 1 : shape[d])
        let out = try Autograd.withoutGradients { try clone() }
        let src = try source.to(out.dtype == .float32 ? .float32 : .int64)
        guard out.dtype == .float32 || out.dtype == .int64 else {
            throw TensorError("scatterAdd", .dtype, "needs a float32 or int64 tensor, got \(dtype)")
        }
        let plan = indexedPlan(idx, dim: d, follower: src, indexed: out)
        let pi = idx.pointer(Int64.self), step = rank == 0 ? 0 : out.strides[d]
        func run<T: ArithmeticElement>(_: T.Type) {
            let ps = src.pointer(T.self), po = out.pointer(T.self)
            let si = plan.innerStride(0), ss = plan.innerStride(1), so = plan.innerStride(2)
            plan.forEachRow(in: 0..<plan.count) { o, n in
                for k in 0..<n {
                    let target = o[2] + k * so + Int(pi[o[0] + k * si]) * step
                    po[target] = T.add(po[target], ps[o[1] + k * ss])
                }
            }
        }
        if out.dtype == .float32 { run(Float.self) } else { run(Int64.self) }
        guard Autograd.needsGrad(self, source) else { return out }
        return Autograd.record("scatterAdd", inputs: [self, source], output: out, saving: [idx]) { g in
            [g, source.requiresGrad ? try g.gather(d, index: idx) : nil]
        }
    }

    /// The elements where `mask` (broadcast with `self`) is true, as a 1-D tensor in row-major order.
    public func maskedSelect(_ mask: Tensor) throws -> Tensor {
        let common = try broadcastShape(shape, mask.shape, op: "maskedSelect")
        let m = try mask.to(.bool).expand(to: common).contiguous()
        let x = try expand(to: common).contiguous()
        let pm = m.pointer(UInt8.self)
        var selected = 0
        for i in 0..<m.count where pm[i] != 0 { selected += 1 }
        let out = try Tensor(uninitialized: Shape(unchecked: [selected]), dtype: dtype, op: "maskedSelect")
        let bytes = dtype.itemSize
        var j = 0
        for i in 0..<m.count where pm[i] != 0 {
            (out.baseAddress + j * bytes).copyMemory(from: x.baseAddress + i * bytes, byteCount: bytes)
            j += 1
        }
        guard Autograd.needsGrad(self) else { return out }
        let inputShape = shape
        return Autograd.record("maskedSelect", inputs: [self], output: out, saving: [m]) { g in
            [try g.spread(intoZerosOf: common, at: m).sumTo(inputShape)]
        }
    }

    /// The inverse of `maskedSelect`: zeros of `shape` with the elements of 1-D `self` placed, in order,
    /// where `mask` (contiguous, of `shape`) is true. Differentiable in `self`.
    private func spread(intoZerosOf shape: Shape, at mask: Tensor) throws -> Tensor {
        let out = try Tensor.zeros(shape: shape)
        let values = try contiguous(), pm = mask.pointer(UInt8.self), pv = values.pointer(Float.self), po = out.pointer(Float.self)
        var j = 0
        for i in 0..<mask.count where pm[i] != 0 {
            po[i] = pv[j]
            j += 1
        }
        return Autograd.record("maskedSelect backward", inputs: [self], output: out, saving: [mask]) { gg in [try gg.maskedSelect(mask)] }
    }

    /// A copy of `self` with `value` where `mask` (broadcast to self's shape) is true.
    public func maskedFill(_ mask: Tensor, value: Double) throws -> Tensor {
        guard try broadcastShape(shape, mask.shape, op: "maskedFill") == shape else {
            throw TensorError("maskedFill", .shape, "mask of shape \(mask.shape) does not broadcast to the tensor's shape \(shape)")
        }
        let fill = Tensor(scalar: value, dtype: dtype == .float32 ? .float32 : .int64)
        return try Tensor.where(mask, fill, self).to(dtype == .float32 ? .float32 : dtype)
    }

    /// One-hot rows for integer labels: shape `labels.shape + [classes]`, 1 at each label (float32 by
    /// default, as Keras' `to_categorical`).
    public func oneHot(classes: Int, dtype outType: DType = .float32) throws -> Tensor {
        guard classes > 0 else { throw TensorError("oneHot", .value, "the number of classes must be positive, got \(classes)") }
        guard rank < Shape.maxRank else { throw TensorError("oneHot", .shape, "tensors have at most \(Shape.maxRank) dimensions") }
        guard dtype != .float32 else { throw TensorError("oneHot", .dtype, "labels must be an integer tensor, got \(dtype)") }
        let labels = try to(.int64).contiguous()
        let pl = labels.pointer(Int64.self)
        for i in 0..<labels.count where pl[i] < 0 || pl[i] >= classes {
            throw TensorError("oneHot", .index, "label \(pl[i]) out of range for \(classes) classes (labels count from 0)")
        }
        var outShape = shape
        outShape.append(classes)
        let out = try Tensor.zeros(shape: outShape, dtype: outType)
        for i in 0..<labels.count { out.setElement(at: i * classes + Int(pl[i]), 1) }
        return out
    }
}
