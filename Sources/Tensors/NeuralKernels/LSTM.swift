import CKernels

extension Functional {
    /// An LSTM over a whole sequence as one fused operation (Keras' LSTM): `input` (batch, steps,
    /// features), `kernel` (features, 4·units), `recurrentKernel` (units, 4·units), `bias` (4·units), gates in
    /// Keras' order i, f, c, o:
    ///
    ///     i = σ(x·Wi + h·Ui + bi)   f = σ(…)   c̃ = tanh(…)   o = σ(…)
    ///     c' = f·c + i·c̃            h' = o·tanh(c')
    ///
    /// (σ is `recurrentActivation`, tanh `activation`). Initial states default to zeros. With
    /// `goBackwards` the steps run from the last time step to the first. One GEMM projects all inputs, one
    /// GEMM per step adds the recurrent part, and the backward pass runs through time with one GEMM per step.
    public static func lstm(_ input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor? = nil,
                            initialHidden: Tensor? = nil, initialCell: Tensor? = nil, goBackwards: Bool = false,
                            activation: RecurrentActivation = .tanh,
                            recurrentActivation: RecurrentActivation = .sigmoid) throws -> RecurrentOutput {
        let op = "lstm"
        let seq = try RecurrentSequence(op, input: input, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias,
                                        biasShape: { [4 * $0] },
                                        states: [("initial hidden state", initialHidden), ("initial cell state", initialCell)],
                                        gates: 4, goBackwards: goBackwards)
        let n = seq.batch, steps = seq.steps, u = seq.units, w = seq.width
        let x = try input.kernelOperand(), wx = try kernel.kernelOperand(), wh = try recurrentKernel.kernelOperand()
        let h0 = try initialHidden?.kernelOperand() ?? Tensor.zeros([n, u])
        let c0 = try initialCell?.kernelOperand() ?? Tensor.zeros([n, u])
        let gates = try seq.inputProjection(x, kernel: wx, bias: bias)
        // Keras' default activations have vectorized C cells, forward and backward.
        let defaultActivations = activation == .tanh && recurrentActivation == .sigmoid
        let cells = try Tensor.empty([n, steps, u]), cellActivations = try Tensor.empty([n, steps, u])
        let previousHidden = try Tensor.empty([n, steps, u])
        // Steps 0..<steps hold h after each step; row `steps` holds the last cell state.
        let packed = try Tensor.empty([n, steps + 1, u])
        try withExtendedLifetime((wh, h0, c0, gates, cells, cellActivations, previousHidden, packed)) {
            let pg = gates.floats, pc = cells.floats, pa = cellActivations.floats, pp = previousHidden.floats, out = packed.floats
            try seq.forEachBatchPart { rows in
              for s in 0..<steps {
                let t = seq.time(s), hStride = s == 0 ? u : (steps + 1) * u
                let hPrev = (s == 0 ? h0.floats : out + (s - 1) * u) + rows.lowerBound * hStride
                for b in rows { seq.row(pp, b, t, width: u).update(from: hPrev + (b - rows.lowerBound) * hStride, count: u) }
                try seq.recurrentForward(hPrev, stride: hStride, rows: rows, recurrent: wh.floats, into: pg, time: t, width: w)
                for b in rows {
                    let g = seq.row(pg, b, t, width: w)
                    let cPrev = s == 0 ? c0.floats + b * u : seq.row(pc, b, seq.time(s - 1), width: u)
                    let c = seq.row(pc, b, t, width: u), a = seq.row(pa, b, t, width: u)
                    let h = out + (b * (steps + 1) + s) * u
                    if defaultActivations {
                        lunette_lstm_forward_step(g, cPrev, c, a, h, Int64(u))
                        continue
                    }
                    recurrentActivation.apply(g, 2 * u)
                    activation.apply(g + 2 * u, u)
                    recurrentActivation.apply(g + 3 * u, u)
                    for j in 0..<u { c[j] = g[u + j] * cPrev[j] + g[j] * g[2 * u + j] }
                    a.update(from: c, count: u)
                    activation.apply(a, u)
                    for j in 0..<u { h[j] = g[3 * u + j] * a[j] }
                }
              }
            }
            for b in 0..<n { (out + (b * (steps + 1) + steps) * u).update(from: seq.row(pc, b, seq.time(steps - 1), width: u), count: u) }
        }

        let inputs = [input, kernel, recurrentKernel] + [bias, initialHidden, initialCell].compactMap { $0 }
        let result = Autograd.recordFirstOrder(op, inputs: inputs, output: packed) { gradOutput in
            let dOut = try gradOutput.kernelOperand()
            let dGates = try Tensor.empty([n, steps, w])
            let dHidden = try Tensor.zeros([n, u]), dCell = try Tensor.empty([n, u])
            try withExtendedLifetime((dOut, dGates, dHidden, dCell, gates, cells, cellActivations, c0, wh)) {
                let pd = dOut.floats, pdg = dGates.floats, dh = dHidden.floats, dc = dCell.floats
                let pg = gates.floats, pc = cells.floats, pa = cellActivations.floats
                try seq.forEachBatchPart { rows in
                for b in rows { (dc + b * u).update(from: pd + (b * (steps + 1) + steps) * u, count: u) }
                for s in stride(from: steps - 1, through: 0, by: -1) {
                    let t = seq.time(s)
                    for b in rows {
                        let g = seq.row(pg, b, t, width: w), a = seq.row(pa, b, t, width: u), dz = seq.row(pdg, b, t, width: w)
                        let cPrev = s == 0 ? c0.floats + b * u : seq.row(pc, b, seq.time(s - 1), width: u)
                        let dhOut = pd + (b * (steps + 1) + s) * u, dhRow = dh + b * u, dcRow = dc + b * u
                        if defaultActivations {
                            lunette_lstm_backward_step(g, a, cPrev, dhOut, dhRow, dcRow, dz, Int64(u))
                            continue
                        }
                        for j in 0..<u {
                            let i = g[j], f = g[u + j], candidate = g[2 * u + j], o = g[3 * u + j]
                            let dhj = dhOut[j] + dhRow[j]
                            let dcj = dcRow[j] + dhj * o * activation.derivative(output: a[j])
                            dz[j] = dcj * candidate * recurrentActivation.derivative(output: i)
                            dz[u + j] = dcj * cPrev[j] * recurrentActivation.derivative(output: f)
                            dz[2 * u + j] = dcj * i * activation.derivative(output: candidate)
                            dz[3 * u + j] = dhj * a[j] * recurrentActivation.derivative(output: o)
                            dcRow[j] = dcj * f
                        }
                    }
                    try seq.recurrentBackward(pdg, rows: rows, time: t, recurrent: wh.floats, into: dh, accumulate: false)
                }
                }
            }
            let (dx, dKernel, dRecurrent) = try seq.parameterGradients(
                input: x, kernel: wx, previousHidden: previousHidden, inputGates: dGates, recurrentGates: dGates,
                needInput: input.requiresGrad, needKernel: kernel.requiresGrad, needRecurrent: recurrentKernel.requiresGrad)
            var grads: [Tensor?] = [dx, dKernel, dRecurrent]
            if bias != nil { grads.append(try seq.biasGradient(dGates)) }
            if initialHidden != nil { grads.append(dHidden) }
            if initialCell != nil { grads.append(dCell) }
            return grads
        }
        return RecurrentOutput(sequence: try result.narrow(1, start: 0, length: steps),
                               lastHidden: try result.select(1, steps - 1), lastCell: try result.select(1, steps))
    }
}
