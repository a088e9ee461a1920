// The loops that apply elementwise kernels. Each has a contiguous fast path (one flat loop the compiler
// vectorizes) and a strided path over a coalesced `LoopPlan` with special cases for the common inner
// strides (1, or 0 for an operand broadcast along the row).

extension UnaryKernel {
    /// `out[i] = apply(input[i])`, `input` broadcasting to `out`'s shape.
    func run(_ input: Tensor, into out: Tensor) {
        let po = out.pointer(Out.self), pi = input.pointer(In.self)
        if out.isContiguous && input.isContiguous && input.count == out.count {
            parallelRanges(out.count, grain: parallelGrain) { range in
                applyContiguous(pi + range.lowerBound, po + range.lowerBound, range.count)
            }
            return
        }
        var plan = LoopPlan(shape: out.shape)
        plan.add(out)
        plan.add(input)
        plan.coalesce()
        // Read once, outside the loops: reading through the captured plan copied it on every row.
        let so = plan.innerStride(0), si = plan.innerStride(1)
        parallelRanges(plan.count, grain: parallelGrain) { [plan] range in
            plan.forEachRow(in: range) { offsets, n in
                let qo = po + offsets[0], qi = pi + offsets[1]
                if so == 1 && si == 1 {
                    applyContiguous(qi, qo, n)
                } else if so == 1 && si == 0 {
                    let v = apply(qi[0])
                    for i in 0..<n { qo[i] = v }
                } else {
                    for i in 0..<n { qo[i &* so] = apply(qi[i &* si]) }
                }
            }
        }
    }

    /// A new contiguous tensor of `input`'s shape holding `apply` of each element.
    func map(_ input: Tensor, dtype: DType, op: String) throws -> Tensor {
        let out = try Tensor(uninitialized: input.shape, dtype: dtype, op: op)
        run(input, into: out)
        return out
    }
}

extension BinaryKernel {
    /// `out[i] = apply(a[i], b[i])`, `a` and `b` broadcasting to `out`'s shape.
    func run(_ a: Tensor, _ b: Tensor, into out: Tensor) {
        let po = out.pointer(Out.self), pa = a.pointer(A.self), pb = b.pointer(B.self)
        if out.isContiguous && a.isContiguous && b.isContiguous && a.count == out.count && b.count == out.count {
            parallelRanges(out.count, grain: parallelGrain) { range in
                for i in range { po[i] = apply(pa[i], pb[i]) }
            }
            return
        }
        var plan = LoopPlan(shape: out.shape)
        plan.add(out)
        plan.add(a)
        plan.add(b)
        plan.coalesce()
        let so = plan.innerStride(0), sa = plan.innerStride(1), sb = plan.innerStride(2)
        parallelRanges(plan.count, grain: parallelGrain) { [plan] range in
            plan.forEachRow(in: range) { offsets, n in
                let qo = po + offsets[0], qa = pa + offsets[1], qb = pb + offsets[2]
                if so == 1 && sa == 1 && sb == 1 {
                    for i in 0..<n { qo[i] = apply(qa[i], qb[i]) }
                } else if so == 1 && sa == 1 && sb == 0 {
                    let vb = qb[0]
                    for i in 0..<n { qo[i] = apply(qa[i], vb) }
                } else if so == 1 && sa == 0 && sb == 1 {
                    let va = qa[0]
                    for i in 0..<n { qo[i] = apply(va, qb[i]) }
                } else {
                    for i in 0..<n { qo[i &* so] = apply(qa[i &* sa], qb[i &* sb]) }
                }
            }
        }
    }

    /// `out[i] = apply(a[i], scalar)`, `a` broadcasting to `out`'s shape.
    func run(_ a: Tensor, scalar: B, into out: Tensor) {
        ScalarRight(kernel: self, scalar: scalar).run(a, into: out)
    }
}

/// A binary kernel with its right operand fixed (tensor-op-number forms).
struct ScalarRight<K: BinaryKernel>: UnaryKernel {
    let kernel: K
    let scalar: K.B
    @inline(__always) func apply(_ x: K.A) -> K.Out { kernel.apply(x, scalar) }
    var parallelGrain: Int { kernel.parallelGrain }
}

/// A binary kernel with its left operand fixed (number-op-tensor forms).
struct ScalarLeft<K: BinaryKernel>: UnaryKernel {
    let kernel: K
    let scalar: K.A
    @inline(__always) func apply(_ x: K.B) -> K.Out { kernel.apply(scalar, x) }
    var parallelGrain: Int { kernel.parallelGrain }
}

extension TernaryKernel {
    /// `out[i] = apply(a[i], b[i], c[i])`, the operands broadcasting to `out`'s shape.
    func run(_ a: Tensor, _ b: Tensor, _ c: Tensor, into out: Tensor) {
        let po = out.pointer(Out.self), pa = a.pointer(A.self), pb = b.pointer(B.self), pc = c.pointer(C.self)
        if out.isContiguous && a.isContiguous && b.isContiguous && c.isContiguous
            && a.count == out.count && b.count == out.count && c.count == out.count {
            parallelRanges(out.count, grain: cheapGrain) { range in
                for i in range { po[i] = apply(pa[i], pb[i], pc[i]) }
            }
            return
        }
        var plan = LoopPlan(shape: out.shape)
        plan.add(out)
        plan.add(a)
        plan.add(b)
        plan.add(c)
        plan.coalesce()
        let so = plan.innerStride(0), sa = plan.innerStride(1), sb = plan.innerStride(2), sc = plan.innerStride(3)
        parallelRanges(plan.count, grain: cheapGrain) { [plan] range in
            plan.forEachRow(in: range) { offsets, n in
                let qo = po + offsets[0], qa = pa + offsets[1], qb = pb + offsets[2], qc = pc + offsets[3]
                for i in 0..<n { qo[i &* so] = apply(qa[i &* sa], qb[i &* sb], qc[i &* sc]) }
            }
        }
    }
}

/// A kernel from a closure, for the rare loops where speed does not matter (dtype conversions).
struct ClosureKernel<In, Out>: UnaryKernel {
    let body: (In) -> Out
    @inline(__always) func apply(_ x: In) -> Out { body(x) }
}

struct CopyKernel<T>: UnaryKernel {
    @inline(__always) func apply(_ x: T) -> T { x }
}
