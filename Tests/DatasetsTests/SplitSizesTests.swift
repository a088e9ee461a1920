import Testing
@testable import Datasets
import Tensors

@Suite("Sizes of split parts, Keras' normalize, word frequencies")
struct SplitSizesTests {
    @Test func testCountFromFractionsAndRowCounts() throws {
        #expect(try Splitting.testCount(rows: 10) == 3)                    // ceil(10 x 0.25)
        #expect(try Splitting.testCount(rows: 10, testSize: 0.3) == 3)     // 10 x 0.3 rounds to 3, not 4
        #expect(try Splitting.testCount(rows: 10, testSize: 4) == 4)
        #expect(try Splitting.testCount(rows: 20, trainSize: 0.65) == 7)   // 13 train rows
        #expect(try Splitting.testCount(rows: 10, trainSize: 6) == 4)
        #expect(expectDatasetError { _ = try Splitting.testCount(rows: 10, testSize: 0.2, trainSize: 0.5) }?.reason
                == "give test_size or train_size, not both")
        #expect(expectDatasetError { _ = try Splitting.testCount(rows: 10, testSize: 1.5) }?.reason
                == "test_size must be a fraction between 0 and 1 or a number of rows from 1 to 9, got 1.5")
        #expect(expectDatasetError { _ = try Splitting.testCount(rows: 10, trainSize: 10) }?.reason
                == "train_size must be a fraction between 0 and 1 or a number of rows from 1 to 9, got 10")
    }

    @Test func normalizeDividesEachSliceByItsNorm() throws {
        let rows = try Tensor([3, 4, 0, 0] as [Float], shape: [2, 2])
        #expect(try VectorNormalization.normalize(rows).toArray(Float.self) == [0.6, 0.8, 0, 0])
        let columns = try VectorNormalization.normalize(try Tensor([3, 1, 0, 1] as [Float], shape: [2, 2]), dim: 0, order: 1)
        #expect(try columns.toArray(Float.self) == [1, 0.5, 0, 0.5])
        #expect(expectDatasetError { _ = try VectorNormalization.normalize(rows, order: 0) }?.reason == "order must be above 0, got 0.0")
    }

    @Test func bagOfWordsFrequencies() throws {
        let shares = try BagOfWords.encode([[0, 2, 2, 2], []], vocabularySize: 3, mode: .frequencies)
        #expect(shares.values == [0.25, 0, 0.75, 0, 0, 0])
    }
}
