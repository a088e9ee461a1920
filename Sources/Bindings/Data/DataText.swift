import Datasets
import LuaHost
import Tensors

// Text for neural networks: tokens, vocabularies, word-id sequences, skip-gram pairs for word2vec,
// negative sampling and bag-of-words rows. Word ids are data: 0 is padding, then 1, 2, ... as
// vocab.index_word lists them (the same numbers as Keras' Tokenizer and TextVectorization).

func declareDataText(_ module: LuaModule) {
    let sequencesParameter = LuaParameter("sequences", .described("a list of id lists or 1-D tensors, or a 2-D tensor"),
                                          "word-id sequences (0 = padding)")

    module.declareTranslatingErrors("tokenize", LuaSignature(
        parameters: [LuaParameter("text", .oneOf([.string, .list(.string)]), "a text, or a list of texts")],
        options: tokenizerOptions,
        returns: "a list of tokens (for a list of texts, a list of token lists)",
        summary: """
            Splits a text into words, as Keras' text_to_word_sequence: lower-cased, punctuation and digits act \
            as separators, an apostrophe between letters stays (don't).
            """,
        example: """
            local tokens = data.tokenize("Don't panic: 42 towels!")
            print(table.concat(tokens, ' '))
            """)) { call in
        let options = try call.options(2)
        let tokenizer = try textTokenizer(options, call: call)
        try options.rejectUnknown()
        if call.type(1) == .string { return call.push(tokenizer.tokenize(try call.argument(1, as: String.self))) }
        return call.push(try call.strings(1, expected: "a text or a list of texts").map(tokenizer.tokenize))
    }

    module.declareTranslatingErrors("stop_words", LuaSignature(
        returns: "a list of strings, sorted",
        summary: "The English stop words that data.tokenize's stop_words = true drops.",
        example: """
            local words = data.stop_words()
            print(#words > 100, words[1])
            """)) { call in
        call.push(StopWords.english.sorted())
    }

    module.declareTranslatingErrors("vocabulary", LuaSignature(
        parameters: [LuaParameter("documents", .list(.oneOf([.string, .list(.string)])), "texts (tokenized with the options) or token lists")],
        options: [
            LuaOption("min_count", .integer, default: .integer(Vocabulary.defaultMinCount), "keep words seen at least this often"),
            LuaOption("max_size", .integer, default: .described("no limit"),
                      "the most ids, padding and oov_token included (Keras' max_tokens)"),
            LuaOption("oov_token", .string, default: .described("none"),
                      "a token with id 1 that unknown words map to (without it they are dropped)"),
        ] + tokenizerOptions,
        returns: "a Vocabulary",
        summary: """
            The words of documents as ids, as Keras' Tokenizer and TextVectorization number them: 0 is \
            padding, 1 the oov_token when given, then the words, most frequent first (ties in order of first \
            appearance), so nn.Embedding(vocab:size(), d) covers every id.
            """,
        example: """
            local vocab = data.vocabulary{'the cat sat', 'the dog'}
            print(vocab:size(), vocab.index_word[1], vocab:encode('the dog'))
            """)) { call in
        let options = try call.options(2)
        let tokenizer = try textTokenizer(options, call: call)
        let minCount = try options.value("min_count", as: Int.self)
        let maxSize = try options.optional("max_size", as: Int.self)
        let oovToken = try options.optional("oov_token", as: String.self)
        try options.rejectUnknown()
        let documents = try call.table(1, expected: "a list of texts or token lists")
        let vocabulary = try Vocabulary(documents: try tokenLists(documents, tokenizer: tokenizer),
                                        minCount: minCount, maxSize: maxSize, oovToken: oovToken)
        return call.push(VocabularyObject(vocabulary: vocabulary, tokenizer: tokenizer), VocabularyLua.luaClass)
    }

    module.declareTranslatingErrors("skipgrams", LuaSignature(
        parameters: [sequencesParameter],
        options: [
            LuaOption("window", .integer, default: .integer(2), "the most positions between a center and its context"),
            LuaOption("shrink_window", .boolean, default: .boolean(false), "draw each center's window from 1...window, as word2vec does"),
            LuaOption("subsample", .number, default: .described("none"), "first drop frequent words as data.subsample does with this threshold"),
            seedOption,
        ],
        returns: "centers, contexts: int64 tensors",
        summary: """
            word2vec's (center, context) pairs, as Keras' skipgrams without negatives: every word paired with \
            each word at most `window` positions away in the same sequence (padding, id 0, is skipped).
            """,
        example: """
            local centers, contexts = data.skipgrams({{1, 2, 3}}, {window = 1})
            print(centers, contexts)
            """)) { call in
        var sequences = try call.idSequences(1)
        let options = try call.options(2)
        let window = try options.value("window", as: Int.self)
        let shrink = try options.value("shrink_window", as: Bool.self)
        let threshold = try options.optional("subsample", as: Double.self)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        if let threshold {
            sequences = try Subsampling.apply(sequences, threshold: threshold, seed: seed &+ 1)
        }
        let pairs = try SkipGrams.pairs(sequences, window: window, shrinkWindow: shrink, seed: seed)
        return call.push(call.value(try int64Tensor(pairs.centers)), call.value(try int64Tensor(pairs.contexts)))
    }

    module.declareTranslatingErrors("subsample", LuaSignature(
        parameters: [sequencesParameter],
        options: [LuaOption("threshold", .number, default: .number(Subsampling.defaultThreshold), "Mikolov's t"), seedOption],
        returns: "a list of int64 id tensors",
        summary: """
            Mikolov's frequent-word subsampling: each occurrence of word w is dropped with probability \
            1 - sqrt(t / f(w)), f(w) its share of all words in these sequences.
            """,
        example: """
            local kept = data.subsample({{1, 1, 1, 1, 2}}, {threshold = 0.1, seed = 1})
            print(kept[1]:size(1) <= 5)
            """)) { call in
        let sequences = try call.idSequences(1)
        let options = try call.options(2)
        let threshold = try options.value("threshold", as: Double.self)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let kept = try Subsampling.apply(sequences, threshold: threshold, seed: seed)
        return call.push(try kept.map { call.value(try int64Tensor($0)) })
    }

    module.declareTranslatingErrors("negative_sampler", LuaSignature(
        parameters: [LuaParameter("counts", .oneOf([.object("Vocabulary"), .list(.integer)]), "a Vocabulary, or word counts (counts[id], ids from 1)")],
        options: [
            LuaOption("power", .number, default: .number(NegativeSampler.defaultPower), "the exponent of the counts"),
            LuaOption("table_size", .integer, default: .integer(NegativeSampler.defaultTableSize), "slots of the sampling table"),
            seedOption,
        ],
        returns: "a NegativeSampler",
        summary: """
            Draws "negative" word ids for word2vec with probability proportional to count^power, through a \
            table as word2vec does.
            """,
        example: """
            local sampler = data.negative_sampler({10, 0, 5}, {seed = 1})
            print(sampler:sample(4):size(1), sampler.probabilities[2])
            """)) { call in
        let counts: [Int]
        if let vocabulary = try? call.object(1, VocabularyLua.luaClass) {
            counts = vocabulary.vocabulary.counts
        } else {
            counts = [0] + (try call.table(1, expected: "a Vocabulary or a list of word counts").array(of: Int.self))
        }
        let options = try call.options(2)
        let power = try options.value("power", as: Double.self)
        let tableSize = try options.value("table_size", as: Int.self)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let sampler = try NegativeSampler(counts: counts, power: power, tableSize: tableSize)
        return call.push(NegativeSamplerObject(sampler: sampler, seed: seed), NegativeSamplerLua.luaClass)
    }

    let modes: [(name: String, mode: BagOfWords.Mode)] = [("count", .counts), ("binary", .multiHot), ("freq", .frequencies)]
    module.declareTranslatingErrors("bag_of_words", LuaSignature(
        parameters: [sequencesParameter, LuaParameter("size", .integer, "the number of columns (the vocabulary size)")],
        options: [LuaOption("mode", .choice(modes.map(\.name)), default: .string(modes[0].name),
                            "how often id occurs ('count'), 1 if it occurs ('binary'), or its share of the sequence ('freq')")],
        returns: "a float32 N x size tensor",
        summary: "One row per sequence of word ids with column id + 1 for word id, as Keras' Tokenizer.sequences_to_matrix.",
        example: """
            print(data.bag_of_words({{1, 1, 2}}, 3, {mode = 'freq'}))
            """)) { call in
        let sequences = try call.idSequences(1)
        let size = try call.argument(2, as: Int.self)
        let options = try call.options(3)
        let name = try options.value("mode", as: String.self)
        try options.rejectUnknown()
        let mode = modes.first { $0.name == name }?.mode ?? .counts
        return call.push(try BagOfWords.encode(sequences, vocabularySize: size, mode: mode).tensor())
    }

    module.declareTranslatingErrors("multi_hot", LuaSignature(
        parameters: [sequencesParameter, LuaParameter("size", .integer, "the number of columns (the vocabulary size)")],
        returns: "a float32 N x size tensor",
        summary: "1 at column id + 1 for every id in each sequence: data.bag_of_words with mode 'binary' (Keras' multi_hot).",
        example: """
            print(data.multi_hot({{0, 2}, {1}}, 3))
            """)) { call in
        let sequences = try call.idSequences(1)
        let size = try call.argument(2, as: Int.self)
        return call.push(try BagOfWords.encode(sequences, vocabularySize: size, mode: .multiHot).tensor())
    }
}

/// Each document of a list as tokens: a text is tokenized, a list of tokens taken as it is.
func tokenLists(_ documents: LuaTable, tokenizer: Tokenizer) throws -> [[String]] {
    try stride(from: 1, through: documents.count, by: 1).map { position in
        try documents.withElement(position) { element in
            if let text = String.read(element.state, element.index) { return tokenizer.tokenize(text) }
            return try element.table(expected: "a text or a list of tokens").array(of: String.self)
        }
    }
}

/// The tokenizer options of data.tokenize and data.vocabulary, with the library's defaults.
private var tokenizerOptions: [LuaOption] {
    let defaults = Tokenizer()
    return [
        LuaOption("lower", .boolean, default: .boolean(defaults.lowercase), "lower-case the text"),
        LuaOption("strip_punctuation", .boolean, default: .boolean(defaults.stripPunctuation), "punctuation separates words"),
        LuaOption("strip_digits", .boolean, default: .boolean(defaults.stripDigits), "digits separate words"),
        LuaOption("stop_words", .described("true, false or a list of words"), default: .boolean(defaults.removeStopWords),
                  "true drops the shipped English list (data.stop_words()); or a list of words to drop"),
        LuaOption("min_length", .integer, default: .integer(defaults.minimumLength), "drop shorter tokens (in characters)"),
    ]
}

/// The tokenizer the options describe.
private func textTokenizer(_ options: LuaOptions, call: LuaCall) throws -> Tokenizer {
    var tokenizer = Tokenizer()
    tokenizer.lowercase = try options.value("lower")
    tokenizer.stripPunctuation = try options.value("strip_punctuation")
    tokenizer.stripDigits = try options.value("strip_digits")
    tokenizer.minimumLength = try options.value("min_length")
    try options.with("stop_words") { element in
        switch element.type {
        case .nil, .none: break
        case .boolean: tokenizer.removeStopWords = try element.value(as: Bool.self)
        default:
            tokenizer.removeStopWords = true
            tokenizer.stopWords = Set(try element.table(expected: "true, false or a list of words").array(of: String.self).map { $0.lowercased() })
        }
    }
    return tokenizer
}
