import Testing
@testable import Tensors

extension TensorsTests {
    /// Counts and sizes near Int.max, as a script can pass them: an error, never an overflow trap.
    @Suite struct HostileCountTests {
        @Test func chunkWithAHugeCountGivesOnePiecePerElement() throws {
            let x = try Tensor.ones([3, 4])
            let pieces = try x.chunk(Int.max, dim: 1)
            #expect(pieces.count == 4)
            #expect(pieces.allSatisfy { $0.shape == [3, 1] })
            // ⌈size / chunks⌉ as before for ordinary counts.
            #expect(try x.chunk(3, dim: 1).map { $0.shape[1] } == [2, 2])
            #expect(try x.chunk(2, dim: 0).map { $0.shape[0] } == [2, 1])
            #expect(try Tensor.zeros([0, 2]).chunk(3).count == 1)
        }

        @Test func reshapeWithAnInferredSizeAndHugeOthersThrows() throws {
            let x = try Tensor.ones([2, 3])
            #expect(throws: TensorError.self) { try x.reshape([-1, Int.max, Int.max]) }
            #expect(throws: TensorError.self) { try x.view([Int.max, -1, 2]) }
            #expect(try x.reshape([-1, 2]).shape == [3, 2])
        }
    }
}
