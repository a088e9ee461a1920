#if canImport(Glibc)
import Glibc
#endif
import Tensors

extension Functional {
    /// −log softmax(logits)[label] for each row of `logits` (rows, classes) and int64 `labels` (rows),
    /// checked by the caller. One pass per row computes the maximum, the log-sum-exp and the loss; the
    /// backward gives (softmax − onehot) scaled by each row's incoming gradient.
    static func sparseSoftmaxCrossentropy(_ logits: Tensor, labels: Tensor) throws -> Tensor {
        let rows = logits.shape[0], classes = logits.shape[1]
        let x = try logits.kernelOperand(), y = try labels.contiguous()
        let loss = try Tensor.empty([rows]), logSumExp = try Tensor.empty([rows])
        let labelValues = try y.toArray(Int64.self)
        withExtendedLifetime((x, loss, logSumExp)) {
            let px = x.floats, pl = loss.floats, ps = logSumExp.floats
            labelValues.withUnsafeBufferPointer { label in
                KernelSupport.parallelFor(rows, grain: Swift.max(1, 16_384 / Swift.max(classes, 1))) { range in
                    for r in range {
                        let row = px + r * classes
                        var peak = -Float.infinity
                        for c in 0..<classes where row[c] > peak { peak = row[c] }
                        if !peak.isFinite { peak = 0 }
                        var total: Float = 0
                        for c in 0..<classes { total += expf(row[c] - peak) }
                        ps[r] = peak + logf(total)
                        pl[r] = ps[r] - row[Int(label[r])]
                    }
                }
            }
        }
        guard Autograd.needsGrad([logits]) else { return loss }
        return Autograd.recordFirstOrder("sparseCategoricalCrossentropy", inputs: [logits], output: loss) { gradOutput in
            let g = try gradOutput.kernelOperand(), dx = try Tensor.empty([rows, classes])
            withExtendedLifetime((x, logSumExp, g, dx)) {
                let px = x.floats, ps = logSumExp.floats, pg = g.floats, pd = dx.floats
                labelValues.withUnsafeBufferPointer { label in
                    KernelSupport.parallelFor(rows, grain: Swift.max(1, 16_384 / Swift.max(classes, 1))) { range in
                        for r in range {
                            let row = px + r * classes, out = pd + r * classes
                            for c in 0..<classes { out[c] = pg[r] * expf(row[c] - ps[r]) }
                            out[Int(label[r])] -= pg[r]
                        }
                    }
                }
            }
            return [dx]
        }
    }
}
