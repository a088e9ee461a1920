import Foundation
import Testing
@testable import Tensors

// A finite-difference check for every differentiable operation, including broadcasting and views.

extension TensorsTests {
    @Suite struct GradientTests {
        init() { Random.manualSeed(1234) }

        @Test func arithmeticWithBroadcasting() throws {
            let a = try parameter([2, 3]), b = try parameter([3]), c = try parameter([2, 1]), p = try parameter([2, 3], positive: true)
            try checkGradients([a, b]) { try $0[0] + $0[1] }
            try checkGradients([a, c]) { try $0[0] - $0[1] }
            try checkGradients([c, b]) { try $0[0] * $0[1] }
            try checkGradients([a, p]) { try $0[0] / $0[1] }
            try checkGradients([b, p]) { try $0[0] / $0[1] }
            try checkGradients([p, b]) { try $0[0].pow($0[1]) }
            try checkGradients([a, c]) { try $0[0].maximum($0[1]) }
            try checkGradients([a, b]) { try $0[0].minimum($0[1]) }
            try checkGradients([p]) { try $0[0].remainder(Tensor(scalar: 0.3)) }
        }

        @Test func scalarForms() throws {
            let a = try parameter([2, 3]), p = try parameter([4], positive: true)
            try checkGradients([a]) { try $0[0] + 2.5 }
            try checkGradients([a]) { try 1.5 - $0[0] }
            try checkGradients([a]) { try $0[0] * -3.0 }
            try checkGradients([a]) { try $0[0] / 4.0 }
            try checkGradients([p]) { try 2.0 / $0[0] }
            try checkGradients([p]) { try $0[0].pow(3) }
            try checkGradients([p]) { try $0[0].pow(2) }
            try checkGradients([p]) { try $0[0].pow(0.5) }
            try checkGradients([a]) { try $0[0].rpow(1.7) }
            try checkGradients([a]) { try -$0[0] }
        }

        @Test func unaryMath() throws {
            let a = try parameter([3, 4]), away = try parameter([3, 4], awayFromZero: true), p = try parameter([3, 4], positive: true)
            try checkGradients([away]) { try $0[0].abs() }
            try checkGradients([a]) { try $0[0].exp() }
            try checkGradients([p]) { try $0[0].log() }
            try checkGradients([a]) { try $0[0].abs().log1p() }
            try checkGradients([p]) { try $0[0].sqrt() }
            try checkGradients([p]) { try $0[0].rsqrt() }
            try checkGradients([a]) { try $0[0].sin() }
            try checkGradients([a]) { try $0[0].cos() }
            try checkGradients([a]) { try $0[0].tanh() }
            try checkGradients([a]) { try $0[0].sigmoid() }
            try checkGradients([away]) { try $0[0].relu() }
            try checkGradients([away]) { try $0[0].elu(alpha: 0.7) }
            try checkGradients([away]) { try $0[0].leakyRelu(slope: 0.3) }
            try checkGradients([a]) { try $0[0].softplus(beta: 2) }
            try checkGradients([away]) { try $0[0].sign() + $0[0].floor() + $0[0].ceil() + $0[0].round() }
        }

        @Test func clampAndWhere() throws {
            let x = try Tensor([-0.9, -0.3, 0.1, 0.45, 0.8, 0.2] as [Float], shape: [2, 3]).setRequiresGrad()
            try checkGradients([x]) { try $0[0].clamp(min: -0.5, max: 0.5) }
            try checkGradients([x]) { try $0[0].clamp(min: 0) }
            let a = try parameter([2, 3]), b = try parameter([3])
            let mask = try Tensor([true, false, true], shape: [3])
            try checkGradients([a, b]) { try Tensor.where(mask, $0[0], $0[1]) }
            try checkGradients([a]) { try Tensor.where(mask, $0[0], 0.5) }
            try checkGradients([a]) { try $0[0].maskedFill(mask, value: 2) }
        }

        @Test func reductions() throws {
            let x = try parameter([2, 3, 4]), p = try parameter([2, 3], awayFromZero: true)
            try checkGradients([x]) { try $0[0].sum() }
            try checkGradients([x]) { try $0[0].sum(dims: [0, 2], keepDims: true) }
            try checkGradients([x]) { try $0[0].sum(-1) }
            try checkGradients([x]) { try $0[0].mean(dims: [1]) }
            try checkGradients([x]) { try $0[0].mean() }
            try checkGradients([p]) { try $0[0].prod(1) }
            try checkGradients([p]) { try $0[0].prod() }
            try checkGradients([x]) { try $0[0].variance(dims: [2]) }
            try checkGradients([x]) { try $0[0].variance(dims: [0, 1], unbiased: false, keepDims: true) }
            try checkGradients([x]) { try $0[0].std(dims: [1]) }
            try checkGradients([x]) { try $0[0].std() }
            try checkGradients([x]) { try $0[0].max(dims: [1]) }
            try checkGradients([x]) { try $0[0].min(dims: nil) }
            try checkGradients([x]) { try $0[0].max(2).values }
            try checkGradients([x]) { try $0[0].min(0, keepDims: true).values }
            try checkGradients([x]) { try $0[0].norm() }
            try checkGradients([x]) { try $0[0].norm(p: 2, dims: [2], keepDims: true) }
            try checkGradients([p]) { try $0[0].norm(p: 1, dims: [0]) }
            try checkGradients([p]) { try $0[0].norm(p: 3) }
            try checkGradients([p]) { try $0[0].norm(p: .infinity) }
            try checkGradients([x]) { try $0[0].logsumexp(dims: [1]) }
            try checkGradients([x]) { try $0[0].softmax(1) }
            try checkGradients([x]) { try $0[0].softmax(-1) }
            try checkGradients([x]) { try $0[0].logSoftmax(0) }
            try checkGradients([x]) { try $0[0].logSoftmax(2) }
            try checkGradients([x]) { try $0[0].cumsum(1) }
        }

        @Test func matrixProducts() throws {
            let a = try parameter([3, 4]), b = try parameter([4, 2]), v = try parameter([4]), w = try parameter([3])
            try checkGradients([a, b]) { try $0[0].matmul($0[1]) }
            try checkGradients([a, v]) { try $0[0].matmul($0[1]) }
            try checkGradients([v, b]) { try $0[0].matmul($0[1]) }
            try checkGradients([v]) { try $0[0].dot($0[0]) }
            try checkGradients([v, w]) { try $0[0].outer($0[1]) }
            // Transposed operands reach sgemm through its flags.
            let at = try parameter([4, 3])
            try checkGradients([at, b]) { try $0[0].t().matmul($0[1]) }
            // Batched, with broadcasting of the batch dimensions.
            let batch = try parameter([2, 3, 4]), shared = try parameter([1, 4, 2])
            try checkGradients([batch, shared]) { try $0[0].matmul($0[1]) }
            try checkGradients([batch, b]) { try $0[0].matmul($0[1]) }
            let bias = try parameter([2])
            try checkGradients([bias, a, b]) { try $0[0].addmm($0[1], $0[2], beta: 0.5, alpha: 2) }
        }

        @Test func views() throws {
            let x = try parameter([2, 3, 4])
            try checkGradients([x]) { try $0[0].reshape([4, 6]) * 1.0 }
            try checkGradients([x]) { try $0[0].transpose(0, 2).reshape([-1]) } // reshape that copies
            try checkGradients([x]) { try $0[0].view([6, 4]) }
            try checkGradients([x]) { try $0[0].transpose(1, 2) }
            try checkGradients([x]) { try $0[0].permute([2, 0, 1]) }
            try checkGradients([x]) { try $0[0].narrow(2, start: 1, length: 2) }
            try checkGradients([x]) { try $0[0].select(1, -1) }
            try checkGradients([x]) { try $0[0].slice(2, start: 0, end: 4, step: 2) }
            try checkGradients([x]) { try $0[0].flatten(startDim: 1) }
            try checkGradients([x]) { try $0[0].unsqueeze(1).squeeze() }
            try checkGradients([x]) { try $0[0].narrow(0, start: 0, length: 1).squeeze(0) }
            try checkGradients([x]) { try $0[0].clone().contiguous() }
            try checkGradients([x]) { try $0[0].transpose(0, 1).contiguous() }
            let v = try parameter([3, 1])
            try checkGradients([v]) { try $0[0].expand([2, 3, 4]) }
            // A view of a view, then an elementwise op on the strided result.
            try checkGradients([x]) { try $0[0].transpose(0, 2).narrow(1, start: 1, length: 2).exp() }
        }

        @Test func indexingAndShaping() throws {
            let x = try parameter([3, 4])
            let index = try Tensor([2, 0, 2] as [Int64])
            try checkGradients([x]) { try $0[0].indexSelect(0, index: index) }
            try checkGradients([x]) { try $0[0].indexSelect(1, index: index) }
            let src = try parameter([3, 4])
            try checkGradients([x, src]) { try $0[0].indexAdd(0, index: index, source: $0[1]) }
            let gatherIndex = try Tensor([0, 3, 3, 1, 2, 2] as [Int64], shape: [3, 2])
            try checkGradients([x]) { try $0[0].gather(1, index: gatherIndex) }
            let s = try parameter([3, 2])
            try checkGradients([x, s]) { try $0[0].scatterAdd(1, index: gatherIndex, source: $0[1]) }
            let mask = try Tensor([true, false, false, true], shape: [4])
            try checkGradients([x]) { try $0[0].maskedSelect(mask) }
            try checkGradients([x]) { try $0[0].sort(1).values }
            try checkGradients([x]) { try $0[0].sort(0, descending: true).values }
            try checkGradients([x]) { try $0[0].topk(2, dim: 1).values }
            let y = try parameter([2, 4])
            try checkGradients([x, y]) { try Tensor.concat([$0[0], $0[1]], dim: 0) }
            try checkGradients([x, x]) { try Tensor.stack([$0[0], $0[1].exp()], dim: 1) }
            try checkGradients([x]) { try $0[0].split(size: 3, dim: 1)[1] }
            try checkGradients([x]) { try $0[0].chunk(2, dim: 0)[0] * 2.0 }
            try checkGradients([x]) { try $0[0].split(sizes: [1, 2, 1], dim: 1)[1] }
            try checkGradients([x]) { try $0[0].pad([(1, 0), (2, 1)], value: 3) }
            try checkGradients([x]) { try $0[0].repeat([2, 1, 2]) }
            try checkGradients([x]) { try $0[0].flip([0, 1]) }
            try checkGradients([x]) { try $0[0].tril() }
            try checkGradients([x]) { try $0[0].triu(1) }
        }

        @Test func secondDerivativesByFiniteDifferences() throws {
            let a = try parameter([2, 3]), b = try parameter([3]), p = try parameter([2, 3], positive: true)
            try checkSecondDerivatives([a, b]) { try $0[0] * $0[1] }
            try checkSecondDerivatives([a, p]) { try $0[0] / $0[1] }
            try checkSecondDerivatives([p]) { try $0[0].log() }
            try checkSecondDerivatives([a]) { try $0[0].exp() }
            try checkSecondDerivatives([a]) { try $0[0].sigmoid() }
            try checkSecondDerivatives([a]) { try $0[0].tanh() }
            try checkSecondDerivatives([p]) { try $0[0].sqrt() }
            try checkSecondDerivatives([a]) { try $0[0].softplus() }
            try checkSecondDerivatives([a]) { try $0[0].softmax(1) }
            try checkSecondDerivatives([a]) { try $0[0].logSoftmax(0) }
            try checkSecondDerivatives([a]) { try $0[0].logsumexp(dims: [1]) }
            try checkSecondDerivatives([a]) { try $0[0].std(dims: [1]) }
            try checkSecondDerivatives([a]) { try $0[0].variance() }
            try checkSecondDerivatives([a]) { try $0[0].norm() }
            try checkSecondDerivatives([a, b]) { try $0[0].matmul($0[1]) }
            try checkSecondDerivatives([a]) { try $0[0].t().narrow(0, start: 1, length: 2).pow(3) }
            try checkSecondDerivatives([a]) { try $0[0].gather(1, index: Tensor([0, 2, 1, 1] as [Int64], shape: [2, 2])).pow(2) }
            try checkSecondDerivatives([a]) { try $0[0].maskedSelect($0[0].gt(0)).pow(2) }
            try checkSecondDerivatives([a]) { try $0[0].cumsum(1).pow(2) }
            try checkSecondDerivatives([a]) { try $0[0].pad([(1, 0), (0, 2)]).pow(2) }
        }

        @Test func secondDerivatives() throws {
            let x = try Tensor([0.3, -0.7, 1.2] as [Float]).setRequiresGrad()
            // d/dx Σ x³ = 3x², d²/dx² = 6x.
            let y = try x.pow(3).sum()
            let first = try Autograd.grad(outputs: [y], inputs: [x], createGraph: true)[0]!
            #expect(close(try floats(first), [0.27, 1.47, 4.32], tolerance: 1e-5))
            let second = try Autograd.grad(outputs: [first.sum()], inputs: [x])[0]!
            #expect(close(try floats(second), [1.8, -4.2, 7.2], tolerance: 1e-5))
            // tanh'' = −2 tanh (1 − tanh²), through the recomputed output.
            let t = try x.tanh().sum()
            let dt = try Autograd.grad(outputs: [t], inputs: [x], createGraph: true)[0]!
            let ddt = try Autograd.grad(outputs: [dt.sum()], inputs: [x])[0]!
            let expected = try [0.3, -0.7, 1.2].map { (v: Float) -> Float in let th = Foundation.tanh(v); return -2 * th * (1 - th * th) }
            #expect(close(try floats(ddt), expected, tolerance: 1e-4))
            // Through a view (narrow) and a reduction: d²/dx² of Σ x[1...]² is 2 on those elements.
            let z = try x.narrow(0, start: 1, length: 2).pow(2).sum()
            let dz = try Autograd.grad(outputs: [z], inputs: [x], createGraph: true)[0]!
            let ddz = try Autograd.grad(outputs: [dz.sum()], inputs: [x])[0]!
            #expect(try floats(ddz) == [0, 2, 2])
        }
    }
}
