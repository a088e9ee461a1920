import Datasets
import Foundation

/// The data folder the benchmarks read: LUNETTE_DATA, else ../shared/data next to the package, else the
/// embedded subsets in data/ (then the numbers are for the smaller sets, and the line says so).
private let benchmarkData: URL = {
    let candidates = [ProcessInfo.processInfo.environment["LUNETTE_DATA"], "../shared/data", "data"]
        .compactMap { $0 }.filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0) }
    let found = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("mnist").path) }
    return found ?? URL(fileURLWithPath: "data")
}()

func datasetsBenchmarks() -> [Benchmark] {
    let reuters = (try? BuiltinDatasets.reuters(path: benchmarkData))
    let stories = reuters.map { $0.train.texts + $0.test.texts } ?? []
    return [
        Benchmark(name: "inflate MNIST train images from \(benchmarkData.path) (47 MB out)", unit: ("MB", 47.04), budget: 3) {
            let stream = try ByteStream(path: benchmarkData.appendingPathComponent("mnist/train-images-idx3-ubyte.gz").path,
                                        operation: "bench")
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while try buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }) > 0 {}
        },
        Benchmark(name: "MNIST train + test from IDX.gz", unit: ("images", 70_000), budget: 3) {
            _ = try BuiltinDatasets.mnist(path: benchmarkData)
        },
        Benchmark(name: "ECG5000 train + test from TSV.gz", unit: ("beats", 5_000), budget: 3) {
            _ = try BuiltinDatasets.ecg5000(path: benchmarkData)
        },
        Benchmark(name: "Reuters ARFF, grain + corn, train + test", unit: ("stories", 2 * 2_158), budget: 3) {
            _ = try BuiltinDatasets.reuters(path: benchmarkData)
        },
        Benchmark(name: "tokenize all \(stories.count) Reuters stories", unit: ("stories", Double(stories.count)), budget: 3) {
            let tokenizer = Tokenizer(removeStopWords: true)
            var total = 0
            for text in stories { total += tokenizer.tokenize(text).count }
            precondition(total > 0, "no tokens: the Reuters files were not found")
        },
        Benchmark(name: "vocabulary + skip-gram pairs (window 5) over Reuters", unit: ("stories", Double(stories.count)), budget: 3) {
            let tokenizer = Tokenizer()
            let documents = stories.map { tokenizer.tokenize($0) }
            let vocabulary = try Vocabulary(documents: documents, minCount: 2)
            _ = try SkipGrams.pairs(documents.map { vocabulary.encode($0) }, window: 5, shrinkWindow: true)
        },
    ]
}
