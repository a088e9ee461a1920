import Foundation
import Testing
import Tensors
@testable import Datasets

func floats(_ tensor: Tensor) throws -> [Float] { try tensor.toArray(Float.self) }

func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

@Suite("Preprocessing on tensors: scalers, rows, batches, windows")
struct TensorPreprocessingTests {
    @Test func standardScalerFitsOnTrainAndAppliesToTest() throws {
        // Columns (1, 3) and (2, 6): means 2 and 4, population standard deviations 1 and 2.
        let train = try Tensor([Float(1), 2, 3, 6], shape: [2, 2])
        let scaler = try FeatureScaler(method: .standard)
        try scaler.fit(train)
        #expect(try floats(#require(scaler.mean)) == [2, 4])
        #expect(try floats(#require(scaler.std)) == [1, 2])
        #expect(try floats(scaler.transform(train)) == [-1, -1, 1, 1])
        let test = try Tensor([Float(5), 0, 2, 4, -1, 8], shape: [3, 2])
        #expect(try floats(scaler.transform(test)) == [3, -2, 0, 0, -3, 2])
        #expect(close(try floats(scaler.inverseTransform(scaler.transform(test))), try floats(test)))
    }

    @Test func constantFeaturesAreLeftUnscaled() throws {
        let scaler = try FeatureScaler(method: .standard)
        try scaler.fit(Tensor([Float(5), 1, 5, 3], shape: [2, 2]))
        #expect(try floats(scaler.transform(Tensor([Float(7), 2], shape: [1, 2]))) == [2, 0])
    }

    @Test func featureDimensionsChooseWhichStatisticsAreSeparate() throws {
        // N x H x W x C = 2 x 1 x 2 x 2: channel 0 holds 0, 2, 4, 6 and channel 1 holds 10 (constant).
        let images = try Tensor([Float(0), 10, 2, 10, 4, 10, 6, 10], shape: [2, 1, 2, 2])
        let perChannel = try FeatureScaler(method: .standard)
        try perChannel.fit(images)
        #expect(Array(try #require(perChannel.mean).shape) == [2])
        #expect(try floats(#require(perChannel.mean)) == [3, 10])
        #expect(close(try floats(#require(perChannel.std)), [Float(5).squareRoot(), 0]))
        let overall = try FeatureScaler(method: .standard, featureDims: [])
        try overall.fit(images)
        #expect(try #require(overall.mean).rank == 0)
        #expect(try #require(overall.mean).item() == 6.5)
        let perPixel = try FeatureScaler(method: .standard, featureDims: [1, 2, 3])
        try perPixel.fit(images)
        #expect(Array(try #require(perPixel.mean).shape) == [1, 2, 2])
        #expect(try floats(#require(perPixel.mean)) == [2, 10, 4, 10])
        let series = try FeatureScaler(method: .standard)
        try series.fit(Tensor([Float(1), 2, 3]))
        #expect(try #require(series.mean).item() == 2)
    }

    @Test func minMaxScalerMapsToTheFeatureRange() throws {
        let scaler = try FeatureScaler(method: .minMax(low: -1, high: 1))
        try scaler.fit(Tensor([Float(0), 10, 4, 20, 2, 30], shape: [3, 2]))
        #expect(try floats(#require(scaler.min)) == [0, 10])
        #expect(try floats(#require(scaler.max)) == [4, 30])
        #expect(try floats(scaler.transform(Tensor([Float(0), 10, 4, 30, 2, 20, 6, 40], shape: [4, 2]))) == [-1, -1, 1, 1, 0, 0, 2, 2])
        #expect(close(try floats(scaler.inverseTransform(Tensor([Float(0), 0], shape: [1, 2]))), [2, 20]))
        #expect(expectDatasetError { _ = try FeatureScaler(method: .minMax(low: 1, high: 1)) } != nil)
    }

    @Test func scalerMisuseIsExplained() throws {
        let scaler = try FeatureScaler(method: .standard, operation: "StandardScaler")
        #expect(expectDatasetError { _ = try scaler.transform(Tensor.zeros([2, 2])) }?.reason.contains("call fit") == true)
        try scaler.fit(Tensor.ones([4, 3]))
        let error = expectDatasetError { _ = try scaler.transform(Tensor.zeros([2, 5])) }
        #expect(error?.reason == "transform: the data has shape (2, 5) but the scaler was fitted on shape (*, 3) (* = any size)")
        #expect(expectDatasetError { try scaler.fit(Tensor.zeros([0, 3])) } != nil)
        #expect(expectDatasetError { try FeatureScaler(method: .standard, featureDims: [2]).fit(Tensor.zeros([2, 2])) } != nil)
    }

    @Test func batchesInOrderAndShuffled() throws {
        let x = try Tensor((0..<20).map(Float.init), shape: [10, 2])
        let y = try Tensor((0..<10).map(Int64.init))
        let ordered = try Batches([x, y], batchSize: 4, shuffle: false, seed: 0)
        #expect(ordered.count == 3)
        var sizes: [Int] = []
        while let batch = try ordered.next() {
            sizes.append(batch[0].shape[0])
            #expect(try floats(batch[0].select(1, 0)) == batch[1].toArray(Int64.self).map { Float(2 * $0) })
        }
        #expect(sizes == [4, 4, 2])
        let dropping = try Batches([x], batchSize: 4, shuffle: false, seed: 0, dropLast: true)
        #expect(dropping.count == 2)
        var served = 0
        while try dropping.next() != nil { served += 1 }
        #expect(served == 2)

        func order(seed: UInt64) throws -> [Int64] {
            let shuffled = try Batches([x, y], batchSize: 3, shuffle: true, seed: seed)
            var rows: [Int64] = []
            while let batch = try shuffled.next() {
                // inputs and targets stay paired
                #expect(try floats(batch[0].select(1, 0)) == batch[1].toArray(Int64.self).map { Float(2 * $0) })
                rows += try batch[1].toArray(Int64.self)
            }
            return rows
        }
        let first = try order(seed: 4)
        #expect(first.sorted() == Array(0..<10) && first != Array(0..<10))
        #expect(try order(seed: 4) == first)
        #expect(try order(seed: 5) != first)
        #expect(expectDatasetError { _ = try Batches([x, try Tensor.zeros([9])], batchSize: 2, shuffle: false, seed: 0) }?
            .reason.contains("array 2 has 9 rows but array 1 has 10") == true)
        #expect(expectDatasetError { _ = try Batches([x], batchSize: 0, shuffle: false, seed: 0) } != nil)
    }

    @Test func rowsAreGatheredInOrder() throws {
        let x = try Tensor((0..<6).map(Float.init), shape: [3, 2])
        #expect(try floats(selectRows(x, [2, 0, 2], operation: "test")) == [4, 5, 0, 1, 4, 5])
        #expect(throws: TensorError.self) { try selectRows(x, [3], operation: "test") }
    }

    @Test func slidingWindowsWithTargetsFromASecondSeries() throws {
        let u = try Tensor((0..<6).map(Float.init))
        let y = try Tensor((0..<6).map { Int64(100 + $0) })
        let (inputs, targets) = try SlidingWindows.make(series: u, targets: y, window: 2, horizon: 1, stride: 2)
        // starts 0, 2 (start 4 would need step 6)
        #expect(Array(inputs.shape) == [2, 2] && Array(targets.shape) == [2, 1])
        #expect(try floats(inputs) == [0, 1, 2, 3])
        #expect(try floats(targets) == [102, 104])
        let wrongLength = expectDatasetError { _ = try SlidingWindows.make(series: u, targets: try Tensor.zeros([5]), window: 2) }
        #expect(wrongLength?.reason == "the target series has 5 steps but the input series 6")
        let huge = expectDatasetError { _ = try SlidingWindows.make(series: try Tensor.zeros([200_000]), window: 100_000) }
        #expect(huge?.reason.contains("more than this machine's memory") == true)
    }

    @Test func splitsByRowCount() throws {
        let split = try Splitting.trainTest(count: 10, testCount: 4, seed: 2)
        #expect(split.test.count == 4 && split.train.count == 6)
        #expect(Set(split.train + split.test) == Set(0..<10))
        #expect(expectDatasetError { _ = try Splitting.trainTest(count: 10, testCount: 10) } != nil)
        #expect(expectDatasetError { _ = try Splitting.trainTest(count: 10, testCount: 0) } != nil)
    }

    @Test func subsamplingCanCountTheSequencesThemselves() throws {
        // 10,000 of word 5 and 10 of word 9: f = 0.999 and 0.001; t = 1e-3 keeps word 9 always and
        // word 5 with probability sqrt(1e-3 / 0.999) = 0.03164.
        let sequence = [Int32](repeating: 5, count: 10_000) + [Int32](repeating: 9, count: 10)
        let kept = try Subsampling.apply([sequence], threshold: 1e-3, seed: 1)[0]
        #expect(kept.filter { $0 == 9 }.count == 10)
        #expect(abs(Double(kept.filter { $0 == 5 }.count) - 316.4) < 5 * 17.5)   // binomial sd 17.5
        #expect(try Subsampling.apply([sequence], threshold: 1e-3, seed: 1) == [kept])
    }
}
