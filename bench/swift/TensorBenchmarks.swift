import CBLAS
import Tensors

/// The Tensors library's per-op overhead, elementwise throughput and matrix products. The NumPy/PyTorch
/// side of the same work is bench/python/tensor_ops.py.
func tensorBenchmarks() -> [Benchmark] {
    let repeats = 10_000
    let a3 = try! Tensor([1, 2, 3] as [Float]), b3 = try! Tensor([4, 5, 6] as [Float])
    let grad3 = try! Tensor([1, 2, 3] as [Float]).setRequiresGrad()
    let big = try! Tensor.rand([1000, 1000]), big2 = try! Tensor.rand([1000, 1000])
    let row = try! Tensor.rand([1000]), column = try! Tensor.rand([1000, 1])
    let logits = try! Tensor.randn([64, 1000])
    func matrices(_ n: Int) -> (Tensor, Tensor, Tensor) {
        (try! Tensor.randn([n, n]), try! Tensor.randn([n, n]), try! Tensor.empty([n, n]))
    }
    let m512 = matrices(512), m1024 = matrices(1024)
    func sgemm(_ m: (Tensor, Tensor, Tensor), _ n: Int) throws {
        try m.0.withUnsafeBufferPointer(as: Float.self) { a in
            try m.1.withUnsafeBufferPointer(as: Float.self) { b in
                try m.2.withUnsafeMutableBufferPointer(as: Float.self) { c in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1,
                                a.baseAddress, Int32(n), b.baseAddress, Int32(n), 0, c.baseAddress, Int32(n))
                }
            }
        }
    }
    /// One SGD step of a two-layer perceptron (forward, loss, backward, update), the shape of a homework
    /// training loop: per-op overhead and the autograd engine at small sizes, BLAS at larger ones.
    func trainingStep(batch: Int, inputs: Int, hidden: Int, classes: Int) -> () throws -> Void {
        let x = try! Tensor.randn([batch, inputs]), labels = try! Tensor.randint(low: 0, high: classes, [batch, 1])
        let parameters = [try! (Tensor.randn([inputs, hidden]) * 0.05).setRequiresGrad(), try! Tensor.zeros([hidden]).setRequiresGrad(),
                          try! (Tensor.randn([hidden, classes]) * 0.05).setRequiresGrad(), try! Tensor.zeros([classes]).setRequiresGrad()]
        return {
            let h = try parameters[1].addmm(x, parameters[0]).relu()
            let logits = try parameters[3].addmm(h, parameters[2])
            let loss = try logits.logSoftmax(1).gather(1, index: labels).mean().neg()
            try loss.backward()
            try Autograd.withoutGradients {
                for p in parameters {
                    if let g = p.grad { try p.add_(g, alpha: -0.01) }
                    p.grad = nil
                }
            }
        }
    }
    return [
        Benchmark(name: "MLP training step 16x10-32-3", unit: ("steps", 1), run: trainingStep(batch: 16, inputs: 10, hidden: 32, classes: 3)),
        Benchmark(name: "MLP training step 64x784-128-10", unit: ("steps", 1), run: trainingStep(batch: 64, inputs: 784, hidden: 128, classes: 10)),
        Benchmark(name: "add 3 elements (x\(repeats))", unit: ("ops", Double(repeats))) {
            for _ in 0..<repeats { _ = try a3 + b3 }
        },
        Benchmark(name: "add 3 elements, recorded for autograd (x\(repeats))", unit: ("ops", Double(repeats))) {
            for _ in 0..<repeats { _ = try grad3 + b3 }
        },
        Benchmark(name: "mul scalar 3 elements (x\(repeats))", unit: ("ops", Double(repeats))) {
            for _ in 0..<repeats { _ = try a3 * 2.0 }
        },
        Benchmark(name: "relu 3 elements (x\(repeats))", unit: ("ops", Double(repeats))) {
            for _ in 0..<repeats { _ = try a3.relu() }
        },
        Benchmark(name: "add 1000x1000 + 1000x1000", unit: ("elements", 1e6)) { _ = try big + big2 },
        Benchmark(name: "add 1000x1000 + 1000 (row broadcast)", unit: ("elements", 1e6)) { _ = try big + row },
        Benchmark(name: "add 1000x1000 + 1000x1 (column broadcast)", unit: ("elements", 1e6)) { _ = try big + column },
        Benchmark(name: "add transposed 1000x1000 + 1000x1000", unit: ("elements", 1e6)) { _ = try big.t() + big2 },
        Benchmark(name: "exp 1000x1000", unit: ("elements", 1e6)) { _ = try big.exp() },
        Benchmark(name: "tanh 1000x1000", unit: ("elements", 1e6)) { _ = try big.tanh() },
        Benchmark(name: "sum 1000x1000", unit: ("elements", 1e6)) { _ = try big.sum() },
        Benchmark(name: "sum 1000x1000 over dim 0", unit: ("elements", 1e6)) { _ = try big.sum(0) },
        Benchmark(name: "softmax 64x1000 over dim 1", unit: ("elements", 64e3)) { _ = try logits.softmax(1) },
        Benchmark(name: "matmul 512x512 (Tensor API)", unit: ("FLOP", 2 * 512 * 512 * 512)) { _ = try m512.0.matmul(m512.1) },
        Benchmark(name: "matmul 512x512 (direct cblas_sgemm)", unit: ("FLOP", 2 * 512 * 512 * 512)) { try sgemm(m512, 512) },
        Benchmark(name: "matmul 1024x1024 (Tensor API)", unit: ("FLOP", 2 * 1024 * 1024 * 1024)) { _ = try m1024.0.matmul(m1024.1) },
        Benchmark(name: "matmul 1024x1024 (direct cblas_sgemm)", unit: ("FLOP", 2 * 1024 * 1024 * 1024)) { try sgemm(m1024, 1024) },
    ]
}
