extension Functional {
    /// A fully connected recurrent layer over a whole sequence as one fused operation (Keras' SimpleRNN):
    /// h' = activation(x·W + h·U + b) with `kernel` (features, units), `recurrentKernel` (units, units) and
    /// `bias` (units). The initial state defaults to zeros; `goBackwards` runs the steps from the last.
    public static func simpleRNN(_ input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor? = nil,
                                 initialHidden: Tensor? = nil, goBackwards: Bool = false,
                                 activation: RecurrentActivation = .tanh) throws -> RecurrentOutput {
        let op = "simpleRNN"
        let seq = try RecurrentSequence(op, input: input, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias,
                                        biasShape: { [$0] }, states: [("initial hidden state", initialHidden)],
                                        gates: 1, goBackwards: goBackwards)
        let n = seq.batch, steps = seq.steps, u = seq.units
        let x = try input.kernelOperand(), wx = try kernel.kernelOperand(), wh = try recurrentKernel.kernelOperand()
        let h0 = try initialHidden?.kernelOperand() ?? Tensor.zeros([n, u])
        let activations = try seq.inputProjection(x, kernel: wx, bias: bias)
        let previousHidden = try Tensor.empty([n, steps, u]), output = try Tensor.empty([n, steps, u])
        try withExtendedLifetime((wh, h0, activations, previousHidden, output)) {
            let pa = activations.floats, pp = previousHidden.floats, out = output.floats
            try seq.forEachBatchPart { rows in
                for s in 0..<steps {
                    let t = seq.time(s), hStride = s == 0 ? u : steps * u
                    let hPrev = (s == 0 ? h0.floats : out + (s - 1) * u) + rows.lowerBound * hStride
                    for b in rows { seq.row(pp, b, t, width: u).update(from: hPrev + (b - rows.lowerBound) * hStride, count: u) }
                    try seq.recurrentForward(hPrev, stride: hStride, rows: rows, recurrent: wh.floats, into: pa, time: t, width: u)
                    for b in rows {
                        let a = seq.row(pa, b, t, width: u)
                        activation.apply(a, u)
                        (out + (b * steps + s) * u).update(from: a, count: u)
                    }
                }
            }
        }

        let inputs = [input, kernel, recurrentKernel] + [bias, initialHidden].compactMap { $0 }
        let result = Autograd.recordFirstOrder(op, inputs: inputs, output: output) { gradOutput in
            let dOut = try gradOutput.kernelOperand()
            let dPre = try Tensor.empty([n, steps, u]), dHidden = try Tensor.zeros([n, u])
            try withExtendedLifetime((dOut, dPre, dHidden, activations, wh)) {
                let pd = dOut.floats, pdp = dPre.floats, dh = dHidden.floats, pa = activations.floats
                try seq.forEachBatchPart { rows in
                    for s in stride(from: steps - 1, through: 0, by: -1) {
                        let t = seq.time(s)
                        for b in rows {
                            let a = seq.row(pa, b, t, width: u), da = seq.row(pdp, b, t, width: u)
                            let dhOut = pd + (b * steps + s) * u, dhRow = dh + b * u
                            for j in 0..<u { da[j] = (dhOut[j] + dhRow[j]) * activation.derivative(output: a[j]) }
                        }
                        try seq.recurrentBackward(pdp, rows: rows, time: t, recurrent: wh.floats, into: dh, accumulate: false)
                    }
                }
            }
            let (dx, dKernel, dRecurrent) = try seq.parameterGradients(
                input: x, kernel: wx, previousHidden: previousHidden, inputGates: dPre, recurrentGates: dPre,
                needInput: input.requiresGrad, needKernel: kernel.requiresGrad, needRecurrent: recurrentKernel.requiresGrad)
            var grads: [Tensor?] = [dx, dKernel, dRecurrent]
            if bias != nil { grads.append(try seq.biasGradient(dPre)) }
            if initialHidden != nil { grads.append(dHidden) }
            return grads
        }
        return RecurrentOutput(sequence: result, lastHidden: try result.select(1, steps - 1), lastCell: nil)
    }
}
