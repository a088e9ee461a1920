import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct IndexingAndShapingTests {
        @Test func gatherAndScatter() throws {
            let x = try tensor([1, 2, 3, 4], [2, 2])
            let index = try Tensor([0, 0, 1, 0] as [Int64], shape: [2, 2])
            #expect(try floats(x.gather(1, index: index)) == [1, 1, 4, 3])
            #expect(try floats(x.gather(0, index: index)) == [1, 2, 3, 2])
            let s = try Tensor.zeros([3]).scatterAdd(0, index: Tensor([0, 1, 0] as [Int64]), source: tensor([1, 2, 3], [3]))
            #expect(try floats(s) == [4, 2, 0])
            let rows = try Tensor.zeros([2, 3]).scatterAdd(1, index: Tensor([2, 2, 0, 1] as [Int64], shape: [2, 2]), source: tensor([1, 2, 3, 4], [2, 2]))
            #expect(try floats(rows) == [0, 0, 3, 3, 4, 0])
            // Gather from a transposed (strided) tensor.
            #expect(try floats(x.t().gather(1, index: index)) == [1, 1, 4, 2])
        }

        @Test func indexSelectAndAdd() throws {
            let table = try tensor([0, 1, 10, 11, 20, 21], [3, 2])
            let ids = try Tensor([2, 0, 2] as [Int64])
            #expect(try floats(table.indexSelect(0, index: ids)) == [20, 21, 0, 1, 20, 21])
            #expect(try floats(table.indexSelect(1, index: Tensor([1] as [Int64]))) == [1, 11, 21])
            let added = try Tensor.zeros([3, 2]).indexAdd(0, index: ids, source: Tensor.ones([3, 2]))
            #expect(try floats(added) == [1, 1, 0, 0, 2, 2])
            let acc = try Tensor.zeros([3])
            try acc.indexAdd_(0, index: Tensor([1, 1] as [Int64]), source: tensor([2, 3], [2]))
            #expect(try floats(acc) == [0, 5, 0])
        }

        @Test func masksAndOneHot() throws {
            let x = try tensor([1, 2, 3, 4, 5, 6], [2, 3])
            #expect(try floats(x.maskedSelect(x.gt(2.5))) == [3, 4, 5, 6])
            #expect(try floats(x.maskedSelect(Tensor([true, false, true], shape: [3]))) == [1, 3, 4, 6])
            let oneHot = try Tensor([0, 2] as [Int64]).oneHot(classes: 3)
            #expect(oneHot.shape == [2, 3] && oneHot.dtype == .float32)
            #expect(try floats(oneHot) == [1, 0, 0, 0, 0, 1])
            #expect(throws: TensorError.self) { try Tensor([3] as [Int64]).oneHot(classes: 3) }
        }

        @Test func sortIsStable() throws {
            let x = try tensor([3, 1, 2, 1, 3], [5])
            let up = try x.sort()
            #expect(try floats(up.values) == [1, 1, 2, 3, 3] && ints(up.indices) == [1, 3, 2, 0, 4])
            let down = try x.sort(descending: true)
            #expect(try floats(down.values) == [3, 3, 2, 1, 1] && ints(down.indices) == [0, 4, 2, 1, 3])
            let withNaN = try tensor([2, .nan, 1], [3]).sort()
            #expect(try ints(withNaN.indices) == [2, 0, 1])
            let m = try tensor([3, 1, 2, 9, 8, 7], [2, 3])
            #expect(try floats(m.sort(1).values) == [1, 2, 3, 7, 8, 9])
            #expect(try floats(m.sort(0, descending: true).values) == [9, 8, 7, 3, 1, 2])
            let top = try tensor([1, 5, 3, 5], [4]).topk(2)
            #expect(try floats(top.values) == [5, 5] && ints(top.indices) == [1, 3])
            let bottom = try m.topk(1, dim: 1, largest: false)
            #expect(try floats(bottom.values) == [1, 7] && ints(bottom.indices) == [1, 2])
            #expect(throws: TensorError.self) { try m.topk(4, dim: 1) }
        }

        @Test func joining() throws {
            let a = try tensor([1, 2], [1, 2]), b = try tensor([3, 4, 5, 6], [2, 2])
            #expect(try floats(Tensor.concat([a, b], dim: 0)) == [1, 2, 3, 4, 5, 6])
            #expect(try floats(Tensor.concat([b, b.t()], dim: 1)) == [3, 4, 3, 5, 5, 6, 4, 6])
            #expect(throws: TensorError.self) { try Tensor.concat([a, b], dim: 1) }
            let s = try Tensor.stack([tensor([1, 2], [2]), tensor([3, 4], [2])], dim: 1)
            #expect(s.shape == [2, 2])
            #expect(try floats(s) == [1, 3, 2, 4])
            let parts = try Tensor.arange(5).chunk(3)
            #expect(parts.map(\.count) == [2, 2, 1])
            #expect(try Tensor.arange(5).split(sizes: [1, 4]).map { try ints($0) } == [[0], [1, 2, 3, 4]])
            #expect(try Tensor.arange(5).split(size: 2).map(\.count) == [2, 2, 1])
            #expect(throws: TensorError.self) { try Tensor.arange(5).split(sizes: [1, 2]) }
        }

        @Test func shaping() throws {
            let x = try tensor([1, 2, 3, 4], [2, 2])
            let padded = try x.pad([(1, 0), (0, 1)], value: 9)
            #expect(padded.shape == [3, 3])
            #expect(try floats(padded) == [9, 9, 9, 1, 2, 9, 3, 4, 9])
            #expect(try floats(tensor([1, 2], [2]).repeat([2, 2])) == [1, 2, 1, 2, 1, 2, 1, 2])
            #expect(try tensor([1, 2], [2]).repeat([2, 2]).shape == [2, 4])
            #expect(try floats(x.repeat([2, 1])) == [1, 2, 3, 4, 1, 2, 3, 4])
            #expect(try floats(x.flip([0])) == [3, 4, 1, 2])
            #expect(try floats(x.flip([0, 1])) == [4, 3, 2, 1])
            let ones = try Tensor.ones([3, 3])
            #expect(try floats(ones.tril()) == [1, 0, 0, 1, 1, 0, 1, 1, 1])
            #expect(try floats(ones.triu(1)) == [0, 1, 1, 0, 0, 1, 0, 0, 0])
            #expect(try floats(ones.tril(-1)) == [0, 0, 0, 1, 0, 0, 1, 1, 0])
        }
    }
}
