import Foundation
import Testing
@testable import Datasets
import Tensors

@Suite("Index arithmetic: shuffles, splits, windows, padding")
struct PreprocessingTests {
    @Test func generatorMatchesTheReferenceAlgorithm() {
        // From Tests/DatasetsFixtures/random_reference.py (xoshiro256** seeded through SplitMix64).
        var zero = SeededGenerator(seed: 0)
        #expect((0..<4).map { _ in zero.next() } == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C])
        var fortyTwo = SeededGenerator(seed: 42)
        #expect((0..<4).map { _ in fortyTwo.next() } == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1])
    }

    @Test func boundedIntegersAreUniform() {
        var generator = SeededGenerator(seed: 5)
        var histogram = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { histogram[generator.integer(below: 6)] += 1 }
        // each bin expects 10,000 with sd about 91
        #expect(histogram.allSatisfy { abs($0 - 10_000) < 500 })
        let unit = (0..<10_000).map { _ in generator.nextDouble() }
        #expect(unit.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(unit.reduce(0, +) / 10_000 - 0.5) < 0.02)
    }

    @Test func permutationIsSeededAndComplete() throws {
        let first = try Splitting.permutation(count: 100, seed: 9)
        #expect(first.sorted() == Array(0..<100))
        #expect(first != Array(0..<100))
        #expect(try Splitting.permutation(count: 100, seed: 9) == first)
        #expect(try Splitting.permutation(count: 100, seed: 10) != first)
    }

    @Test func trainTestSplitSizesAndDisjointness() throws {
        let split = try Splitting.trainTest(count: 10, testFraction: 0.25, seed: 1)
        #expect(split.test.count == 3)          // ceil(2.5)
        #expect(split.train.count == 7)
        #expect(Set(split.train + split.test) == Set(0..<10))
        let ordered = try Splitting.trainTest(count: 10, testFraction: 0.3, shuffle: false)
        #expect(ordered == IndexSplit(train: Array(0..<7), test: [7, 8, 9]))
        #expect(expectDatasetError { _ = try Splitting.trainTest(count: 10, testFraction: 1.5) } != nil)
        #expect(expectDatasetError { _ = try Splitting.trainTest(count: 1, testFraction: 0.5) } != nil)
    }

    @Test func stratifiedSplitKeepsClassProportions() throws {
        // 60 of class 0, 30 of class 1, 10 of class 2; 20 % test -> 12, 6, 2
        let labels = Array(repeating: 0, count: 60) + Array(repeating: 1, count: 30) + Array(repeating: 2, count: 10)
        let split = try Splitting.trainTest(count: 100, testFraction: 0.2, seed: 4, stratify: labels)
        #expect(split.test.count == 20)
        #expect([0, 1, 2].map { label in split.test.filter { labels[$0] == label }.count } == [12, 6, 2])
        #expect(Set(split.train + split.test).count == 100)
        // Rounding: 7 rows of 3 classes, 3 test rows -> shares 1.29, 0.86, 0.86 -> 1 each
        let small = try Splitting.trainTest(count: 7, testFraction: 3.0 / 7, seed: 0, stratify: [0, 0, 0, 1, 1, 2, 2])
        #expect([0, 1, 2].map { label in small.test.filter { [0, 0, 0, 1, 1, 2, 2][$0] == label }.count } == [1, 1, 1])
        #expect(expectDatasetError { _ = try Splitting.trainTest(count: 3, testFraction: 0.5, stratify: [0]) } != nil)
    }

    @Test func kFoldCoversEveryRowOnce() throws {
        let folds = try Splitting.kFold(count: 10, folds: 3, shuffle: false)
        #expect(folds.map(\.test) == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]])
        #expect(folds[1].train == [0, 1, 2, 3, 7, 8, 9])
        let shuffled = try Splitting.kFold(count: 23, folds: 5, seed: 2)
        #expect(shuffled.flatMap(\.test).sorted() == Array(0..<23))
        for fold in shuffled { #expect(Set(fold.train).isDisjoint(with: fold.test) && fold.train.count + fold.test.count == 23) }
        #expect(expectDatasetError { _ = try Splitting.kFold(count: 3, folds: 4) } != nil)
    }

    @Test func slidingWindowsOverASeries() throws {
        let series = NumericArray(shape: [10], values: (0..<10).map(Float.init))
        let (inputs, targets) = try SlidingWindows.make(series: series, window: 3, horizon: 2, stride: 2)
        // starts 0, 2, 4 (start 6 would need steps up to 10)
        #expect(inputs == NumericArray(shape: [3, 3], values: [0, 1, 2, 2, 3, 4, 4, 5, 6]))
        #expect(targets == NumericArray(shape: [3, 2], values: [3, 4, 5, 6, 7, 8]))
        let channels = NumericArray(shape: [4, 2], values: [0, 10, 1, 11, 2, 12, 3, 13])
        let (x, y) = try SlidingWindows.make(series: channels, window: 2)
        #expect(x == NumericArray(shape: [2, 2, 2], values: [0, 10, 1, 11, 1, 11, 2, 12]))
        #expect(y == NumericArray(shape: [2, 1, 2], values: [2, 12, 3, 13]))
        #expect(expectDatasetError { _ = try SlidingWindows(seriesLength: 4, window: 4, horizon: 1) }?.reason.contains("too short") == true)
    }

    @Test func padSequencesLikeKeras() throws {
        let sequences: [[Int32]] = [[1, 2, 3], [4], [5, 6, 7, 8, 9]]
        let pre = try SequencePadding.pad(sequences, length: 4, value: 0)
        #expect(pre.shape == [3, 4])
        #expect(pre.values == [0, 1, 2, 3, 0, 0, 0, 4, 6, 7, 8, 9])
        let post = try SequencePadding.pad(sequences, length: 4, padding: .post, truncating: .post, value: -1)
        #expect(post.values == [1, 2, 3, -1, 4, -1, -1, -1, 5, 6, 7, 8])
        #expect(try SequencePadding.pad(sequences, value: 0).shape == [3, 5])
        let reals = try SequencePadding.pad([[0.5], [1.5, 2.5]], value: Float.nan)
        #expect(reals.values[0].isNaN && Array(reals.values[1...]) == [0.5, 1.5, 2.5])
        #expect(expectDatasetError { _ = try SequencePadding.pad(sequences, length: -1, value: 0) } != nil)
        let huge = expectDatasetError { _ = try SequencePadding.pad(sequences, length: Int.max / 2, value: 0) }
        #expect(huge?.reason.contains("more than this machine's memory") == true)
    }
}
