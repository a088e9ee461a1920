import Foundation
import Testing
@testable import Tensors

// The building blocks of the neural-network kernels (sgemm on buffers, parallel loops, SIMD tanh and
// sigmoid) and the neural-network activations. Reference values from Python's math module.

extension TensorsTests {
    @Suite struct KernelSupportTests {
        init() { Random.manualSeed(99) }

        @Test func activationValues() throws {
            let x = try tensor([-2, -0.5, 0, 0.5, 2], [5])
            #expect(close(try floats(x.erf()), [-0.9953223, -0.5204999, 0, 0.5204999, 0.9953223]))
            #expect(close(try floats(x.gelu()), [-0.0455003, -0.1542688, 0, 0.3457312, 1.9544997]))
            #expect(close(try floats(x.gelu(approximate: true)), [-0.0454023, -0.154286, 0, 0.345714, 1.9545977]))
            #expect(close(try floats(x.selu()), [-1.5201665, -0.6917582, 0, 0.5253505, 2.101402]))
            #expect(close(try floats(x.silu()), [-0.2384058, -0.1887703, 0, 0.3112297, 1.7615942]))
            let h = try tensor([-4, -2, -0.5, 0, 0.5, 2, 4], [7]).hardSigmoid()
            #expect(close(try floats(h), [0, 1.0 / 6, 2.5 / 6, 0.5, 3.5 / 6, 5.0 / 6, 1]))
        }

        @Test func activationGradients() throws {
            let a = try parameter([3, 4]), away = try parameter([3, 4], awayFromZero: true)
            try checkGradients([a]) { try $0[0].erf() }
            try checkGradients([a]) { try ($0[0] * 3).gelu() }
            try checkGradients([a]) { try ($0[0] * 3).gelu(approximate: true) }
            try checkGradients([away]) { try ($0[0] * 2).selu() }
            try checkGradients([a]) { try ($0[0] * 4).silu() }
            try checkGradients([away]) { try ($0[0] * 5).hardSigmoid() }
            try checkSecondDerivatives([a]) { try ($0[0] * 2).gelu() }
            try checkSecondDerivatives([a]) { try ($0[0] * 2).silu() }
        }

        @Test func vectorTanhAndSigmoidMatchLibm() throws {
            let n = 4001
            let x = (0..<n).map { Float($0 - n / 2) / 100 } + [1e-6, -3e-5, 0.6249, 0.6251, 100, -100, .infinity, -.infinity]
            var tanh = [Float](repeating: 0, count: x.count), sigmoid = tanh
            KernelSupport.tanh(x, &tanh, x.count)
            KernelSupport.sigmoid(x, &sigmoid, x.count)
            for i in x.indices {
                let exactTanh = Foundation.tanh(Double(x[i])), exactSigmoid = 1 / (1 + Foundation.exp(-Double(x[i])))
                #expect(Swift.abs(Double(tanh[i]) - exactTanh) <= 4e-7 * Swift.max(Swift.abs(exactTanh), 1e-30) + 1e-37, "tanh(\(x[i])) = \(tanh[i])")
                #expect(Swift.abs(Double(sigmoid[i]) - exactSigmoid) <= 4e-7 * exactSigmoid + 1e-40, "sigmoid(\(x[i])) = \(sigmoid[i])")
            }
            var nan: [Float] = [.nan]
            KernelSupport.tanh(nan, &nan, 1)
            #expect(nan[0].isNaN)
        }

        @Test func sgemmOnBuffersWithTransposesAndLeadingDimensions() throws {
            // a = [[1, 2, 3], [4, 5, 6]] stored transposed (3×2) inside rows of 4; b = [[1, 0], [0, 1], [1, 1]].
            let aT: [Float] = [1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0]
            let b: [Float] = [1, 0, 0, 1, 1, 1]
            var c: [Float] = [10, 10, -1, 10, 10, -1]
            try KernelSupport.sgemm(transposeA: true, m: 2, n: 2, k: 3, a: aT, lda: 4, b: b, ldb: 2, beta: 1, c: &c, ldc: 3)
            #expect(c == [14, 15, -1, 20, 21, -1])
            try KernelSupport.sgemm(m: 2, n: 2, k: 0, a: aT, lda: 1, b: b, ldb: 2, beta: 0.5, c: &c, ldc: 3)
            #expect(c == [7, 7.5, -1, 10, 10.5, -1])
            #expect(throws: TensorError.self) {
                try KernelSupport.sgemm(m: 1 << 33, n: 1, k: 1, a: aT, lda: 1, b: b, ldb: 1, c: &c, ldc: 1)
            }
        }

        @Test func parallelForCoversEveryIndexOnce() {
            for count in [0, 1, 7, 100_000] {
                var hits = [Int](repeating: 0, count: count)
                hits.withUnsafeMutableBufferPointer { hits in
                    KernelSupport.parallelFor(count, grain: 1000) { range in for i in range { hits[i] += 1 } }
                }
                #expect(hits.allSatisfy { $0 == 1 })
            }
        }
    }
}
