import Datasets
import LuaHost
import Tensors

// Keras' text classification archives (reuters.npz) and their word index.

func registerDataKerasText(_ module: LuaModule) {
    /// data.reuters_npz(path, {num_words=, skip_top=0, test_split=0.2, seed=113, start_char=1,
    ///     oov_char=2, index_from=3}) -> train, test
    ///   Keras' reuters.npz (or another archive of that layout: 'x' an object array of word-id lists,
    ///   'y' integer labels), prepared as keras.datasets.reuters.load_data does: ids shifted by
    ///   index_from, start_char first, ids from num_words on (or below skip_top) replaced by oov_char,
    ///   then shuffled and split with test_split of the stories in the test part. The shuffle is
    ///   Lunette's seeded one, so the split is not the same stories as Keras'. train / test:
    ///   {sequences (list of int64 tensors), labels (int64), count, source}.
    dataFunction(module, "reuters_npz") { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let numWords = try options.optional("num_words", as: Int.self)
        let skipTop = try options.value("skip_top", default: 0)
        let testSplit = try options.value("test_split", default: 0.2)
        let seed = try options.value("seed", default: 113)
        let startChar = try options.value("start_char", default: 1)
        let oovChar = try options.value("oov_char", default: 2)
        let indexFrom = try options.value("index_from", default: 3)
        try options.rejectUnknown()
        guard testSplit >= 0, testSplit < 1 else {
            throw LuaError.message("\(call.name): option 'test_split' must be at least 0 and below 1, got \(testSplit)")
        }
        if let numWords, numWords < 1 { throw LuaError.message("\(call.name): option 'num_words' must be 1 or more, got \(numWords)") }
        let examples = try KerasText.read(path: path)
        let order = try Splitting.permutation(count: examples.labels.count, seed: UInt64(bitPattern: Int64(seed)))
        let trainCount = Int((Double(order.count) * (1 - testSplit)).rounded(.down))
        func part(_ indices: ArraySlice<Int>) throws -> LuaRecord {
            let sequences = try indices.map { index -> TensorValue in
                let ids = KerasText.prepare(examples.sequences[index], numWords: numWords, skipTop: skipTop,
                                            startChar: Int64(startChar), oovChar: Int64(oovChar), indexFrom: Int64(indexFrom))
                return call.value(try Tensor(ids, shape: [ids.count]))
            }
            let labels = indices.map { examples.labels[$0] }
            return LuaRecord([("sequences", sequences), ("labels", call.value(try Tensor(labels, shape: [labels.count]))),
                              ("count", indices.count), ("source", path)])
        }
        return call.push(try part(order[..<trainCount]), try part(order[trainCount...]))
    }

    /// data.read_word_index(path) -> {word = rank, ...}
    ///   A Keras word index JSON (reuters_word_index.json). The ranks are as stored: with load_data's
    ///   defaults a word of rank r has id r + 3 in the sequences (index_from).
    dataFunction(module, "read_word_index") { call in
        let index = try KerasText.readWordIndex(path: try call.argument(1, as: String.self))
        return call.push(LuaRecord(index.sorted { $0.key < $1.key }.map { ($0.key, $0.value as any LuaPushable) }))
    }
}
