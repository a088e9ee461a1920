import NN
import Tensors

/// The NN functional kernels at the sizes of the course experiments, forward + backward. The PyTorch
/// side of the same work is bench/python/kernels.py.
func kernelBenchmarks() -> [Benchmark] {
    Random.manualSeed(1)
    /// A convolution layer's forward and backward (input, kernel and bias gradients) on a fixed batch.
    func convolution(_ name: String, batch: Int, size: Int, channels: Int, filters: Int, stride: Int,
                     inputGrad: Bool) -> Benchmark {
        let x = try! Tensor.randn([batch, size, size, channels])
        if inputGrad { try! x.setRequiresGrad() }
        let w = try! (Tensor.randn([3, 3, channels, filters]) * 0.1).setRequiresGrad()
        let b = try! Tensor.zeros([filters]).setRequiresGrad()
        let out = (size + stride - 1) / stride
        let g = try! Tensor.randn([batch, out, out, filters])
        let flops = 2.0 * 3 * Double(batch * out * out) * Double(9 * channels * filters)
        return Benchmark(name: name, unit: ("GFLOP", flops / 1e9)) {
            let y = try Functional.conv2d(x, kernel: w, bias: b, strides: (stride, stride), padding: .same, activation: .relu)
            try y.backward(gradient: g)
            w.grad = nil
            b.grad = nil
            x.grad = nil
        }
    }
    let sequence = try! Tensor.randn([32, 140, 1])
    let kernel = try! (Tensor.randn([1, 200]) * 0.1).setRequiresGrad()
    let recurrent = try! (Tensor.randn([50, 200]) * 0.1).setRequiresGrad()
    let bias = try! Tensor.zeros([200]).setRequiresGrad()
    let lastGrad = try! Tensor.randn([32, 50])
    return [
        convolution("conv2d MNIST 1->32 3x3 same relu, 64x28x28, fwd+bwd", batch: 64, size: 28, channels: 1, filters: 32, stride: 1, inputGrad: false),
        convolution("conv2d MNIST 32->64 3x3 same relu, 64x14x14, fwd+bwd", batch: 64, size: 14, channels: 32, filters: 64, stride: 1, inputGrad: true),
        convolution("conv2d colorize 1->64 3x3 same relu, 10x100x100, fwd+bwd", batch: 10, size: 100, channels: 1, filters: 64, stride: 1, inputGrad: false),
        convolution("conv2d colorize 64->128 3x3 stride 2, 10x100x100, fwd+bwd", batch: 10, size: 100, channels: 64, filters: 128, stride: 2, inputGrad: true),
        convolution("conv2d colorize 128->256 3x3 same, 10x50x50, fwd+bwd", batch: 10, size: 50, channels: 128, filters: 256, stride: 1, inputGrad: true),
        Benchmark(name: "lstm 50 units, 32x140x1, fwd+bwd (last hidden)", unit: ("samples", 32)) {
            let out = try Functional.lstm(sequence, kernel: kernel, recurrentKernel: recurrent, bias: bias)
            try out.lastHidden.backward(gradient: lastGrad)
            kernel.grad = nil
            recurrent.grad = nil
            bias.grad = nil
        },
        Benchmark(name: "lstm 50 units, 32x140x1, forward only", unit: ("samples", 32)) {
            _ = try Autograd.withoutGradients {
                try Functional.lstm(sequence, kernel: kernel, recurrentKernel: recurrent, bias: bias)
            }
        },
    ]
}
