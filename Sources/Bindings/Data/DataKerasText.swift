import Datasets
import LuaHost
import Tensors

// Keras' text classification archives (reuters.npz) and their word index.

func declareDataKerasText(_ module: LuaModule) {
    let keras = KerasText.LoadOptions()
    module.declareTranslatingErrors("reuters_npz", LuaSignature(
        parameters: [LuaParameter("path", .string, "Keras' reuters.npz, or another archive of its layout ('x' lists of word ids, 'y' labels)")],
        options: [
            LuaOption("num_words", .integer, default: .described("all"), "keep the ids of this many most frequent words; others become oov_char"),
            LuaOption("skip_top", .integer, default: .integer(keras.skipTop), "ids of this many most frequent words become oov_char too"),
            LuaOption("test_split", .number, default: .number(keras.testSplit), "the share of the stories in the test part"),
            LuaOption("seed", .integer, default: .integer(keras.seed), "the seed of the shuffle before the split"),
            LuaOption("start_char", .integer, default: .integer(Int(keras.startChar ?? 0)), "the id put first in every sequence"),
            LuaOption("oov_char", .integer, default: .integer(Int(keras.oovChar)), "the id of the words left out"),
            LuaOption("index_from", .integer, default: .integer(Int(keras.indexFrom)), "added to every stored id"),
        ],
        returns: "train, test: tables {sequences (a list of int64 tensors), labels (int64), count, source}",
        summary: """
            Keras' reuters.npz prepared as keras.datasets.reuters.load_data does: ids shifted by index_from, \
            start_char first, ids from num_words on (or below skip_top) replaced by oov_char, then shuffled and \
            split with test_split of the stories in the test part. The shuffle is Lunette's seeded one, so the \
            parts hold other stories than Keras'.
            """,
        example: """
            data.save_npz('tiny.npz', {y = tensor{0, 1, 0, 1, 1}:long()})
            local ok, message = pcall(data.reuters_npz, 'tiny.npz')
            print(ok, message:match("needs arrays 'x' and 'y'") ~= nil)
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        var load = KerasText.LoadOptions()
        load.numWords = try options.optional("num_words", as: Int.self)
        load.skipTop = try options.value("skip_top")
        load.testSplit = try options.value("test_split")
        load.seed = try options.value("seed")
        load.startChar = Int64(try options.value("start_char", as: Int.self))
        load.oovChar = Int64(try options.value("oov_char", as: Int.self))
        load.indexFrom = Int64(try options.value("index_from", as: Int.self))
        try options.rejectUnknown()
        let (train, test) = try KerasText.loadData(path: path, options: load, operation: call.name)
        func part(_ examples: KerasText.Examples) throws -> LuaRecord {
            let sequences = try examples.sequences.map { call.value(try Tensor($0, shape: [$0.count])) }
            return LuaRecord([("sequences", sequences), ("labels", call.value(try Tensor(examples.labels, shape: [examples.labels.count]))),
                              ("count", examples.labels.count), ("source", path)])
        }
        return call.push(try part(train), try part(test))
    }

    module.declareTranslatingErrors("read_word_index", LuaSignature(
        parameters: [LuaParameter("path", .string, "a Keras word index JSON (reuters_word_index.json)")],
        returns: "a table {word = rank, ...}",
        summary: """
            A Keras word index, as keras.datasets.reuters.get_word_index. The ranks are as stored: with \
            load_data's defaults a word of rank r has id r + 3 in the sequences (index_from).
            """,
        example: """
            local file = io.open('index.json', 'w')
            file:write('{"the": 1, "of": 2}')
            file:close()
            print(data.read_word_index('index.json').of)
            """)) { call in
        let index = try KerasText.readWordIndex(path: try call.argument(1, as: String.self))
        return call.push(LuaRecord(index.sorted { $0.key < $1.key }.map { ($0.key, $0.value as any LuaPushable) }))
    }
}
