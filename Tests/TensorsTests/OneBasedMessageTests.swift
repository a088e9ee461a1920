import Testing
@testable import Tensors

extension TensorsTests {
    /// Messages as the Lua binding shows them (`message(indexBase: 1)`): every position counts from 1.
    @Suite struct OneBasedMessageTests {
        func oneBased(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch { return (error as? TensorError)?.message(indexBase: 1) }
        }

        @Test func indexTensorValuesShiftEvenWhenNegative() throws {
            let x = try Tensor.zeros([4, 3])
            // A 1-based reader's index 0 reaches the library as -1; it must read back as 0, not as "-1".
            #expect(oneBased { try x.indexSelect(0, index: Tensor([-1] as [Int64])) } == "indexSelect: index 0 out of range for dimension 1 of size 4")
            #expect(oneBased { try x.gather(1, index: Tensor([3, 0, 1] as [Int64], shape: [1, 3])) } == "gather: index 4 out of range for dimension 2 of size 3")
            // In Swift's own 0-based description the value is shown as it is.
            var description: String?
            do { _ = try x.indexSelect(0, index: Tensor([-1] as [Int64])) } catch { description = "\(error)" }
            #expect(description == "indexSelect: index -1 out of range for dimension 0 of size 4")
        }

        @Test func stackNamesBothTensorsInTheReadersBase() throws {
            let message = oneBased { try Tensor.stack([Tensor.zeros([2]), Tensor.zeros([3])]) }
            #expect(message == "stack: tensor 2 has shape (3), tensor 1 has (2)")
        }

        @Test func extremePositionsDoNotOverflow() throws {
            let x = try Tensor.zeros([2])
            #expect(oneBased { try x.select(0, Int.max) } == "select: index \(Int.max) out of range for dimension 1 of size 2")
            #expect(oneBased { try x.indexSelect(0, index: Tensor([Int64.max] as [Int64])) } == "indexSelect: index \(Int.max) out of range for dimension 1 of size 2")
        }
    }
}
