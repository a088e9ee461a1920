import CheckedArithmetic
// Operations that return views: new tensors sharing the storage of `self`, with other shape, strides or
// offset. Each records how to send the gradient back to the viewed tensor.

extension Tensor {
    /// The same elements with another shape (one size may be -1: inferred). A view when the strides
    /// allow it, otherwise a copy.
    public func reshape(_ sizes: [Int]) throws -> Tensor {
        try reshape(shape: try inferredShape(sizes, op: "reshape"))
    }

    /// Like `reshape`, but throws instead of copying when the strides do not allow a view.
    public func view(_ sizes: [Int]) throws -> Tensor {
        let target = try inferredShape(sizes, op: "view")
        guard let strides = viewStrides(for: target) else {
            throw TensorError("view", .shape, "a tensor of shape \(shape) with strides \(self.strides) cannot be viewed as \(target); use reshape, which copies")
        }
        return recordReshape(view(shape: target, strides: strides, offset: offset))
    }

    func reshape(shape target: Shape) throws -> Tensor {
        if target == shape { return self }
        guard target.elementCount == count else {
            throw TensorError("reshape", .shape, "cannot reshape a tensor of shape \(shape) (\(count) elements) to \(target) (\(target.elementCount) elements)")
        }
        if let strides = viewStrides(for: target) {
            return recordReshape(view(shape: target, strides: strides, offset: offset))
        }
        let copy = try Tensor(uninitialized: shape, dtype: dtype, op: "reshape")
        copyElements(from: self, into: copy)
        return recordReshape(copy.view(shape: target, strides: target.contiguousStrides, offset: 0))
    }

    private func recordReshape(_ out: Tensor) -> Tensor {
        guard Autograd.needsGrad(self) else { return out }
        let inputShape = shape
        return Autograd.record("reshape", inputs: [self], output: out) { g in [try g.reshape(shape: inputShape)] }
    }

    /// Resolves one -1 in `sizes` and checks that the element count is kept.
    private func inferredShape(_ sizes: [Int], op: String) throws -> Shape {
        let unknown = sizes.indices.filter { sizes[$0] == -1 }
        guard unknown.count <= 1, sizes.allSatisfy({ $0 >= -1 }) else {
            throw TensorError(op, .value, "invalid shape \(sizes): sizes must be positive, with at most one -1")
        }
        var resolved = sizes
        if let u = unknown.first {
            // The product of the given sizes, or nil when it overflows (then it cannot divide `count`).
            let known = CheckedSize.product(sizes.enumerated().filter { $0.offset != u }.map(\.element))
            guard let known, known > 0, count % known == 0 else {
                throw TensorError(op, .shape, "cannot reshape a tensor of shape \(shape) (\(count) elements) to \(sizes)")
            }
            resolved[u] = count / known
        }
        let target = try Shape(resolved, op: op)
        guard let targetCount = target.checkedElementCount, targetCount == count else {
            throw TensorError(op, .shape, "cannot reshape a tensor of shape \(shape) (\(count) elements) to \(target) (\(target.checkedElementCount.map(String.init) ?? "too many") elements)")
        }
        return target
    }

    /// Strides that view this tensor's elements in row-major order with shape `target`, or nil when the
    /// layout does not allow it. Dimensions are grouped into runs that are contiguous with each other;
    /// each run of the old shape must map onto whole dimensions of the new one.
    func viewStrides(for target: Shape) -> Shape? {
        if isContiguous || count == 0 { return target.contiguousStrides }
        var newStrides = Shape(repeating: 0, rank: target.rank)
        var viewDim = target.rank - 1
        var chunkStride = strides[rank - 1]
        var oldElements = 1, newElements = 1
        for d in stride(from: rank - 1, through: 0, by: -1) {
            oldElements *= shape[d]
            let chunkEnds = d == 0 || (shape[d - 1] != 1 && strides[d - 1] != oldElements * chunkStride)
            guard chunkEnds else { continue }
            while viewDim >= 0 && (newElements < oldElements || target[viewDim] == 1) {
                newStrides[viewDim] = newElements * chunkStride
                newElements *= target[viewDim]
                viewDim -= 1
            }
            if newElements != oldElements { return nil }
            if d > 0 {
                chunkStride = strides[d - 1]
                oldElements = 1
                newElements = 1
            }
        }
        return viewDim == -1 ? newStrides : nil
    }

    /// Flattens dimensions `startDim...endDim` into one.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshape(shape: Shape(unchecked: [1])) }
        let s = try normalizedDim(startDim, op: "flatten"), e = try normalizedDim(endDim, op: "flatten")
        guard s <= e else {
            throw TensorError("flatten", .index, "start dimension \(dim: s) comes after end dimension \(dim: e)")
        }
        var target = Shape()
        for d in 0..<s { target.append(shape[d]) }
        target.append(Shape(unchecked: shape[s...e]).elementCount)
        for d in (e + 1)..<rank { target.append(shape[d]) }
        return try reshape(shape: target)
    }

    /// Removes every dimension of size 1.
    public func squeeze() throws -> Tensor {
        try reshape(shape: Shape(unchecked: shape.filter { $0 != 1 }))
    }

    /// Removes dimension `dim` if its size is 1 (otherwise returns the tensor unchanged, like PyTorch).
    public func squeeze(_ dim: Int) throws -> Tensor {
        let d = try normalizedDim(dim, op: "squeeze")
        guard rank > 0, shape[d] == 1 else { return self }
        var target = shape
        target.remove(at: d)
        return try reshape(shape: target)
    }

    /// Inserts a dimension of size 1 at `dim` (0...rank; negative counts from the end, -1 = new last).
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let d = try normalizedDim(dim, op: "unsqueeze", rank: rank + 1)
        guard rank < Shape.maxRank else {
            throw TensorError("unsqueeze", .shape, "tensors have at most \(Shape.maxRank) dimensions")
        }
        var target = shape
        target.insert(1, at: d)
        return try reshape(shape: target)
    }

    /// Swaps dimensions `dim0` and `dim1`.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let a = try normalizedDim(dim0, op: "transpose"), b = try normalizedDim(dim1, op: "transpose")
        var order = Array(0..<rank)
        if rank > 0 { order.swapAt(a, b) }
        return try permute(order)
    }

    /// The transpose of a matrix (a vector or scalar is returned as is).
    public func t() throws -> Tensor {
        guard rank <= 2 else {
            throw TensorError("t", .shape, "expects a tensor of at most 2 dimensions, got shape \(shape); use transpose(dim0, dim1)")
        }
        return rank == 2 ? try transpose(0, 1) : self
    }

    /// Reorders the dimensions: dimension i of the result is dimension `order[i]` of `self`.
    public func permute(_ order: [Int]) throws -> Tensor {
        guard order.count == rank else {
            throw TensorError("permute", .shape, "needs \(rank) dimensions for a tensor of shape \(shape), got \(dims: order)")
        }
        let dims = try normalizedDims(order, op: "permute")
        var newShape = Shape(), newStrides = Shape()
        for d in dims {
            newShape.append(shape[d])
            newStrides.append(strides[d])
        }
        let out = view(shape: newShape, strides: newStrides, offset: offset)
        guard Autograd.needsGrad(self) else { return out }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in dims.enumerated() { inverse[d] = i }
        return Autograd.record("permute", inputs: [self], output: out) { g in [try g.permute(inverse)] }
    }

    /// The elements `start..<start+length` along `dim` (`start` may be negative, counting from the end).
    public func narrow(_ dim: Int, start: Int, length: Int) throws -> Tensor {
        let d = try normalizedDim(dim, op: "narrow")
        guard rank > 0 else { throw TensorError("narrow", .shape, "cannot narrow a 0-dimensional tensor") }
        let size = shape[d]
        let s = start < 0 ? start + size : start
        guard s >= 0, s <= size else {
            throw TensorError("narrow", .index, "index \(index: start) out of range for dimension \(dim: d) of size \(size)")
        }
        guard length >= 0, length <= size - s else {
            throw TensorError("narrow", .index, "length \(length) from index \(index: s) goes past the end of dimension \(dim: d) of size \(size)")
        }
        return try slice(d, start: s, end: s + length, step: 1)
    }

    /// Every `step`-th element of `start..<end` along `dim`, Python style: negative `start`/`end` count
    /// from the end, and both are clamped to the dimension.
    public func slice(_ dim: Int, start: Int = 0, end: Int = Int.max, step: Int = 1) throws -> Tensor {
        let d = try normalizedDim(dim, op: "slice")
        guard rank > 0 else { throw TensorError("slice", .shape, "cannot slice a 0-dimensional tensor") }
        guard step > 0 else { throw TensorError("slice", .value, "step must be positive, got \(step)") }
        let size = shape[d]
        func clamp(_ i: Int) -> Int { Swift.min(Swift.max(i < 0 ? i + size : i, 0), size) }
        let s = clamp(start), e = Swift.max(clamp(end), clamp(start))
        var newShape = shape, newStrides = strides
        newShape[d] = e > s ? (e - s - 1) / step + 1 : 0
        if newShape[d] > 1 { newStrides[d] = strides[d] * step } // step < size here, so no overflow
        let out = view(shape: newShape, strides: newStrides, offset: offset + s * strides[d])
        guard Autograd.needsGrad(self) else { return out }
        return recordSubview("slice", out) { try $0.slice(d, start: s, end: e, step: step) }
    }

    /// The sub-tensor at `index` along `dim`, which is removed (`index` may be negative).
    public func select(_ dim: Int, _ index: Int) throws -> Tensor {
        let d = try normalizedDim(dim, op: "select")
        guard rank > 0 else { throw TensorError("select", .shape, "cannot select from a 0-dimensional tensor") }
        let size = shape[d]
        let i = index < 0 ? index + size : index
        guard i >= 0, i < size else {
            throw TensorError("select", .index, "index \(index: index) out of range for dimension \(dim: d) of size \(size)")
        }
        var newShape = shape, newStrides = strides
        newShape.remove(at: d)
        newStrides.remove(at: d)
        let out = view(shape: newShape, strides: newStrides, offset: offset + i * strides[d])
        guard Autograd.needsGrad(self) else { return out }
        return recordSubview("select", out) { try $0.select(d, i) }
    }

    /// Records a view that picks some of `self`'s elements: its gradient is the output gradient placed
    /// into zeros of `self`'s shape at the same positions (`pick` re-applies the view to any tensor of
    /// that shape).
    func recordSubview(_ name: String, _ out: Tensor, pick: @escaping (Tensor) throws -> Tensor) -> Tensor {
        let inputShape = shape
        return Autograd.record(name, inputs: [self], output: out) { g in
            [try Tensor.placed(g, intoZerosOf: inputShape, name: name, pick: pick)]
        }
    }

    /// A tensor of zeros of `shape` with `g` written where `pick` looks; differentiable in `g` (its
    /// gradient picks the same positions), so second derivatives through views work.
    static func placed(_ g: Tensor, intoZerosOf shape: Shape, name: String,
                       pick: @escaping (Tensor) throws -> Tensor) throws -> Tensor {
        let out = try Tensor.zeros(shape: shape)
        let target = try Autograd.withoutGradients { try pick(out) }
        out.copyElements(from: try g.to(.float32), into: target)
        return Autograd.record("\(name) backward", inputs: [g], output: out) { gg in [try pick(gg)] }
    }

    /// A view of `self` repeated along dimensions of size 1 (stride 0) to `sizes`; -1 keeps a size, and
    /// new leading dimensions may be added.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= rank else {
            throw TensorError("expand", .shape, "cannot expand shape \(shape) to fewer dimensions \(sizes)")
        }
        let shift = sizes.count - rank
        var resolved = sizes
        for i in 0..<rank where sizes[i + shift] == -1 { resolved[i + shift] = shape[i] }
        let target = try Shape(resolved, op: "expand")
        return try expand(to: target)
    }

    /// `expand` to the broadcast of this shape with `other`.
    public func broadcast(to sizes: [Int]) throws -> Tensor { try expand(sizes) }

    func expand(to target: Shape) throws -> Tensor {
        if target == shape { return self }
        guard target.checkedElementCount != nil else {
            throw TensorError("expand", .shape, "shape \(target) has too many elements")
        }
        let shift = target.rank - rank
        guard shift >= 0 else {
            throw TensorError("expand", .shape, "cannot expand shape \(shape) to \(target)")
        }
        var newStrides = Shape(repeating: 0, rank: target.rank)
        for i in 0..<rank {
            if shape[i] == target[i + shift] {
                newStrides[i + shift] = strides[i]
            } else if shape[i] != 1 {
                throw TensorError("expand", .shape, "cannot expand shape \(shape) to \(target): dimension \(dim: i) has size \(shape[i]), not 1")
            }
        }
        let out = view(shape: target, strides: newStrides, offset: offset)
        guard Autograd.needsGrad(self) else { return out }
        let inputShape = shape
        return Autograd.record("expand", inputs: [self], output: out) { g in [try g.sumTo(inputShape)] }
    }
}
