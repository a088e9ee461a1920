import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct CreationAndViewTests {
        @Test func creation() throws {
            #expect(try floats(Tensor.zeros([2, 2])) == [0, 0, 0, 0])
            #expect(try floats(Tensor.ones([3])) == [1, 1, 1])
            #expect(try floats(Tensor.full([2], value: 2.5)) == [2.5, 2.5])
            let r = try Tensor.arange(5)
            #expect(try r.dtype == .int64 && (ints(r)) == [0, 1, 2, 3, 4])
            #expect(try floats(Tensor.arange(start: 0, end: 1, step: 0.25)) == [0, 0.25, 0.5, 0.75])
            #expect(try floats(Tensor.arange(start: 3, end: 0, step: -1)) == [3, 2, 1])
            #expect(try floats(Tensor.linspace(start: 0, end: 1, count: 5)) == [0, 0.25, 0.5, 0.75, 1])
            #expect(try floats(Tensor.eye(2, 3)) == [1, 0, 0, 0, 1, 0])
            let nested = try Tensor(nested: [[1, 2], [3, 4], [5, 6]])
            #expect(try nested.shape == [3, 2] && (floats(nested)) == [1, 2, 3, 4, 5, 6])
            #expect(throws: TensorError.self) { try Tensor(nested: [[1, 2], [3]]) }
            let scalar = Tensor(scalar: 4)
            #expect(try scalar.rank == 0 && scalar.count == 1 && (scalar.item()) == 4)
            #expect(try Tensor([true, false], shape: [2]).dtype == .bool)
            #expect(try ints(Tensor(nested: [7, 8], dtype: .int64)) == [7, 8])
            #expect(throws: TensorError.self) { try Tensor([1, 2, 3] as [Float], shape: [2, 2]) }
            #expect(throws: TensorError.self) { try Tensor.zeros([-1]) }
            #expect(throws: TensorError.self) { try Tensor.zeros([1, 1, 1, 1, 1, 1, 1, 1, 1]) }
        }

        @Test func impossibleAllocationsThrow() throws {
            #expect(throws: TensorError.self) { try Tensor.zeros([1 << 40, 1 << 30]) } // overflows Int
            #expect(throws: TensorError.self) { try Tensor.zeros([1 << 20, 1 << 20, 1 << 10]) } // 4 PB
            let wide = try Tensor.ones([1 << 20, 1]), tall = try Tensor.ones([1, 1 << 20])
            #expect(throws: TensorError.self) { try wide + tall } // 4 TB result
        }

        @Test func conversions() throws {
            let x = try tensor([1.7, -2.5, 0, 300, .nan, .infinity], [6])
            #expect(try ints(x.to(.int64)) == [1, -2, 0, 300, 0, Int64.max])
            #expect(try x.to(.uint8).toArray(UInt8.self) == [1, 0, 0, 255, 0, 255])
            #expect(try x.to(.bool).toArray(UInt8.self) == [1, 1, 0, 1, 1, 1])
            let bytes = try Tensor([200, 100] as [UInt8], shape: [2])
            #expect(try floats(bytes.float()) == [200, 100])
            #expect(try ints(bytes + bytes) == [400, 200]) // widened, no wrap-around
        }

        @Test func viewsShareStorage() throws {
            let x = try tensor((0..<12).map(Float.init), [3, 4])
            let v = try x.view([4, 3])
            #expect(v.storage === x.storage)
            let row = try x.select(0, 1)
            try row.fill_(-1)
            #expect(try floats(x.select(0, 1)) == [-1, -1, -1, -1])
            try x.narrow(1, start: 0, length: 1).zero_()
            #expect(try floats(x.select(1, 0)) == [0, 0, 0])
        }

        @Test func reshapeAndViews() throws {
            let x = try tensor((0..<24).map(Float.init), [2, 3, 4])
            #expect(try x.reshape([-1, 4]).shape == [6, 4])
            #expect(try x.reshape([4, -1]).shape == [4, 6])
            #expect(throws: TensorError.self) { try x.reshape([5, -1]) }
            #expect(throws: TensorError.self) { try x.reshape([-1, -1]) }
            let t = try x.transpose(1, 2)
            #expect(t.shape == [2, 4, 3] && !t.isContiguous)
            #expect(throws: TensorError.self) { try t.view([24]) }
            let flat = try t.reshape([24])
            #expect(flat.storage !== x.storage)
            #expect(try floats(flat).prefix(6) == [0, 4, 8, 1, 5, 9])
            // A non-contiguous tensor whose layout still allows a view.
            let n = try x.narrow(2, start: 0, length: 2) // strides (12, 4, 1), shape (2, 3, 2)
            let merged = try x.narrow(0, start: 1, length: 1).view([3, 4])
            #expect(try merged.storage === x.storage && (floats(merged)).first == 12)
            #expect(try n.reshape([2, 6]).shape == [2, 6])
            #expect(try floats(x.permute([2, 0, 1]).contiguous()).prefix(4) == [0, 4, 8, 12])
            #expect(try floats(x.select(2, -1)) == [3, 7, 11, 15, 19, 23])
            #expect(try floats(x.slice(2, start: 1, step: 2).select(0, 0)) == [1, 3, 5, 7, 9, 11])
            #expect(try floats(x.slice(0, start: -1)).count == 12)
            #expect(try x.unsqueeze(0).shape == [1, 2, 3, 4])
            #expect(try x.unsqueeze(-1).shape == [2, 3, 4, 1])
            #expect(try x.unsqueeze(0).squeeze().shape == [2, 3, 4])
            #expect(try x.squeeze(1).shape == [2, 3, 4])
            #expect(try x.flatten().shape == [24])
            #expect(try x.flatten(startDim: 1).shape == [2, 12])
            let col = try tensor([1, 2], [2, 1])
            let e = try col.expand([3, 2, 4])
            #expect(e.shape == [3, 2, 4] && e.strides[0] == 0 && e.strides[2] == 0)
            #expect(try floats(e.select(0, 2)) == [1, 1, 1, 1, 2, 2, 2, 2])
            #expect(try col.expand([-1, 3]).shape == [2, 3])
            #expect(throws: TensorError.self) { try col.expand([3, 3]) }
            #expect(throws: TensorError.self) { try x.t() }
            let empty = try x.narrow(1, start: 3, length: 0)
            #expect(empty.count == 0 && empty.shape == [2, 0, 4])
            #expect(try empty.sum().item() == 0)
        }

        @Test func broadcastShapesFollowNumPy() throws {
            func shape(_ a: [Int], _ b: [Int]) throws -> [Int] { try (Tensor.zeros(a) + Tensor.zeros(b)).shape.array }
            #expect(try shape([2, 1, 3], [4, 1]) == [2, 4, 3])
            #expect(try shape([5], [1]) == [5])
            #expect(try shape([], [2, 3]) == [2, 3])
            #expect(try shape([8, 1, 6, 1], [7, 1, 5]) == [8, 7, 6, 5])
            #expect(try shape([0, 3], [1, 3]) == [0, 3])
            #expect(throws: TensorError.self) { try shape([2, 3], [3, 2]) }
            #expect(throws: TensorError.self) { try shape([4], [3]) }
        }
    }
}
