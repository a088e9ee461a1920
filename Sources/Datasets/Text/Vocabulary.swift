/// The words of a corpus as integer ids, laid out as Keras' TextVectorization does: id 0 is padding
/// (the empty word, what pad_sequences fills with), id 1 the out-of-vocabulary token when one is asked
/// for, then the words, most frequent first (equal counts in order of first appearance). Ids are data
/// (0-based) in Swift and Lua alike; since 0 is padding, the words' ids are also their 1-based positions
/// in the list of words after padding.
public struct Vocabulary: Sendable, Equatable {
    /// The id of padding.
    public static let padding = 0
    /// Keep every word seen at least once.
    public static let defaultMinCount = 1

    /// The word of each id: words[0] is "" (padding).
    public let words: [String]
    /// How often each word occurs in the corpus it was built from (0 for padding and the
    /// out-of-vocabulary token).
    public let counts: [Int]
    /// The id unknown words map to, if an out-of-vocabulary token was asked for (it is 1).
    public let unknownIndex: Int?
    private let indexOfWord: [String: Int]

    /// Builds the vocabulary of `documents`: words seen fewer than `minCount` times are left out, then
    /// only the most frequent are kept so that there are at most `maxSize` ids (padding and the
    /// out-of-vocabulary token included, as Keras' max_tokens: an embedding of `maxSize` rows then
    /// covers every id). With `oovToken`, encoding maps unknown words to it; without, they are dropped.
    public init(documents: [[String]], minCount: Int = defaultMinCount, maxSize: Int? = nil, oovToken: String? = nil) throws {
        let reserved = oovToken == nil ? 1 : 2
        guard minCount >= 1 else { throw DatasetError("vocabulary", "min_count must be 1 or more, got \(minCount)") }
        if let maxSize, maxSize <= reserved {
            throw DatasetError("vocabulary", "max_size counts padding\(oovToken == nil ? "" : " and the out-of-vocabulary token") too, so it must be at least \(reserved + 1), got \(maxSize)")
        }
        if oovToken == "" { throw DatasetError("vocabulary", "the out-of-vocabulary token cannot be the empty word (that is padding)") }
        var countOf: [String: Int] = [:]
        var firstSeen: [String] = []
        for document in documents {
            for word in document {
                if let count = countOf[word] {
                    countOf[word] = count + 1
                } else {
                    countOf[word] = 1
                    firstSeen.append(word)
                }
            }
        }
        // Swift's sort is stable, so words of equal count keep their first-appearance order.
        var kept = firstSeen.filter { countOf[$0]! >= minCount && $0 != oovToken && !$0.isEmpty }
        kept.sort { countOf[$0]! > countOf[$1]! }
        if let maxSize { kept = Array(kept.prefix(maxSize - reserved)) }
        let special = [""] + (oovToken.map { [$0] } ?? [])
        words = special + kept
        counts = Array(repeating: 0, count: special.count) + kept.map { countOf[$0]! }
        unknownIndex = oovToken == nil ? nil : 1
        indexOfWord = Dictionary(uniqueKeysWithValues: words.enumerated().dropFirst().map { ($1, $0) })
    }

    /// The number of ids, padding included (the input size of an embedding layer).
    public var count: Int { words.count }

    /// The id of `word`; nil for unknown words and for the empty word.
    public func index(of word: String) -> Int? { indexOfWord[word] }

    public func word(at index: Int) -> String? { words.indices.contains(index) ? words[index] : nil }

    /// The ids of `tokens`; unknown words become `unknownIndex`, or are dropped when there is none.
    public func encode(_ tokens: [String]) -> [Int32] {
        tokens.compactMap { token in (indexOfWord[token] ?? unknownIndex).map { Int32($0) } }
    }

    /// The words of `indices`, leaving out padding (0); ids outside the vocabulary throw.
    public func decode(_ indices: [Int64]) throws -> [String] {
        try indices.compactMap { index in
            if index == Int64(Vocabulary.padding) { return nil }
            guard let word = index > 0 && index < Int64(count) ? words[Int(index)] : nil else {
                throw DatasetError("vocabulary.decode", "id \(index) is outside the vocabulary (ids 0 to \(count - 1))")
            }
            return word
        }
    }
}
