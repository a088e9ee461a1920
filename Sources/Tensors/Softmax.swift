#if canImport(Glibc)
import Glibc
#endif
import CKernels

extension Tensor {
    /// exp(x) / Σ exp(x) along `dim`, computed after subtracting each lane's maximum so that large inputs
    /// stay finite.
    public func softmax(_ dim: Int) throws -> Tensor {
        let out = try softmaxKernel(dim, logarithm: false)
        guard Autograd.needsGrad(self) else { return out }
        let x = self, y = out.detach()
        return Autograd.record("softmax", inputs: [self], output: out, saving: [self, out]) { g in
            let output = Autograd.isGradEnabled ? try x.softmax(dim) : y
            return [try output * (g - (g * output).sum(dims: [dim], keepDims: true))]
        }
    }

    /// log(softmax(x)) along `dim`, computed as x − max − log Σ exp(x − max) (no log of a tiny number).
    public func logSoftmax(_ dim: Int) throws -> Tensor {
        let out = try softmaxKernel(dim, logarithm: true)
        guard Autograd.needsGrad(self) else { return out }
        let x = self, y = out.detach()
        return Autograd.record("logSoftmax", inputs: [self], output: out, saving: [self, out]) { g in
            let output = Autograd.isGradEnabled ? try x.logSoftmax(dim) : y
            return [try g - output.exp() * g.sum(dims: [dim], keepDims: true)]
        }
    }

    private func softmaxKernel(_ dim: Int, logarithm: Bool) throws -> Tensor {
        try to(.float32).mapLanes(along: dim, Float.self, outputType: .float32, op: logarithm ? "logSoftmax" : "softmax") {
            (input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, lanes, length) in
            for lane in 0..<lanes {
                lunette_softmax(input + lane * length, output + lane * length, Int64(length), logarithm ? 1 : 0)
            }
        }
    }

    /// Running sums along `dim`. Integer and bool tensors sum in int64.
    public func cumsum(_ dim: Int) throws -> Tensor {
        if dtype != .float32 {
            return try to(.int64).mapLanes(along: dim, Int64.self, outputType: .int64, op: "cumsum") {
                (input: UnsafePointer<Int64>, output: UnsafeMutablePointer<Int64>, lanes, length) in
                for lane in 0..<lanes {
                    var total: Int64 = 0
                    for i in 0..<length { total &+= input[lane * length + i]; output[lane * length + i] = total }
                }
            }
        }
        let out = try mapLanes(along: dim, Float.self, outputType: .float32, op: "cumsum") {
            (input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, lanes, length) in
            for lane in 0..<lanes {
                var total: Double = 0
                for i in 0..<length { total += Double(input[lane * length + i]); output[lane * length + i] = Float(total) }
            }
        }
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("cumsum", inputs: [self], output: out) { g in
            [try g.flip([dim]).cumsum(dim).flip([dim])]
        }
    }
}
