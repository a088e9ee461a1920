/// The checked sizes of a recurrent layer run over a whole sequence, and the products every cell shares:
/// the input projection of all time steps in one GEMM before the loop, and after the backward loop the
/// weight, bias and input gradients in one GEMM each.
///
/// Buffers indexed by time (`projection`, the gate gradients, `previousHidden`) follow the input's time
/// order; step s of the loop reads time `time(s)` (reversed with `goBackwards`). Outputs follow the steps,
/// as in Keras (a backwards layer returns its sequence in the order it processed it).
struct RecurrentSequence {
    let batch: Int, steps: Int, features: Int, units: Int
    /// Gate blocks per unit: 1 (simple RNN), 3 (GRU), 4 (LSTM).
    let gates: Int
    let goBackwards: Bool

    var width: Int { gates * units }
    @inline(__always) func time(_ step: Int) -> Int { goBackwards ? steps - 1 - step : step }

    /// Checks the input (batch, steps, features), kernel (features, gates·units), recurrent kernel
    /// (units, gates·units), the bias (`biasShape`) and the initial states (batch, units).
    init(_ op: String, input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?, biasShape: (Int) -> [Int],
         states: [(String, Tensor?)], gates: Int, goBackwards: Bool) throws {
        try requireRank(input, 3, op, "input", layout: "(batch, steps, features)")
        try requireRank(kernel, 2, op, "kernel", layout: "(features, \(gates) × units)")
        try requireRank(recurrentKernel, 2, op, "recurrent kernel", layout: "(units, \(gates) × units)")
        for (name, t) in [("input", input), ("kernel", kernel), ("recurrent kernel", recurrentKernel)] { try requireFloat(t, op, name) }
        let units = recurrentKernel.shape[0]
        guard recurrentKernel.shape[1] == gates * units else {
            throw TensorError(op, .shape, "the recurrent kernel must have shape (units, \(gates) × units), got \(recurrentKernel.shape)")
        }
        guard kernel.shape[0] == input.shape[2], kernel.shape[1] == gates * units else {
            throw TensorError(op, .shape, "the kernel must have shape (\(input.shape[2]), \(gates * units)) for an input with \(input.shape[2]) features and \(units) units, got \(kernel.shape)")
        }
        guard input.shape[1] >= 1 else {
            throw TensorError(op, .shape, "the input sequence has no time steps (shape \(input.shape))")
        }
        if let bias {
            guard bias.shape.array == biasShape(units) else {
                throw TensorError(op, .shape, "the bias must have shape \(biasShape(units)), got \(bias.shape)")
            }
            try requireFloat(bias, op, "bias")
        }
        for (name, state) in states {
            guard let state else { continue }
            guard state.shape == [input.shape[0], units] else {
                throw TensorError(op, .shape, "the \(name) must have shape (batch, units) = (\(input.shape[0]), \(units)), got \(state.shape)")
            }
            try requireFloat(state, op, name)
        }
        batch = input.shape[0]
        steps = input.shape[1]
        features = input.shape[2]
        self.units = units
        self.gates = gates
        self.goBackwards = goBackwards
    }

    /// A new (batch, steps, gates·units) tensor holding x·kernel + bias for every time step (`bias` holds
    /// gates·units values, or nil).
    func inputProjection(_ x: Tensor, kernel: Tensor, bias: Tensor?) throws -> Tensor {
        let projection = try Tensor.empty([batch, steps, width])
        let b = try bias?.kernelOperand()
        try withExtendedLifetime((x, kernel, projection, b)) {
            let p = projection.floats, px = x.floats
            try splitRows(batch * steps) { rows, _ in
                try KernelSupport.sgemm(m: rows.count, n: width, k: features, a: px + rows.lowerBound * features, lda: features,
                                        b: kernel.floats, ldb: width, c: p + rows.lowerBound * width, ldc: width)
                if let b {
                    let pb = b.floats
                    for r in rows { for j in 0..<width { p[r * width + j] += pb[j] } }
                }
            }
        }
        return projection
    }

    /// Pointer to row `n` of the (batch, steps, width) buffer `base` at time `t`.
    @inline(__always) func row(_ base: UnsafeMutablePointer<Float>, _ n: Int, _ t: Int, width w: Int) -> UnsafeMutablePointer<Float> {
        base + (n * steps + t) * w
    }

    /// dHidden rows `rows` (units wide) = gateGrad rows at time t · recurrentᵀ, added to what `dHidden`
    /// holds when `accumulate`.
    func recurrentBackward(_ gateGrad: UnsafeMutablePointer<Float>, rows: Range<Int>, time t: Int, recurrent: UnsafePointer<Float>,
                           into dHidden: UnsafeMutablePointer<Float>, accumulate: Bool) throws {
        try KernelSupport.sgemm(transposeB: true, m: rows.count, n: units, k: width, a: row(gateGrad, rows.lowerBound, t, width: width),
                                lda: steps * width, b: recurrent, ldb: width, beta: accumulate ? 1 : 0,
                                c: dHidden + rows.lowerBound * units, ldc: units)
    }

    /// The hidden rows `rows` (at `hidden`, `stride` apart, the first being row `rows.lowerBound`) · recurrent,
    /// added into the same rows of the (batch, steps, w) buffer `gates` at time t.
    func recurrentForward(_ hidden: UnsafePointer<Float>, stride: Int, rows: Range<Int>, recurrent: UnsafePointer<Float>,
                          into gates: UnsafeMutablePointer<Float>, time t: Int, width w: Int) throws {
        try KernelSupport.sgemm(m: rows.count, n: w, k: units, a: hidden, lda: stride, b: recurrent, ldb: w,
                                beta: 1, c: row(gates, rows.lowerBound, t, width: w), ldc: steps * w)
    }

    /// Whether the threads split the batch: the samples of a batch never interact, so when the per-step
    /// products of a part are small enough to stay on one thread, each core runs the whole time loop for
    /// its part of the batch: no synchronization per step. Otherwise one part, and each (larger) product
    /// is split between the workers.
    var splitsBatch: Bool {
        let workers = KernelSupport.workerCount
        let partRows = (batch + workers - 1) / workers
        return workers > 1 && batch >= 2 * workers && partRows * width * units < KernelSupport.productSplitThreshold
    }

    /// Runs `body` over parts of the batch (all of it at once unless `splitsBatch`).
    func forEachBatchPart(_ body: (Range<Int>) throws -> Void) throws {
        try splitRows(batch) { rows, _ in try body(rows) }
    }

    /// With `splitsBatch`, calls `body(rows, part)` for `workerCount` parts of `0..<count` on as many threads,
    /// each part's products on its own thread: every product of a layer that splits its batch is split the
    /// same way, never again inside a part. Otherwise calls `body(0..<count, 0)`.
    func splitRows(_ count: Int, _ body: (Range<Int>, Int) throws -> Void) throws {
        guard splitsBatch else { return try body(0..<count, 0) }
        let parts = KernelSupport.workerCount
        let failure = FirstError()
        KernelSupport.withoutSplittingProducts {
            KernelSupport.parallelFor(parts, grain: 1) { range in
                for part in range {
                    do { try body((count * part / parts)..<(count * (part + 1) / parts), part) } catch { failure.record(error) }
                }
            }
        }
        try failure.rethrow()
    }

    /// c (m × n, overwritten) = aᵀ · b summed over `count` rows (a: count × m, b: count × n), each part of
    /// the rows into its own buffer, then added.
    private func transposedProduct(rows count: Int, m: Int, n: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                   into c: UnsafeMutablePointer<Float>) throws {
        let parts = splitsBatch ? KernelSupport.workerCount : 1
        let partial = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max((parts - 1) * m * n, 1))
        defer { partial.deallocate() }
        try splitRows(count) { rows, part in
            try KernelSupport.sgemm(transposeA: true, m: m, n: n, k: rows.count, a: a + rows.lowerBound * m, lda: m,
                                    b: b + rows.lowerBound * n, ldb: n, c: part == 0 ? c : partial + (part - 1) * m * n, ldc: n)
        }
        for part in 1..<parts {
            let source = partial + (part - 1) * m * n
            for i in 0..<(m * n) { c[i] += source[i] }
        }
    }

    /// The gradients of the input, kernel, recurrent kernel and bias from the gate gradients of the whole
    /// sequence: dX = dG·kernelᵀ, dKernel = Xᵀ·dG, dRecurrent = Hprevᵀ·dGrec, dBias = Σ dG. `inputGates`
    /// and `recurrentGates` differ only for the GRU, whose reset gate splits them.
    func parameterGradients(input: Tensor, kernel: Tensor, previousHidden: Tensor, inputGates: Tensor, recurrentGates: Tensor,
                            needInput: Bool, needKernel: Bool, needRecurrent: Bool) throws -> (dx: Tensor?, dKernel: Tensor?, dRecurrent: Tensor?) {
        let rows = batch * steps
        let dx = needInput ? try Tensor.empty([batch, steps, features]) : nil
        let dKernel = needKernel ? try Tensor.empty([features, width]) : nil
        let dRecurrent = needRecurrent ? try Tensor.empty([units, width]) : nil
        try withExtendedLifetime((input, kernel, previousHidden, inputGates, recurrentGates, dx, dKernel, dRecurrent)) {
            if let dx {
                let pdx = dx.floats, pg = inputGates.floats
                try splitRows(rows) { part, _ in
                    try KernelSupport.sgemm(transposeB: true, m: part.count, n: features, k: width, a: pg + part.lowerBound * width,
                                            lda: width, b: kernel.floats, ldb: width, c: pdx + part.lowerBound * features, ldc: features)
                }
            }
            if let dKernel {
                try transposedProduct(rows: rows, m: features, n: width, a: input.floats, b: inputGates.floats, into: dKernel.floats)
            }
            if let dRecurrent {
                try transposedProduct(rows: rows, m: units, n: width, a: previousHidden.floats, b: recurrentGates.floats,
                                      into: dRecurrent.floats)
            }
        }
        return (dx, dKernel, dRecurrent)
    }

    /// Σ over batch and time of a (batch, steps, width) gradient: a bias gradient.
    func biasGradient(_ gateGrad: Tensor) throws -> Tensor {
        try gateGrad.reshape([batch * steps, width]).sum(0)
    }
}
