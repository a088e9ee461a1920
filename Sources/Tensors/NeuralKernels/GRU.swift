extension Functional {
    /// A GRU over a whole sequence as one fused operation (Keras' GRU with reset_after=True, its default):
    /// `input` (batch, steps, features), `kernel` (features, 3·units), `recurrentKernel` (units, 3·units),
    /// `bias` (2, 3·units) with row 0 the input bias and row 1 the recurrent bias, gates in the order z, r, h:
    ///
    ///     z = σ(x·Wz + bz + h·Uz + b'z)    r = σ(x·Wr + br + h·Ur + b'r)
    ///     ĥ = tanh(x·Wh + bh + r·(h·Uh + b'h))    h' = z·h + (1 − z)·ĥ
    ///
    /// The initial state defaults to zeros; `goBackwards` runs the steps from the last to the first.
    public static func gru(_ input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor? = nil,
                           initialHidden: Tensor? = nil, goBackwards: Bool = false,
                           activation: RecurrentActivation = .tanh,
                           recurrentActivation: RecurrentActivation = .sigmoid) throws -> RecurrentOutput {
        let op = "gru"
        let seq = try RecurrentSequence(op, input: input, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias,
                                        biasShape: { [2, 3 * $0] }, states: [("initial hidden state", initialHidden)],
                                        gates: 3, goBackwards: goBackwards)
        let n = seq.batch, steps = seq.steps, u = seq.units, w = seq.width
        let x = try input.kernelOperand(), wx = try kernel.kernelOperand(), wh = try recurrentKernel.kernelOperand()
        let h0 = try initialHidden?.kernelOperand() ?? Tensor.zeros([n, u])
        let gates = try seq.inputProjection(x, kernel: wx, bias: try bias?.select(0, 0))
        let recurrentBias = try bias?.select(0, 1).kernelOperand()
        let candidateInner = try Tensor.empty([n, steps, u]), previousHidden = try Tensor.empty([n, steps, u])
        let output = try Tensor.empty([n, steps, u])
        let inner = try Tensor.empty([n, w])
        try withExtendedLifetime((wh, h0, gates, recurrentBias, candidateInner, previousHidden, output, inner)) {
            let pg = gates.floats, pi = candidateInner.floats, pp = previousHidden.floats, out = output.floats, r = inner.floats
            try seq.forEachBatchPart { rows in
              for s in 0..<steps {
                let t = seq.time(s), hStride = s == 0 ? u : steps * u
                let hPrev = (s == 0 ? h0.floats : out + (s - 1) * u) + rows.lowerBound * hStride
                for b in rows {
                    seq.row(pp, b, t, width: u).update(from: hPrev + (b - rows.lowerBound) * hStride, count: u)
                    if let recurrentBias { (r + b * w).update(from: recurrentBias.floats, count: w) } else { (r + b * w).initialize(repeating: 0, count: w) }
                }
                try KernelSupport.sgemm(m: rows.count, n: w, k: u, a: hPrev, lda: hStride, b: wh.floats, ldb: w, beta: 1,
                                        c: r + rows.lowerBound * w, ldc: w)
                for b in rows {
                    let g = seq.row(pg, b, t, width: w), rb = r + b * w
                    for j in 0..<(2 * u) { g[j] += rb[j] }
                    recurrentActivation.apply(g, 2 * u)
                    seq.row(pi, b, t, width: u).update(from: rb + 2 * u, count: u)
                    for j in 0..<u { g[2 * u + j] += g[u + j] * rb[2 * u + j] }
                    activation.apply(g + 2 * u, u)
                    let h = out + (b * steps + s) * u, hp = hPrev + (b - rows.lowerBound) * hStride
                    for j in 0..<u { h[j] = g[j] * hp[j] + (1 - g[j]) * g[2 * u + j] }
                }
              }
            }
        }

        let inputs = [input, kernel, recurrentKernel] + [bias, initialHidden].compactMap { $0 }
        let result = Autograd.recordFirstOrder(op, inputs: inputs, output: output) { gradOutput in
            let dOut = try gradOutput.kernelOperand()
            let dInputGates = try Tensor.empty([n, steps, w]), dRecurrentGates = try Tensor.empty([n, steps, w])
            let dHidden = try Tensor.zeros([n, u])
            try withExtendedLifetime((dOut, dInputGates, dRecurrentGates, dHidden, gates, candidateInner, previousHidden, wh)) {
                let pd = dOut.floats, pdi = dInputGates.floats, pdr = dRecurrentGates.floats, dh = dHidden.floats
                let pg = gates.floats, pi = candidateInner.floats, pp = previousHidden.floats
                try seq.forEachBatchPart { rows in
                for s in stride(from: steps - 1, through: 0, by: -1) {
                    let t = seq.time(s)
                    for b in rows {
                        let g = seq.row(pg, b, t, width: w), inner = seq.row(pi, b, t, width: u), hp = seq.row(pp, b, t, width: u)
                        let di = seq.row(pdi, b, t, width: w), dr = seq.row(pdr, b, t, width: w)
                        let dhOut = pd + (b * steps + s) * u, dhRow = dh + b * u
                        for j in 0..<u {
                            let z = g[j], reset = g[u + j], candidate = g[2 * u + j]
                            let dhj = dhOut[j] + dhRow[j]
                            let dCandidate = dhj * (1 - z) * activation.derivative(output: candidate)
                            let dz = dhj * (hp[j] - candidate) * recurrentActivation.derivative(output: z)
                            let dReset = dCandidate * inner[j] * recurrentActivation.derivative(output: reset)
                            di[j] = dz
                            di[u + j] = dReset
                            di[2 * u + j] = dCandidate
                            dr[j] = dz
                            dr[u + j] = dReset
                            dr[2 * u + j] = dCandidate * reset
                            dhRow[j] = dhj * z
                        }
                    }
                    try seq.recurrentBackward(pdr, rows: rows, time: t, recurrent: wh.floats, into: dh, accumulate: true)
                }
                }
            }
            let (dx, dKernel, dRecurrent) = try seq.parameterGradients(
                input: x, kernel: wx, previousHidden: previousHidden, inputGates: dInputGates, recurrentGates: dRecurrentGates,
                needInput: input.requiresGrad, needKernel: kernel.requiresGrad, needRecurrent: recurrentKernel.requiresGrad)
            var grads: [Tensor?] = [dx, dKernel, dRecurrent]
            if bias != nil { grads.append(try Tensor.stack([seq.biasGradient(dInputGates), seq.biasGradient(dRecurrentGates)])) }
            if initialHidden != nil { grads.append(dHidden) }
            return grads
        }
        return RecurrentOutput(sequence: result, lastHidden: try result.select(1, steps - 1), lastCell: nil)
    }
}
