/// The words of a corpus, most frequent first (equal counts in order of first appearance), with
/// maps between words and 0-based indices. (The Lua layer shows indices 1-based, leaving 0 for padding.)
public struct Vocabulary: Sendable, Equatable {
    /// The words, index i = position i.
    public let words: [String]
    /// How often each word occurs in the corpus it was built from (0 for the out-of-vocabulary token).
    public let counts: [Int]
    /// The index unknown words map to, if an out-of-vocabulary token was asked for (it is index 0).
    public let unknownIndex: Int?
    private let indexOfWord: [String: Int]

    /// Builds the vocabulary of `documents`: words seen fewer than `minCount` times are left out, then
    /// only the `maxSize` most frequent are kept. With `oovToken`, that token is added at index 0 and
    /// encoding maps unknown words to it; without, unknown words are dropped.
    public init(documents: [[String]], minCount: Int = 1, maxSize: Int? = nil, oovToken: String? = nil) throws {
        guard minCount >= 1 else { throw DatasetError("vocabulary", "min_count must be 1 or more, got \(minCount)") }
        if let maxSize, maxSize < 1 { throw DatasetError("vocabulary", "max_size must be 1 or more, got \(maxSize)") }
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
        var kept = firstSeen.filter { countOf[$0]! >= minCount && $0 != oovToken }
        kept.sort { countOf[$0]! > countOf[$1]! }
        if let maxSize { kept = Array(kept.prefix(maxSize)) }
        var words = kept, counts = kept.map { countOf[$0]! }
        if let oovToken {
            words.insert(oovToken, at: 0)
            counts.insert(0, at: 0)
        }
        self.words = words
        self.counts = counts
        unknownIndex = oovToken == nil ? nil : 0
        indexOfWord = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
    }

    public var count: Int { words.count }

    public func index(of word: String) -> Int? { indexOfWord[word] }

    public func word(at index: Int) -> String? { words.indices.contains(index) ? words[index] : nil }

    /// The indices of `tokens`; unknown words become `unknownIndex`, or are dropped when there is none.
    public func encode(_ tokens: [String]) -> [Int32] {
        tokens.compactMap { token in (indexOfWord[token] ?? unknownIndex).map { Int32($0) } }
    }

    /// The words of `indices`; indices outside the vocabulary throw.
    public func decode(_ indices: [Int32]) throws -> [String] {
        try indices.map { index in
            guard let word = word(at: Int(index)) else {
                throw DatasetError("vocabulary.decode", "index \(index) is outside the vocabulary of \(count) words (0 to \(count - 1))")
            }
            return word
        }
    }
}
