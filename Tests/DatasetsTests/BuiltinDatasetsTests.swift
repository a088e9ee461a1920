import CZlib
import Foundation
import Testing
@testable import Datasets

/// zlib's CRC-32 of the bytes (fast even in debug builds, unlike a Swift loop over 47 million pixels).
func crc32(of bytes: [UInt8]) -> UInt {
    bytes.withUnsafeBufferPointer { UInt(CZlib.crc32(0, $0.baseAddress, UInt32($0.count))) }
}

/// Label counts of a set of labels, index = label.
func histogram(_ labels: [Int32], classes: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classes)
    for label in labels { counts[Int(label)] += 1 }
    return counts
}

@Suite("Built-in data sets: the embedded subsets (always there)")
struct EmbeddedDatasetsTests {
    // Label counts printed by scripts/make_embedded_data.py (Python, reading the same files)
    // and quoted in data/README.md.
    @Test func mnistSubset() throws {
        let mnist = try BuiltinDatasets.mnist(path: embeddedData)
        #expect(mnist.train.shape == [10_000, 28, 28])
        #expect(mnist.test.shape == [2_000, 28, 28])
        #expect(mnist.train.pixels.count == 10_000 * 784)
        #expect(histogram(mnist.train.labels, classes: 10) == [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978])
        #expect(histogram(mnist.test.labels, classes: 10) == [175, 234, 219, 207, 217, 179, 178, 205, 192, 194])
        #expect(mnist.source.lastPathComponent == "mnist")
    }

    @Test func fashionMNISTSubset() throws {
        let fashion = try BuiltinDatasets.fashionMNIST(path: embeddedData.appendingPathComponent("fashion-mnist"))
        #expect(histogram(fashion.train.labels, classes: 10) == [942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000])
        #expect(histogram(fashion.test.labels, classes: 10) == [200, 203, 214, 190, 219, 195, 197, 200, 194, 188])
        #expect(fashion.classNames[9] == "Ankle boot")
    }

    @Test func limitsReadOnlyTheFirstImages() throws {
        let small = try BuiltinDatasets.mnist(path: embeddedData, trainLimit: 100, testLimit: 10)
        let whole = try BuiltinDatasets.mnist(path: embeddedData)
        #expect(small.train.shape == [100, 28, 28])
        #expect(small.train.pixels[...] == whole.train.pixels[0..<78_400])
        #expect(small.test.labels[...] == whole.test.labels[0..<10])
    }

    @Test func ecg5000Whole() throws {
        try checkECG5000(try BuiltinDatasets.ecg5000(path: embeddedData))
    }

    @Test func reutersWhole() throws {
        try checkReuters(try BuiltinDatasets.reuters(path: embeddedData))
    }

    @Test func facesAndImages() throws {
        let faces = try BuiltinDatasets.faces(path: embeddedData)
        #expect(faces.classNames == ["face", "other"])
        #expect(histogram(faces.labels, classes: 2) == [100, 100])
        let images = try BuiltinDatasets.images(path: embeddedData)
        #expect(images.names == ["astronaut", "baboon", "chelsea", "coffee", "flower", "fruits", "happyfish", "smarties"])
        #expect(images.labels.isEmpty)
    }

    @Test func ecgRecordWhole() throws {
        let record = try BuiltinDatasets.ecgRecord(path: embeddedData)
        #expect(record.millivolts.count == 108_000)
        #expect(record.samplingRate == 360)
        #expect(record.millivolts.prefix(4) == [-0.245, -0.215, -0.185, -0.175])
    }

    @Test func locatorPrefersTheEnvironmentAndFallsBackToEmbedded() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("mnist"), withIntermediateDirectories: true)
        let locator = DataLocator.standard(embedded: embeddedData, environment: ["LUNETTE_DATA": folder.url.path])
        #expect(try locator.folder(for: "mnist") == folder.url.appendingPathComponent("mnist"))
        #expect(try locator.folder(for: "ecg5000") == embeddedData.appendingPathComponent("ecg5000"))
        let explicit = try locator.folder(for: "faces", path: embeddedData)
        #expect(explicit == embeddedData.appendingPathComponent("faces"))
        let error = expectDatasetError { _ = try DataLocator(roots: [folder.url]).folder(for: "faces") }
        #expect(error?.reason.contains("LUNETTE_DATA") == true)
    }

    @Test func missingSetFilesAreClearErrors() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("mnist"), withIntermediateDirectories: true)
        let error = expectDatasetError { _ = try BuiltinDatasets.mnist(path: folder.url) }
        #expect(error?.file?.hasSuffix("mnist/train-images-idx3-ubyte.gz") == true)
        #expect(error?.reason.contains("no such file") == true)
    }
}

@Suite("Built-in data sets: the full shared sets", .enabled(if: sharedData != nil, Comment(rawValue: sharedDataMissing)))
struct SharedDatasetsTests {
    @Test func mnistFull() throws {
        let shared = try #require(sharedData)
        let mnist = try BuiltinDatasets.mnist(path: shared)
        #expect(mnist.train.shape == [60_000, 28, 28])
        #expect(mnist.test.shape == [10_000, 28, 28])
        #expect(histogram(mnist.train.labels, classes: 10)[0] == 5_923)
        // CRC-32 of the pixels from Tests/DatasetsFixtures/shared_reference.py (Python's own gzip reading).
        #expect(crc32(of: mnist.train.pixels) == 0xF363_9B56)
        // The embedded subset is the first 10,000 of these.
        let embedded = try BuiltinDatasets.mnist(path: embeddedData)
        #expect(embedded.train.pixels[...] == mnist.train.pixels[0..<7_840_000])
    }

    @Test func fashionMNISTFull() throws {
        let shared = try #require(sharedData)
        let fashion = try BuiltinDatasets.fashionMNIST(path: shared)
        #expect(fashion.train.count == 60_000 && fashion.test.count == 10_000)
        // Fashion-MNIST is balanced: 6,000 and 1,000 of each class.
        #expect(histogram(fashion.train.labels, classes: 10) == Array(repeating: 6_000, count: 10))
        #expect(histogram(fashion.test.labels, classes: 10) == Array(repeating: 1_000, count: 10))
        #expect(crc32(of: fashion.train.pixels) == 0xAE65_DCCD)
    }

    @Test func ecg5000Full() throws {
        let shared = try #require(sharedData)
        try checkECG5000(try BuiltinDatasets.ecg5000(path: shared))
    }

    @Test func reutersFull() throws {
        let shared = try #require(sharedData)
        try checkReuters(try BuiltinDatasets.reuters(path: shared))
    }

    @Test func facesAndImagesFull() throws {
        let shared = try #require(sharedData)
        #expect(histogram(try BuiltinDatasets.faces(path: shared).labels, classes: 2) == [100, 100])
        #expect(try BuiltinDatasets.images(path: shared).count == 25)
    }

    @Test func ecgRecordFull() throws {
        let shared = try #require(sharedData)
        let record = try BuiltinDatasets.ecgRecord(path: shared)
        #expect(record.millivolts.count == 108_000)
        #expect(abs(record.millivolts.reduce(0.0) { $0 + Double($1) } - -17_831.745) < 0.01)
    }
}

/// ECG5000 is embedded whole, so both suites check the data README's numbers.
func checkECG5000(_ ecg: ECG5000Data) throws {
    #expect(ecg.train.values.shape == [500, 140])
    #expect(ecg.test.values.shape == [4_500, 140])
    let classes = histogram(ecg.train.classes + ecg.test.classes, classes: 6)
    #expect(Array(classes[1...]) == [2919, 1767, 96, 194, 24])
    #expect((ecg.train.normal + ecg.test.normal).filter { $0 == 1 }.count == 2919)
    #expect(zip(ecg.train.classes, ecg.train.normal).allSatisfy { ($0 == 1) == ($1 == 1) })
    // The first training beat starts -0.11252183, -2.8272038 (first row of ECG5000_TRAIN.tsv).
    #expect(ecg.train.values.values[0] == -0.11252183 && ecg.train.values.values[1] == -2.8272038)
    // Sums of absolute values and the last value, from Tests/DatasetsFixtures/shared_reference.py (NumPy).
    func absoluteSum(_ values: [Float]) -> Double { values.reduce(0.0) { $0 + Double(abs($1)) } }
    #expect(abs(absoluteSum(ecg.train.values.values) - 46_605.399896) < 1e-3)
    #expect(abs(absoluteSum(ecg.test.values.values) - 420_484.173474) < 1e-2)
    #expect(ecg.test.values.values.last == 1.3093816)
}

/// Counts from the data README and from grep over the ARFF files (103 grain and 45 corn stories in train).
func checkReuters(_ reuters: ReutersData) throws {
    #expect(reuters.train.count == 1_554)
    #expect(reuters.test.count == 604)
    #expect(reuters.train.grain.filter { $0 == 1 }.count == 103)
    #expect(reuters.train.corn.filter { $0 == 1 }.count == 45)
    #expect(reuters.test.grain.filter { $0 == 1 }.count == 57)
    #expect(reuters.train.texts[0].hasPrefix("BAHIA COCOA REVIEW Showers continued throughout the week in\nthe Bahia"))
    #expect(reuters.test.texts[0].contains("many of Asia's exporting\nnations"))
    #expect(reuters.stories.count == 80)
}
