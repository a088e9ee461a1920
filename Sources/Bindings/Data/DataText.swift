import Datasets
import LuaHost
import Tensors

// Text for neural networks: tokens, vocabularies, word-id sequences, skip-gram pairs for word2vec,
// negative sampling and bag-of-words rows. Word ids are data: 0 is padding, then 1, 2, ... as
// vocab.index_word lists them (the same numbers as Keras' Tokenizer and TextVectorization).

func registerDataText(_ module: LuaModule) {
    /// data.tokenize(text, {lower=true, strip_punctuation=true, strip_digits=true, stop_words=false,
    ///     min_length=1}) -> tokens
    ///   Splits a text into words: lower-cased, punctuation and digits act as separators, an apostrophe
    ///   between letters stays (don't). stop_words = true drops the shipped English list
    ///   (data.stop_words()), or give a list of words. A list of texts gives a list of token lists.
    dataFunction(module, "tokenize") { call in
        let options = try call.options(2)
        let tokenizer = try textTokenizer(options, call: call)
        try options.rejectUnknown()
        if call.type(1) == .string { return call.push(tokenizer.tokenize(try call.argument(1, as: String.self))) }
        return call.push(try call.strings(1, expected: "a text or a list of texts").map(tokenizer.tokenize))
    }

    /// data.stop_words() -> the shipped English stop words, sorted
    dataFunction(module, "stop_words") { call in call.push(StopWords.english.sorted()) }

    /// data.vocabulary(documents, {min_count=1, max_size=, oov_token=, and data.tokenize's options})
    ///     -> vocab
    ///   The words of documents (texts, tokenized with the options, or token lists) as ids: 0 is
    ///   padding, 1 the oov_token when given (unknown words then map to it instead of being dropped),
    ///   then the words seen at least min_count times, most frequent first (ties in order of first
    ///   appearance). max_size caps the number of ids, padding and oov_token included (Keras'
    ///   max_tokens), so nn.Embedding(vocab:size(), d) covers every id.
    ///   vocab:encode(text_or_tokens) -> int64 ids; vocab:encode_all(documents) -> list of id tensors;
    ///   vocab:decode(ids) -> words; vocab:size() (#vocab) -> number of ids; vocab.word_index[word] ->
    ///   id; vocab.index_word[id] -> word; vocab.counts[id] -> occurrences; vocab.oov_token.
    dataFunction(module, "vocabulary") { call in
        let options = try call.options(2)
        let tokenizer = try textTokenizer(options, call: call)
        let minCount = try options.value("min_count", default: 1)
        let maxSize = try options.optional("max_size", as: Int.self)
        let oovToken = try options.optional("oov_token", as: String.self)
        try options.rejectUnknown()
        let list = try call.table(1, expected: "a list of texts or token lists")
        var documents: [[String]] = []
        documents.reserveCapacity(list.count)
        for position in stride(from: 1, through: list.count, by: 1) {
            documents.append(try list.withElement(position) { element in
                if let text = String.read(element.state, element.index) { return tokenizer.tokenize(text) }
                return try element.table(expected: "a text or a list of tokens").array(of: String.self)
            })
        }
        let vocabulary = try Vocabulary(documents: documents, minCount: minCount, maxSize: maxSize, oovToken: oovToken)
        return call.push(VocabularyObject(vocabulary: vocabulary, tokenizer: tokenizer), VocabularyLua.luaClass)
    }

    /// data.skipgrams(sequences, {window=2, shrink_window=false, subsample=, seed=}) -> centers, contexts
    ///   word2vec's (center, context) pairs as two int64 tensors: every word paired with each word at
    ///   most `window` positions away in the same sequence (padding, id 0, is skipped). shrink_window
    ///   draws each center's window from 1...window as word2vec does. subsample = t first drops
    ///   occurrences of frequent words as data.subsample does (counts from these sequences).
    dataFunction(module, "skipgrams") { call in
        var sequences = try call.idSequences(1)
        let options = try call.options(2)
        let window = try options.value("window", default: 2)
        let shrink = try options.value("shrink_window", default: false)
        let threshold = try options.optional("subsample", as: Double.self)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        if let threshold {
            sequences = try Subsampling.apply(sequences, threshold: threshold, seed: seed &+ 1)
        }
        let pairs = try SkipGrams.pairs(sequences, window: window, shrinkWindow: shrink, seed: seed)
        return call.push(call.value(try int64Tensor(pairs.centers)), call.value(try int64Tensor(pairs.contexts)))
    }

    /// data.subsample(sequences, {threshold=1e-5, seed=}) -> list of int64 id tensors
    ///   Mikolov's frequent-word subsampling: each occurrence of word w is dropped with probability
    ///   1 - sqrt(t / f(w)), f(w) its share of all words in these sequences.
    dataFunction(module, "subsample") { call in
        let sequences = try call.idSequences(1)
        let options = try call.options(2)
        let threshold = try options.value("threshold", default: 1e-5)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let kept = try Subsampling.apply(sequences, threshold: threshold, seed: seed)
        return call.push(try kept.map { call.value(try int64Tensor($0)) })
    }

    /// data.negative_sampler(vocab_or_counts, {power=0.75, table_size=1000000, seed=}) -> sampler
    ///   Draws "negative" word ids for word2vec with probability proportional to count^power, through
    ///   a table as word2vec does. Counts come from a vocabulary or a list (counts[id], ids from 1).
    ///   sampler:sample(n) -> int64 ids; sampler:sample({rows, k}) -> rows x k; sampler.probabilities[id].
    dataFunction(module, "negative_sampler") { call in
        let counts: [Int]
        if let vocabulary = try? call.object(1, VocabularyLua.luaClass) {
            counts = vocabulary.vocabulary.counts
        } else {
            counts = [0] + (try call.table(1, expected: "a Vocabulary or a list of word counts").array(of: Int.self))
        }
        let options = try call.options(2)
        let power = try options.value("power", default: 0.75)
        let tableSize = try options.value("table_size", default: 1_000_000)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let sampler = try NegativeSampler(counts: counts, power: power, tableSize: tableSize)
        return call.push(NegativeSamplerObject(sampler: sampler, seed: seed), NegativeSamplerLua.luaClass)
    }

    /// data.bag_of_words(sequences, size, {mode='count'}) -> float32 N x size
    ///   One row per sequence of word ids; column id + 1 holds how often id occurs ('count'), 1 if it
    ///   occurs ('binary'), or its share of the sequence ('freq'), as Keras' Tokenizer matrices.
    dataFunction(module, "bag_of_words") { call in
        let sequences = try call.idSequences(1)
        let size = try call.argument(2, as: Int.self)
        let options = try call.options(3)
        let mode = try options.choice("mode", among: ["count", "binary", "freq"], default: "count")
        try options.rejectUnknown()
        let matrix = try BagOfWords.encode(sequences, vocabularySize: size, mode: mode == "binary" ? .multiHot : .counts)
        guard mode == "freq" else { return call.push(try matrix.tensor()) }
        let lengths = try Tensor(sequences.map { Float(Swift.max($0.count, 1)) }, shape: [sequences.count, 1])
        return call.push(try matrix.tensor().div(lengths))
    }

    /// data.multi_hot(sequences, size) -> float32 N x size
    ///   1 at column id + 1 for every id in each sequence (data.bag_of_words with mode 'binary').
    dataFunction(module, "multi_hot") { call in
        let sequences = try call.idSequences(1)
        let size = try call.argument(2, as: Int.self)
        return call.push(try BagOfWords.encode(sequences, vocabularySize: size, mode: .multiHot).tensor())
    }
}

/// The tokenizer options shared by data.tokenize and data.vocabulary.
private func textTokenizer(_ options: LuaOptions, call: LuaCall) throws -> Tokenizer {
    var tokenizer = Tokenizer()
    tokenizer.lowercase = try options.value("lower", default: true)
    tokenizer.stripPunctuation = try options.value("strip_punctuation", default: true)
    tokenizer.stripDigits = try options.value("strip_digits", default: true)
    tokenizer.minimumLength = try options.value("min_length", default: 1)
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
