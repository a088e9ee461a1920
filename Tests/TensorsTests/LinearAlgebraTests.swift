import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct LinearAlgebraTests {
        init() { Random.manualSeed(99) }

        /// The product by the textbook triple loop, in Double.
        func naive(_ a: Tensor, _ b: Tensor) throws -> [Float] {
            let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
            let x = try floats(a), y = try floats(b)
            var c = [Float](repeating: 0, count: m * n)
            for i in 0..<m { for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(x[i * k + p]) * Double(y[p * n + j]) }
                c[i * n + j] = Float(s)
            } }
            return c
        }

        @Test func matmulAgainstNaiveLoop() throws {
            let a = try Tensor.randn([5, 7]), b = try Tensor.randn([7, 3])
            #expect(close(try floats(a.matmul(b)), try naive(a, b), tolerance: 1e-5))
            // Transposed operands (passed to sgemm with its transpose flags).
            let at = try Tensor.randn([7, 5]), bt = try Tensor.randn([3, 7])
            #expect(close(try floats(at.t().matmul(bt.t())), try naive(at.t(), bt.t()), tolerance: 1e-5))
            // A strided operand that sgemm cannot take (every second column): copied first.
            let wide = try Tensor.randn([5, 14]), strided = try wide.slice(1, step: 2)
            #expect(close(try floats(strided.matmul(b)), try naive(strided, b), tolerance: 1e-5))
            let big = try Tensor.randn([64, 80]), big2 = try Tensor.randn([80, 48])
            #expect(close(try floats(big.matmul(big2)), try naive(big, big2), tolerance: 1e-4))
        }

        @Test func matmulShapesFollowNumPy() throws {
            let v = try tensor([1, 2, 3], [3]), m = try tensor([1, 0, 0, 1, 1, 1], [3, 2])
            #expect(try v.matmul(v).item() == 14)
            #expect(try v.matmul(v).rank == 0)
            #expect(try floats(v.matmul(m)) == [4, 5])
            #expect(try floats(m.t().matmul(v)) == [4, 5])
            #expect(try v.dot(v).item() == 14)
            #expect(try floats(v.outer(tensor([1, 10], [2]))) == [1, 10, 2, 20, 3, 30])
            // Batched with broadcast batch dimensions.
            let a = try Tensor.randn([2, 1, 4, 5]), b = try Tensor.randn([3, 5, 6])
            let c = try a.matmul(b)
            #expect(c.shape == [2, 3, 4, 6])
            for i in 0..<2 { for j in 0..<3 {
                let expected = try naive(a.select(0, i).select(0, 0), b.select(0, j))
                #expect(close(try floats(c.select(0, i).select(0, j)), expected, tolerance: 1e-5))
            } }
            // A batch against one matrix (folded into one sgemm), and a vector against a batch.
            let seq = try Tensor.randn([3, 4, 5]), w = try Tensor.randn([5, 2])
            let y = try seq.matmul(w)
            #expect(close(try floats(y.select(0, 2)), try naive(seq.select(0, 2), w), tolerance: 1e-5))
            #expect(try tensor([1, 1, 1, 1], [4]).matmul(seq).shape == [3, 5])
            // addmm: bias + a·b in one call.
            let bias = try tensor([10, 20], [2])
            #expect(try floats(bias.addmm(tensor([1, 2], [1, 2]), tensor([1, 0, 0, 1], [2, 2]))) == [11, 22])
        }

        @Test func matmulErrors() throws {
            let e = #expect(throws: TensorError.self) { try Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5])) }
            #expect(e?.description == "matmul: shapes (2, 3) and (4, 5) do not align (3 ≠ 4)")
            #expect(throws: TensorError.self) { try Tensor.zeros([2, 3, 4]).matmul(Tensor.zeros([2, 4, 4, 2])) }
            #expect(throws: TensorError.self) { try Tensor(scalar: 1).matmul(Tensor.zeros([2])) }
        }

        @Test func symmetricEigenReconstructs() throws {
            let known = try tensor([2, 1, 1, 2], [2, 2]).symmetricEigen()
            #expect(close(try floats(known.values), [1, 3], tolerance: 1e-5))
            let m = try Tensor.randn([6, 6])
            let a = try m + m.t()
            let (w, v) = try a.symmetricEigen()
            let values = try floats(w)
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
            let rebuilt = try v.matmul(Tensor.eye(6) * w).matmul(v.t())
            #expect(close(try floats(rebuilt), try floats(a), tolerance: 1e-4))
            #expect(close(try floats(v.t().matmul(v)), try floats(Tensor.eye(6)), tolerance: 1e-5))
        }

        @Test func svdReconstructs() throws {
            let known = try tensor([3, 0, 0, -2], [2, 2]).svd()
            #expect(close(try floats(known.s), [3, 2], tolerance: 1e-6))
            for shape in [[5, 3], [3, 5]] {
                let a = try Tensor.randn(shape)
                let (u, s, vt) = try a.svd()
                let k = min(shape[0], shape[1])
                #expect(u.shape == [shape[0], k] && s.shape == [k] && vt.shape == [k, shape[1]])
                let values = try floats(s)
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
                #expect(close(try floats((u * s).matmul(vt)), try floats(a), tolerance: 1e-5))
                let full = try a.svd(fullMatrices: true)
                #expect(full.u.shape == [shape[0], shape[0]] && full.vt.shape == [shape[1], shape[1]])
                #expect(close(try floats(full.u.t().matmul(full.u)), try floats(Tensor.eye(shape[0])), tolerance: 1e-5))
            }
            #expect(throws: TensorError.self) { try tensor([.nan, 1, 1, 1], [2, 2]).svd() }
            #expect(throws: TensorError.self) { try Tensor.ones([2, 2]).setRequiresGrad().svd() }
        }
    }
}
