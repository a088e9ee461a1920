import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct ErrorMessageTests {
        func message(_ body: () throws -> Any) -> TensorError? {
            do { _ = try body(); return nil } catch { return error as? TensorError }
        }

        @Test func shapeMismatchNamesTheOperationAndBothShapes() throws {
            let e = message { try Tensor.zeros([2, 3]) + Tensor.zeros([4]) }
            #expect(e?.description == "add: shapes (2, 3) and (4) cannot be broadcast")
            #expect(e?.kind == .shape)
            #expect(message { try Tensor.zeros([2, 3]) * Tensor.zeros([3, 2]) }?.description == "mul: shapes (2, 3) and (3, 2) cannot be broadcast")
            #expect(message { try Tensor.zeros([2]).reshape([3]) }?.description == "reshape: cannot reshape a tensor of shape (2) (2 elements) to (3) (3 elements)")
        }

        @Test func outOfRangeNamesDimensionIndexAndSize() throws {
            let x = try Tensor.zeros([4, 3])
            let e = message { try x.narrow(1, start: 5, length: 1) }
            #expect(e?.description == "narrow: index 5 out of range for dimension 1 of size 3")
            // The Lua binding shows the same positions 1-based.
            #expect(e?.message(indexBase: 1) == "narrow: index 6 out of range for dimension 2 of size 3")
            #expect(message { try x.select(0, -5) }?.message(indexBase: 1) == "select: index -5 out of range for dimension 1 of size 4")
            #expect(message { try x.sum(2) }?.description == "sum: dimension 2 out of range for a tensor of rank 2 (shape (4, 3))")
            #expect(message { try x.indexSelect(0, index: Tensor([7] as [Int64])) }?.description == "indexSelect: index 7 out of range for dimension 0 of size 4")
            #expect(message { try x.permute([0, 0]) }?.description == "permute: dimension 0 appears twice in (0, 0)")
        }

        @Test func hostileArgumentsThrowInsteadOfTrapping() throws {
            let x = try Tensor.ones([3, 4])
            #expect(throws: TensorError.self) { try x.narrow(1, start: 1, length: Int.max) }
            #expect(try x.slice(1, start: 1, step: Int.max).shape == [3, 1])
            #expect(try x.slice(1, start: 3, end: 1).shape == [3, 0])
            #expect(throws: TensorError.self) { try x.expand([Int.max, 3, 4]) }
            #expect(throws: TensorError.self) { try x.repeat([Int.max, 2]) }
            #expect(throws: TensorError.self) { try x.pad([(Int.max, 1), (0, 0)]) }
            #expect(throws: TensorError.self) { try Tensor.arange(start: 0, end: 1e300) }
            #expect(throws: TensorError.self) { try Tensor(scalar: 1).size(0) }
            #expect(throws: TensorError.self) { try Tensor.ones([1]).expand([1 << 40]).matmul(Tensor.ones([1 << 40])) }
            #expect(try Tensor([Int64.max, Int64.min]).description == " 9223372036854775807 -9223372036854775808\n[Tensor int64 2]")
        }

        @Test func dtypeAndValueErrors() throws {
            #expect(message { try Tensor.zeros([2]).indexSelect(0, index: Tensor.zeros([1])) }?.kind == .dtype)
            #expect(message { try Tensor.arange(start: 0, end: 1, step: 0) }?.kind == .value)
            #expect(message { try Tensor.zeros([2]).withUnsafeBufferPointer(as: Int64.self) { $0.count } }?.kind == .dtype)
            #expect(message { try Tensor.zeros([2, 2]).t().withUnsafeBufferPointer(as: Float.self) { $0.count } }?.kind == .value)
        }
    }
}
