import Foundation
import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct MathTests {
        let m = try! tensor([1, 2, 3, 4, 5, 6], [2, 3])

        @Test func typePromotion() throws {
            let i = try Tensor([7, -3] as [Int64]), f = try tensor([0.5, 2], [2])
            #expect((try i + i).dtype == .int64)
            #expect((try i * i).dtype == .int64)
            #expect((try i - i).dtype == .int64)
            #expect((try i * f).dtype == .float32)
            let quotient = try i / Tensor([2, 2] as [Int64])
            #expect(try quotient.dtype == .float32 && (floats(quotient)) == [3.5, -1.5])
            #expect((try i + 2).dtype == .int64)
            #expect((try i + 2.5).dtype == .float32)
            #expect((try i.exp()).dtype == .float32)
            #expect((try i.lt(f)).dtype == .bool)
            #expect(try ints(i.remainder(Tensor([3, 3] as [Int64]))) == [1, 0])
            #expect(try floats(tensor([-7, 7], [2]).remainder(3)) == [2, 1])
            #expect(throws: TensorError.self) { try i.remainder(Tensor([0, 1] as [Int64])) }
        }

        @Test func elementwiseValues() throws {
            let x = try tensor([-2, -0.5, 0, 0.5, 2], [5])
            #expect(try floats(x.abs()) == [2, 0.5, 0, 0.5, 2])
            #expect(try floats(x.relu()) == [0, 0, 0, 0.5, 2])
            #expect(try floats(x.sign()) == [-1, -1, 0, 1, 1])
            #expect(close(try floats(x.sigmoid()), [0.1192029, 0.3775407, 0.5, 0.6224593, 0.8807971]))
            #expect(close(try floats(x.tanh()), [-0.9640276, -0.4621172, 0, 0.4621172, 0.9640276]))
            #expect(close(try floats(x.exp()), [0.1353353, 0.6065307, 1, 1.6487213, 7.3890561]))
            #expect(close(try floats(x.elu()), [-0.8646647, -0.3934693, 0, 0.5, 2]))
            #expect(close(try floats(x.leakyRelu(slope: 0.1)), [-0.2, -0.05, 0, 0.5, 2]))
            #expect(close(try floats(x.softplus()), [0.126928, 0.474077, 0.693147, 0.974077, 2.126928]))
            #expect(try floats(x.clamp(min: -1, max: 1)) == [-1, -0.5, 0, 0.5, 1])
            #expect(try floats(tensor([1.5, 2.5, -1.5, 0.4], [4]).round()) == [2, 2, -2, 0]) // half to even
            #expect(try floats(tensor([1.5, -1.5], [2]).floor()) == [1, -2])
            #expect(try floats(tensor([1.5, -1.5], [2]).ceil()) == [2, -1])
            #expect(close(try floats(tensor([4, 0.25], [2]).rsqrt()), [0.5, 2]))
            #expect(close(try floats(tensor([1e-10, 1], [2]).log1p()), [1e-10, 0.6931472]))
            // Extreme inputs stay finite where the function is.
            #expect(try floats(tensor([-1000, 1000], [2]).sigmoid()) == [0, 1])
            #expect(try floats(tensor([1000, -1000], [2]).softplus()) == [1000, 0])
            #expect(try floats(m.pow(2)) == [1, 4, 9, 16, 25, 36])
            #expect(try floats(m.maximum(tensor([3], [1]))) == [3, 3, 3, 4, 5, 6])
            #expect(try floats((10.0 - m).minimum(m)) == [1, 2, 3, 4, 5, 4])
            #expect(try floats(m / 2.0) == [0.5, 1, 1.5, 2, 2.5, 3])
            #expect(try floats(12.0 / m) == [12, 6, 4, 3, 2.4, 2])
        }

        @Test func vectorizedExpMatchesTheLibrary() throws {
            // Long enough for the 8-wide SIMD path, across the whole range and the special values.
            var values: [Float] = stride(from: -110, through: 95, by: 0.37).map { Float($0) }
            values += [0, -0, 1e-8, -1e-8, .nan, .infinity, -.infinity, 88.72, -87.3, -103.5]
            let x = try Tensor(values)
            let e = try floats(x.exp()), s = try floats(x.sigmoid()), t = try floats(x.tanh())
            let small = try Tensor(stride(from: -1, through: 1, by: 0.013).map { Float($0) } + [1e-6, -3e-4, 0.624, 0.626])
            for (v, y) in zip(try floats(small), try floats(small.tanh())) {
                #expect(abs(Double(y) - Foundation.tanh(Double(v))) <= 3e-7 * abs(Foundation.tanh(Double(v))) + 1e-45, "tanh(\(v))")
            }
            for (i, v) in values.enumerated() {
                let expected = Foundation.exp(Double(v)), logistic = 1 / (1 + Foundation.exp(-Double(v)))
                if v.isNaN {
                    #expect(e[i].isNaN && s[i].isNaN)
                } else if expected > Double(Float.greatestFiniteMagnitude) {
                    #expect(e[i] == .infinity)
                } else if expected < Double(Float.leastNormalMagnitude) {
                    #expect(abs(Double(e[i]) - expected) < 1e-38)
                } else {
                    #expect(abs(Double(e[i]) - expected) <= 2e-7 * expected, "exp(\(v))")
                }
                if !v.isNaN { #expect(abs(Double(s[i]) - logistic) <= 2e-7 * max(logistic, 1e-30) + 1e-38, "sigmoid(\(v))") }
                #expect(v.isNaN ? t[i].isNaN : abs(Double(t[i]) - Foundation.tanh(Double(v))) <= 3e-7, "tanh(\(v))")
            }
            // A long softmax row takes the SIMD path too.
            let row = try Tensor.arange(start: -5, end: 5, step: 0.5)
            let expected = try floats(row).map { Foundation.exp(Double($0)) }
            let total = expected.reduce(0, +)
            #expect(close(try floats(row.softmax(0)), expected.map { Float($0 / total) }, tolerance: 1e-6))
        }

        @Test func comparisonsAndLogic() throws {
            let a = try tensor([1, 2, 3], [3]), b = try tensor([3, 2, 1], [3])
            #expect(try a.lt(b).toArray(UInt8.self) == [1, 0, 0])
            #expect(try a.le(b).toArray(UInt8.self) == [1, 1, 0])
            #expect(try a.eq(b).toArray(UInt8.self) == [0, 1, 0])
            #expect(try a.ne(2).toArray(UInt8.self) == [1, 0, 1])
            #expect(try a.gt(1.5).toArray(UInt8.self) == [0, 1, 1])
            #expect(try a.ge(b).logicalAnd(a.le(b)).toArray(UInt8.self) == [0, 1, 0])
            #expect(try a.lt(b).logicalOr(a.gt(b)).logicalNot().toArray(UInt8.self) == [0, 1, 0])
            #expect(try a.gt(0).all() && !(try a.gt(2).all()) && (try a.gt(2).any()))
            #expect(try floats(Tensor.where(a.gt(1), a, b)) == [3, 2, 3])
            #expect(try floats(a.maskedFill(a.eq(2), value: -1)) == [1, -1, 3])
        }

        @Test func reductionValues() throws {
            #expect(try m.sum().item() == 21)
            #expect(try floats(m.sum(0)) == [5, 7, 9])
            #expect(try floats(m.sum(-1)) == [6, 15])
            #expect(try m.sum(dims: [0, 1], keepDims: true).shape == [1, 1])
            #expect(try m.sum(1, keepDims: true).shape == [2, 1])
            #expect(try m.sum(dims: []).shape == [2, 3]) // reducing no dimension (NumPy's axis=())
            #expect(try floats(m.mean(1)) == [2, 5])
            #expect(try floats(m.sum(toShape: [1, 3])) == [5, 7, 9])
            #expect(try floats(m.sum(toShape: [2, 1])) == [6, 15])
            #expect(try floats(m.sum(toShape: [])) == [21])
            #expect(throws: TensorError.self) { try m.sum(toShape: [2]) }
            #expect(try floats(m.prod(1)) == [6, 120])
            let v = try tensor([1, 2, 3, 4], [4])
            #expect(close(try floats(v.variance()), [5.0 / 3.0]))          // Σ(x−2.5)² = 5, / (n − 1)
            #expect(close(try floats(v.variance(unbiased: false)), [1.25]))
            #expect(close(try floats(v.std()), [Float(sqrt(5.0 / 3.0))]))
            let (values, indices) = try m.max(1)
            #expect(try floats(values) == [3, 6] && (try ints(indices)) == [2, 2])
            #expect(try ints(tensor([1, 5, 5, 2], [4]).argmax()) == [1]) // first of the ties
            #expect(try ints(m.argmin(0)) == [0, 0, 0])
            #expect(try m.max().item() == 6 && (try m.min().item()) == 1)
            #expect(try floats(m.max(dims: [0])) == [4, 5, 6])
            #expect(try floats(tensor([3, 4], [2]).norm()) == [5])
            #expect(try floats(tensor([3, -4], [2]).norm(p: 1)) == [7])
            #expect(try floats(tensor([3, -4], [2]).norm(p: .infinity)) == [4])
            #expect(try floats(m.cumsum(1)) == [1, 3, 6, 4, 9, 15])
            #expect(try floats(m.cumsum(0)) == [1, 2, 3, 5, 7, 9])
            #expect(try ints(Tensor([1, 2, 3] as [Int64]).cumsum(0)) == [1, 3, 6])
            #expect(try ints(Tensor([true, true, false], shape: [3]).sum()) == [2])
            #expect(throws: TensorError.self) { try Tensor.zeros([0]).max() }
            // A long float sum stays accurate (accumulated in Double).
            #expect(abs(try Tensor.full([1_000_000], value: 0.1).sum().item() - 100_000) < 0.02) // a float32 running sum gives 100958
            // The first-dimension sum of a batch takes the row-sweeping path: same values.
            let big = try Tensor.rand([300, 70])
            #expect(close(try floats(big.sum(0)), try floats(big.t().contiguous().sum(1)), tolerance: 1e-5))
        }

        @Test func softmaxStaysFinite() throws {
            let x = try tensor([1000, 1001], [2])
            let e = Float(M_E)
            #expect(close(try floats(x.softmax(0)), [1 / (1 + e), e / (1 + e)]))
            #expect(close(try floats(x.logSoftmax(0)), [-1.3132616, -0.3132616]))
            #expect(close(try floats(tensor([1000, 1000], [2]).logsumexp()), [1000 + Float(log(2.0))]))
            #expect(try floats(tensor([-Float.infinity, 0], [2]).softmax(0)) == [0, 1])
            // A NaN anywhere in a lane makes the lane NaN, as in PyTorch (rows long enough for SIMD).
            var withNaN = [Float](repeating: 1, count: 11)
            withNaN[9] = .nan
            #expect(try floats(Tensor(withNaN).softmax(0)).allSatisfy { $0.isNaN })
            #expect(try floats(Tensor([Float](repeating: -.infinity, count: 9)).softmax(0)).allSatisfy { $0.isNaN })
            let wide = try Tensor((0..<19).map { Float($0) * 100 })
            #expect(try floats(wide.softmax(0)).last == 1)
            let rows = try tensor([1, 2, 3, 1, 1, 1], [2, 3]).softmax(1)
            #expect(close(try floats(rows.sum(1)), [1, 1]))
            #expect(close(try floats(rows.select(0, 0)), [0.09003057, 0.24472847, 0.66524096]))
            // Along a dimension that is not the last: the same as transposing.
            let cols = try tensor([1, 2, 3, 1, 1, 1], [2, 3]).t().softmax(0)
            #expect(close(try floats(cols.t().contiguous()), try floats(rows)))
        }

        @Test func inPlaceOperations() throws {
            let x = try tensor([1, 2, 3], [3])
            try x.add_(tensor([1, 1, 1], [3]), alpha: 2)
            #expect(try floats(x) == [3, 4, 5])
            try x.mul_(2).sub_(1)
            #expect(try floats(x) == [5, 7, 9])
            try x.addcmul_(tensor([1, 2, 3], [3]), tensor([2, 2, 2], [3]), value: 0.5)
            #expect(try floats(x) == [6, 9, 12])
            try x.addcdiv_(tensor([3, 3, 3], [3]), tensor([1, 3, -3], [3]), value: 2)
            #expect(try floats(x) == [12, 11, 10])
            try x.lerp_(tensor([0, 1, 2], [3]), weight: 0.5)
            #expect(try floats(x) == [6, 6, 6])
            try x.clamp_(min: 0, max: 5).div_(tensor([5], [1]))
            #expect(try floats(x) == [1, 1, 1])
            try x.copy_(tensor([7], [1]))
            #expect(try floats(x) == [7, 7, 7])
            try x.maskedFill_(tensor([1, 0, 1], [3]), value: 0)
            #expect(try floats(x) == [0, 7, 0])
            let i = try Tensor([1, 2] as [Int64])
            try i.add_(Tensor([5, 5] as [Int64]))
            #expect(try ints(i) == [6, 7])
            #expect(throws: TensorError.self) { try i.add_(tensor([0.5, 0.5], [2])) }
            #expect(throws: TensorError.self) { try x.add_(Tensor.ones([2, 3])) }
            #expect(throws: TensorError.self) { try tensor([1], [1]).expand([3]).add_(1) }
        }
    }
}
