extension KerasText {
    /// The arguments of Keras' `reuters.load_data`, with its defaults.
    public struct LoadOptions: Sendable {
        /// Keep the ids of the num_words most frequent words (nil: all); others become oovChar.
        public var numWords: Int?
        /// Ids of the skipTop most frequent words become oovChar too.
        public var skipTop = 0
        /// The share of the stories in the test part.
        public var testSplit = 0.2
        /// The seed of the shuffle before the split.
        public var seed = 113
        /// The id put first in every sequence (nil: none).
        public var startChar: Int64? = 1
        /// The id of words left out by numWords or skipTop.
        public var oovChar: Int64 = 2
        /// Added to every stored id (ids below it are kept for padding, start and oov).
        public var indexFrom: Int64 = 3

        public init() {}
    }

    /// The archive's stories prepared as `load_data` prepares them (see `prepare`), shuffled with the
    /// seed and split, the last `testSplit` share in the test part. The shuffle is Lunette's seeded one,
    /// so the parts hold other stories than Keras' do.
    public static func loadData(path: String, options: LoadOptions = LoadOptions(),
                                operation: String = "load_data") throws -> (train: Examples, test: Examples) {
        guard options.testSplit >= 0, options.testSplit < 1 else {
            throw DatasetError(operation, "test_split must be at least 0 and below 1, got \(options.testSplit)")
        }
        if let numWords = options.numWords, numWords < 1 {
            throw DatasetError(operation, "num_words must be 1 or more, got \(numWords)")
        }
        let examples = try read(path: path)
        let order = try Splitting.permutation(count: examples.labels.count, seed: UInt64(bitPattern: Int64(options.seed)))
        let trainCount = Int((Double(order.count) * (1 - options.testSplit)).rounded(.down))
        func part(_ indices: ArraySlice<Int>) -> Examples {
            Examples(sequences: indices.map { prepare(examples.sequences[$0], numWords: options.numWords, skipTop: options.skipTop,
                                                      startChar: options.startChar, oovChar: options.oovChar,
                                                      indexFrom: options.indexFrom) },
                     labels: indices.map { examples.labels[$0] })
        }
        return (part(order[..<trainCount]), part(order[trainCount...]))
    }
}
