import Testing
@testable import Tensors

@Test func smokeAddBroadcast() throws {
    let a = try Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let b = try Tensor([10, 20, 30] as [Float])
    let c = try a + b
    #expect(c.shape == [2, 3])
    #expect(try c.toArray(Float.self) == [11, 22, 33, 14, 25, 36])
    let col = try Tensor([100, 200] as [Float], shape: [2, 1])
    #expect(try (a + col).toArray(Float.self) == [101, 102, 103, 204, 205, 206])
    #expect(try a.t().contiguous().toArray(Float.self) == [1, 4, 2, 5, 3, 6])
    #expect(try a.sum().item() == 21)
    #expect(try a.sum(0).toArray(Float.self) == [5, 7, 9])
    #expect(try a.sum(1).toArray(Float.self) == [6, 15])
    #expect(try a.t().sum(0).toArray(Float.self) == [6, 15])
}
