import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct MaskedScatterTests {
        @Test func writesSourceValuesInRowMajorOrderWhereTheMaskIsTrue() throws {
            let x = try Tensor.zeros([2, 3])
            let mask = try Tensor([true, false, true, false, true, true], shape: [2, 3])
            try x.maskedScatter_(mask, source: Tensor([1, 2, 3, 4] as [Float], shape: [2, 2]))
            #expect(try floats(x) == [1, 0, 2, 0, 3, 4])
        }

        @Test func maskBroadcastsAndIntegerSourcesConvert() throws {
            let x = try Tensor.zeros([2, 3])
            let column = try Tensor([false, true, false], shape: [3])
            try x.maskedScatter_(column, source: Tensor([7, 8] as [Int64]))
            #expect(try floats(x) == [0, 7, 0, 0, 8, 0])
        }

        @Test func writesThroughAViewIntoTheViewedTensor() throws {
            let base = try Tensor.zeros([3, 3])
            let secondColumn = try base.select(1, 1)
            try secondColumn.maskedScatter_(Tensor([true, false, true], shape: [3]), source: Tensor([5, 6] as [Float]))
            #expect(try floats(base) == [0, 5, 0, 0, 0, 0, 0, 6, 0])
        }

        @Test func isTheInverseOfMaskedSelect() throws {
            Random.manualSeed(3)
            let x = try Tensor.rand([4, 5])
            let mask = try x.gt(0.5)
            let y = try Tensor.zeros([4, 5])
            try y.maskedScatter_(mask, source: x.maskedSelect(mask))
            #expect(try floats(y) == floats(Tensor.where(mask, x, 0)))
        }

        @Test func aSourceOfTheWrongSizeIsRefused() throws {
            let x = try Tensor.zeros([2, 2])
            let mask = try Tensor([true, true, false, false], shape: [2, 2])
            #expect(throws: TensorError.self) { try x.maskedScatter_(mask, source: Tensor([1, 2, 3] as [Float])) }
            #expect(throws: TensorError.self) { try x.maskedScatter_(Tensor([true, false, true], shape: [3]), source: Tensor([1] as [Float])) }
            let leaf = try Tensor.ones([2]).setRequiresGrad()
            #expect(throws: TensorError.self) { try x.maskedScatter_(mask, source: leaf) }
            #expect(try floats(x) == [0, 0, 0, 0])
        }
    }
}
