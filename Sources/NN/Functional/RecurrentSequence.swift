import Tensors

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
            let rows = batch * steps, p = projection.floats
            try KernelSupport.sgemm(m: rows, n: width, k: features, a: x.floats, lda: features, b: kernel.floats, ldb: width,
                                    c: p, ldc: width)
            if let b {
                let pb = b.floats
                for r in 0..<rows { for j in 0..<width { p[r * width + j] += pb[j] } }
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

    /// OpenBLAS runs products of fewer than 4·65536 multiply-adds on the calling thread (its default
    /// GEMM_MULTITHREAD_THRESHOLD of 4); larger ones it splits between its own threads.
    static let blasSingleThreadLimit = 4 * 65_536

    /// Runs `body` over parts of the batch. The samples of a batch never interact, so when the per-step
    /// products of a part are small enough for BLAS to keep them on one thread, each core runs the whole
    /// time loop for its part of the batch: no synchronization per step. Otherwise one part, and BLAS
    /// splits each (larger) product.
    func forEachBatchPart(_ body: (Range<Int>) throws -> Void) throws {
        let workers = KernelSupport.workerCount
        let partRows = (batch + workers - 1) / workers
        let split = workers > 1 && batch >= 2 * workers && partRows * width * units < RecurrentSequence.blasSingleThreadLimit
        guard split else { return try body(0..<batch) }
        let failure = FirstError()
        KernelSupport.parallelFor(batch, grain: batch / workers) { rows in
            do { try body(rows) } catch { failure.record(error) }
        }
        try failure.rethrow()
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
                try KernelSupport.sgemm(transposeB: true, m: rows, n: features, k: width, a: inputGates.floats, lda: width,
                                        b: kernel.floats, ldb: width, c: dx.floats, ldc: features)
            }
            if let dKernel {
                try KernelSupport.sgemm(transposeA: true, m: features, n: width, k: rows, a: input.floats, lda: features,
                                        b: inputGates.floats, ldb: width, c: dKernel.floats, ldc: width)
            }
            if let dRecurrent {
                try KernelSupport.sgemm(transposeA: true, m: units, n: width, k: rows, a: previousHidden.floats, lda: units,
                                        b: recurrentGates.floats, ldb: width, c: dRecurrent.floats, ldc: width)
            }
        }
        return (dx, dKernel, dRecurrent)
    }

    /// Σ over batch and time of a (batch, steps, width) gradient: a bias gradient.
    func biasGradient(_ gateGrad: Tensor) throws -> Tensor {
        try gateGrad.reshape([batch * steps, width]).sum(0)
    }
}
