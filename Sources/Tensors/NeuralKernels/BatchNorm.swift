/// What batch normalization in training mode returns: the normalized output, and the batch statistics
/// (per channel, without autograd history) that the layer folds into its moving averages.
public struct BatchNormOutput {
    public let output: Tensor
    /// The mean of each channel over the batch and spatial positions.
    public let mean: Tensor
    /// The biased variance (divided by the count, as Keras uses it for the moving variance).
    public let variance: Tensor
}

extension Functional {
    /// Batch normalization in training mode over the last axis (Keras' default axis −1): each channel is
    /// normalized with the mean and biased variance over all other axes, then scaled by `gamma` and shifted
    /// by `beta` (each optional, one value per channel). Differentiable in input, gamma and beta.
    public static func batchNormTraining(_ input: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil,
                                         epsilon: Double = 1e-3) throws -> BatchNormOutput {
        let op = "batchNorm"
        let channels = try normalizedChannels(op, input, gamma: gamma, beta: beta, epsilon: epsilon)
        let rows = channels == 0 ? 0 : input.count / channels
        guard rows > 0 else { throw TensorError(op, .shape, "needs at least one value per channel to compute batch statistics, got shape \(input.shape)") }
        let x = try input.kernelOperand(), scale = try gamma?.kernelOperand(), shift = try beta?.kernelOperand()
        let mean = try Tensor.empty([channels]), variance = try Tensor.empty([channels])
        let inverseStd = try Tensor.empty([channels]), output = try Tensor.empty(input.shape.array)
        withExtendedLifetime((x, scale, shift, mean, variance, inverseStd, output)) {
            let px = x.floats, pm = mean.floats, pv = variance.floats, pi = inverseStd.floats
            let sums = columnSums(rows: rows, channels: channels) { r, c in Double(px[r * channels + c]) }
            for c in 0..<channels { pm[c] = Float(sums[c] / Double(rows)) }
            let squares = columnSums(rows: rows, channels: channels) { r, c in
                let d = Double(px[r * channels + c]) - Double(pm[c])
                return d * d
            }
            for c in 0..<channels {
                pv[c] = Float(squares[c] / Double(rows))
                pi[c] = Float(1 / (Double(pv[c]) + epsilon).squareRoot())
            }
            let py = output.floats, pg = scale?.floats, pb = shift?.floats
            KernelSupport.parallelFor(rows, grain: Swift.max(1, 16_384 / channels)) { range in
                for r in range {
                    let source = px + r * channels, target = py + r * channels
                    for c in 0..<channels {
                        let normalized = (source[c] - pm[c]) * pi[c]
                        target[c] = normalized * (pg?[c] ?? 1) + (pb?[c] ?? 0)
                    }
                }
            }
        }
        let inputs = [input] + [gamma, beta].compactMap { $0 }
        guard Autograd.needsGrad(inputs) else { return BatchNormOutput(output: output, mean: mean, variance: variance) }
        let recorded = Autograd.recordFirstOrder(op, inputs: inputs, output: output) { gradOutput in
            let dy = try gradOutput.kernelOperand()
            var dInput: Tensor?
            var sumDy = [Double](), sumDyXhat = [Double]()
            withExtendedLifetime((dy, x, mean, inverseStd)) {
                let pdy = dy.floats, px = x.floats, pm = mean.floats, pi = inverseStd.floats
                sumDy = columnSums(rows: rows, channels: channels) { r, c in Double(pdy[r * channels + c]) }
                sumDyXhat = columnSums(rows: rows, channels: channels) { r, c in
                    Double(pdy[r * channels + c]) * Double((px[r * channels + c] - pm[c]) * pi[c])
                }
            }
            if input.requiresGrad {
                // dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂)) per channel.
                let dx = try Tensor.empty(input.shape.array)
                withExtendedLifetime((dy, x, mean, inverseStd, scale, dx)) {
                    let pdy = dy.floats, px = x.floats, pm = mean.floats, pi = inverseStd.floats, pg = scale?.floats, pdx = dx.floats
                    let meanDy = sumDy.map { Float($0 / Double(rows)) }, meanDyXhat = sumDyXhat.map { Float($0 / Double(rows)) }
                    meanDy.withUnsafeBufferPointer { meanDy in
                        meanDyXhat.withUnsafeBufferPointer { meanDyXhat in
                            KernelSupport.parallelFor(rows, grain: Swift.max(1, 16_384 / channels)) { range in
                                for r in range {
                                    let o = r * channels
                                    for c in 0..<channels {
                                        let xhat = (px[o + c] - pm[c]) * pi[c]
                                        pdx[o + c] = (pg?[c] ?? 1) * pi[c] * (pdy[o + c] - meanDy[c] - xhat * meanDyXhat[c])
                                    }
                                }
                            }
                        }
                    }
                }
                dInput = dx
            }
            var grads: [Tensor?] = [dInput]
            if let gamma { grads.append(gamma.requiresGrad ? try Tensor(sumDyXhat.map { Float($0) }) : nil) }
            if let beta { grads.append(beta.requiresGrad ? try Tensor(sumDy.map { Float($0) }) : nil) }
            return grads
        }
        return BatchNormOutput(output: recorded, mean: mean, variance: variance)
    }

    /// Batch normalization in inference mode: normalizes the last axis with given statistics (the layer's
    /// moving mean and variance). Differentiable in input, gamma and beta.
    public static func batchNormInference(_ input: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor? = nil,
                                          beta: Tensor? = nil, epsilon: Double = 1e-3) throws -> Tensor {
        let op = "batchNorm"
        let channels = try normalizedChannels(op, input, gamma: gamma, beta: beta, epsilon: epsilon)
        for (name, statistic) in [("mean", mean), ("variance", variance)] where !(statistic.shape == [channels]) {
            throw TensorError(op, .shape, "the moving \(name) must have one value per channel (\(channels)), got shape \(statistic.shape)")
        }
        var scale = try (variance.detach() + epsilon).rsqrt()
        if let gamma { scale = try scale * gamma }
        var output = try (input - mean.detach()) * scale
        if let beta { output = try output + beta }
        return output
    }

    /// The channel count (last dimension) after checking the input, the per-channel parameters and epsilon.
    private static func normalizedChannels(_ op: String, _ input: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Double) throws -> Int {
        guard input.rank >= 1 else { throw TensorError(op, .shape, "needs an input with a channel axis, got a scalar") }
        try requireFloat(input, op, "input")
        let channels = input.shape[input.rank - 1]
        for (name, parameter) in [("gamma", gamma), ("beta", beta)] {
            guard let parameter else { continue }
            guard parameter.shape == [channels] else {
                throw TensorError(op, .shape, "\(name) must have one value per channel (\(channels)), got shape \(parameter.shape)")
            }
            try requireFloat(parameter, op, name)
        }
        guard epsilon > 0, epsilon.isFinite else { throw TensorError(op, .value, "epsilon must be positive, got \(epsilon)") }
        return channels
    }

    /// Σ over rows of `value(row, column)` per column, in Double, with the rows split between the cores.
    static func columnSums(rows: Int, channels: Int, _ value: (Int, Int) -> Double) -> [Double] {
        let parts = Swift.max(1, Swift.min(KernelSupport.workerCount, rows * channels / 32_768))
        var partials = [Double](repeating: 0, count: parts * channels)
        partials.withUnsafeMutableBufferPointer { partials in
            KernelSupport.parallelFor(parts, grain: 1) { range in
                for part in range {
                    let sums = partials.baseAddress! + part * channels
                    for r in (rows * part / parts)..<(rows * (part + 1) / parts) {
                        for c in 0..<channels { sums[c] += value(r, c) }
                    }
                }
            }
        }
        return (0..<channels).map { c in (0..<parts).reduce(0) { $0 + partials[$1 * channels + c] } }
    }
}
