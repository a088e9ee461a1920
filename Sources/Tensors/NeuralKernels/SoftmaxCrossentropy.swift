#if canImport(Glibc)
import Glibc
#endif
import CKernels

extension Functional {
    /// −log softmax(logits)[label] for each row of `logits` (rows, classes) and int64 `labels` (rows),
    /// checked by the caller. One pass per row computes the maximum, the log-sum-exp and the loss; the
    /// backward gives (softmax − onehot) scaled by each row's incoming gradient, reading the softmax from
    /// `probabilities` when a layer already computed it (rows × classes).
    package static func sparseSoftmaxCrossentropy(_ logits: Tensor, labels: Tensor, probabilities: Tensor? = nil) throws -> Tensor {
        let rows = logits.shape[0], classes = logits.shape[1]
        let x = try logits.kernelOperand(), y = try labels.contiguous()
        let loss = try Tensor.empty([rows]), logSumExp = try Tensor.empty([rows])
        let labelValues = try y.toArray(Int64.self)
        withExtendedLifetime((x, loss, logSumExp)) {
            let px = x.floats, pl = loss.floats, ps = logSumExp.floats
            labelValues.withUnsafeBufferPointer { label in
                KernelSupport.parallelFor(rows, grain: Swift.max(1, 16_384 / Swift.max(classes, 1))) { range in
                    withRowBuffer(classes) { buffer in
                        for r in range {
                            let row = px + r * classes
                            ps[r] = rowLogSumExp(row, classes, buffer)
                            pl[r] = ps[r] - row[Int(label[r])]
                        }
                    }
                }
            }
        }
        guard Autograd.needsGrad([logits]) else { return loss }
        return Autograd.recordFirstOrder("sparseCategoricalCrossentropy", inputs: [logits], output: loss) { gradOutput in
            let g = try gradOutput.kernelOperand(), dx = try Tensor.empty([rows, classes])
            let p = try probabilities?.kernelOperand()
            withExtendedLifetime((x, logSumExp, g, dx, p)) {
                let px = x.floats, ps = logSumExp.floats, pg = g.floats, pd = dx.floats, pp = p?.floats
                labelValues.withUnsafeBufferPointer { label in
                    KernelSupport.parallelFor(rows, grain: Swift.max(1, 16_384 / Swift.max(classes, 1))) { range in
                        for r in range {
                            let out = pd + r * classes
                            softmax(px + r * classes, classes, logSumExp: ps[r], known: pp.map { $0 + r * classes }, into: out)
                            for c in 0..<classes { out[c] *= pg[r] }
                            out[Int(label[r])] -= pg[r]
                        }
                    }
                }
            }
            return [dx]
        }
    }

    /// −Σ targets · log softmax(logits) for each row of `logits` and float `targets` (both rows × classes,
    /// checked by the caller; the targets take no gradient). One pass per row computes the maximum, the
    /// log-sum-exp and the loss; the backward gives (softmax · Σ targets − targets) scaled by each row's
    /// incoming gradient, reading the softmax from `probabilities` when a layer already computed it.
    package static func softmaxCrossentropy(_ logits: Tensor, targets: Tensor, probabilities: Tensor? = nil) throws -> Tensor {
        let rows = logits.shape[0], classes = logits.shape[1]
        let x = try logits.kernelOperand(), t = try targets.kernelOperand()
        let loss = try Tensor.empty([rows]), logSumExp = try Tensor.empty([rows]), targetSums = try Tensor.empty([rows])
        let grain = Swift.max(1, 16_384 / Swift.max(classes, 1))
        withExtendedLifetime((x, t, loss, logSumExp, targetSums)) {
            let px = x.floats, pt = t.floats, pl = loss.floats, ps = logSumExp.floats, pw = targetSums.floats
            KernelSupport.parallelFor(rows, grain: grain) { range in
                withRowBuffer(classes) { buffer in
                    for r in range {
                        let row = px + r * classes, target = pt + r * classes
                        var weight: Float = 0, dot: Float = 0
                        for c in 0..<classes {
                            weight += target[c]
                            dot += target[c] * row[c]
                        }
                        ps[r] = rowLogSumExp(row, classes, buffer)
                        pw[r] = weight
                        pl[r] = ps[r] * weight - dot
                    }
                }
            }
        }
        guard Autograd.needsGrad([logits]) else { return loss }
        return Autograd.recordFirstOrder("categoricalCrossentropy", inputs: [logits], output: loss) { gradOutput in
            let g = try gradOutput.kernelOperand(), dx = try Tensor.empty([rows, classes])
            let p = try probabilities?.kernelOperand()
            withExtendedLifetime((x, t, logSumExp, targetSums, g, dx, p)) {
                let px = x.floats, pt = t.floats, ps = logSumExp.floats, pw = targetSums.floats, pg = g.floats, pd = dx.floats
                let pp = p?.floats
                KernelSupport.parallelFor(rows, grain: grain) { range in
                    for r in range {
                        let target = pt + r * classes, out = pd + r * classes
                        softmax(px + r * classes, classes, logSumExp: ps[r], known: pp.map { $0 + r * classes }, into: out)
                        let scale = pg[r] * pw[r]
                        for c in 0..<classes { out[c] = scale * out[c] - pg[r] * target[c] }
                    }
                }
            }
            return [dx]
        }
    }

    /// log Σ exp(row), shifted by the row's maximum; `buffer` holds `count` floats of scratch.
    private static func rowLogSumExp(_ row: UnsafePointer<Float>, _ count: Int, _ buffer: UnsafeMutablePointer<Float>) -> Float {
        lunette_log_sum_exp(row, Int64(count), buffer)
    }

    /// out = exp(row − logSumExp): the row's softmax, copied from `known` when a layer computed it.
    private static func softmax(_ row: UnsafePointer<Float>, _ count: Int, logSumExp: Float, known: UnsafeMutablePointer<Float>?,
                                into out: UnsafeMutablePointer<Float>) {
        if let known {
            out.update(from: known, count: count)
            return
        }
        for c in 0..<count { out[c] = row[c] - logSumExp }
        KernelSupport.exp(out, out, count)
    }

    private static func withRowBuffer(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
        defer { buffer.deallocate() }
        body(buffer)
    }
}
