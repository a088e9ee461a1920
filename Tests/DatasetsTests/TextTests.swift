import Foundation
import Testing
@testable import Datasets
import Tensors

@Suite("Text processing")
struct TextTests {
    @Test func tokenizerLowercasesAndStripsPunctuationAndDigits() {
        let tokens = Tokenizer().tokenize("The U.S. company's 1987 profit rose 12.5%, don't worry -- 'quoted' Café!")
        #expect(tokens == ["the", "u", "s", "company's", "profit", "rose", "don't", "worry", "quoted", "café"])
    }

    @Test func tokenizerOptions() {
        let text = "The 3 Big cats, and a dog"
        #expect(Tokenizer(lowercase: false).tokenize(text) == ["The", "Big", "cats", "and", "a", "dog"])
        #expect(Tokenizer(stripDigits: false).tokenize(text) == ["the", "3", "big", "cats", "and", "a", "dog"])
        #expect(Tokenizer(stripPunctuation: false).tokenize("Hi, there!") == ["hi,", "there!"])
        #expect(Tokenizer(removeStopWords: true).tokenize(text) == ["big", "cats", "dog"])
        #expect(Tokenizer(minimumLength: 3).tokenize(text) == ["the", "big", "cats", "and", "dog"])
    }

    @Test func stopWordListIsEnglishFunctionWords() {
        #expect((150...180).contains(StopWords.english.count))
        for word in ["the", "and", "of", "is", "which", "it's"] { #expect(StopWords.english.contains(word)) }
        for word in ["grain", "oil", "price", "said"] { #expect(!StopWords.english.contains(word)) }
        #expect(StopWords.english.allSatisfy { $0 == $0.lowercased() })
    }

    @Test func vocabularyOrdersByCountThenFirstAppearance() throws {
        let documents = [["b", "a", "c", "a"], ["d", "c", "a", "e", "b"]]
        // counts: a 3, b 2, c 2, d 1, e 1; b before c and d before e by first appearance; id 0 is padding
        let vocabulary = try Vocabulary(documents: documents)
        #expect(vocabulary.words == ["", "a", "b", "c", "d", "e"])
        #expect(vocabulary.counts == [0, 3, 2, 2, 1, 1])
        #expect(vocabulary.count == 6)
        #expect(vocabulary.index(of: "c") == 3)
        #expect(vocabulary.index(of: "") == nil)
        #expect(vocabulary.word(at: 4) == "d")
        #expect(vocabulary.encode(["e", "zzz", "a"]) == [5, 1])
        #expect(try vocabulary.decode([5, 0, 0, 1]) == ["e", "a"])
        #expect(expectDatasetError { _ = try vocabulary.decode([6]) }?.reason == "id 6 is outside the vocabulary (ids 0 to 5)")
        #expect(expectDatasetError { _ = try vocabulary.decode([-1]) } != nil)
    }

    @Test func vocabularyMinCountMaxSizeAndUnknownToken() throws {
        let documents = [["b", "a", "c", "a"], ["d", "c", "a", "e", "b"]]
        #expect(try Vocabulary(documents: documents, minCount: 2).words == ["", "a", "b", "c"])
        // max_size counts padding (and the unknown token), as Keras' max_tokens
        #expect(try Vocabulary(documents: documents, maxSize: 3).words == ["", "a", "b"])
        let withUnknown = try Vocabulary(documents: documents, maxSize: 4, oovToken: "<unk>")
        #expect(withUnknown.words == ["", "<unk>", "a", "b"])
        #expect(withUnknown.encode(["a", "zzz", "b"]) == [2, 1, 3])
        #expect(withUnknown.unknownIndex == 1)
        #expect(expectDatasetError { _ = try Vocabulary(documents: documents, minCount: 0) } != nil)
        #expect(expectDatasetError { _ = try Vocabulary(documents: documents, maxSize: 2, oovToken: "<unk>") }?
            .reason == "max_size counts padding and the out-of-vocabulary token too, so it must be at least 3, got 2")
        #expect(expectDatasetError { _ = try Vocabulary(documents: documents, oovToken: "") } != nil)
    }

    @Test func skipGramPairsWithinTheWindow() throws {
        let pairs = try SkipGrams.pairs([[10, 11, 12], [20, 21]], window: 1)
        #expect(pairs.centers == [10, 11, 11, 12, 20, 21])
        #expect(pairs.contexts == [11, 10, 12, 11, 21, 20])
        let wide = try SkipGrams.pairs([[1, 2, 3, 4]], window: 2)
        // each word pairs with every other word at distance <= 2: 2 + 3 + 3 + 2
        #expect(wide.centers.count == 10)
        // padding (id 0) is neither a center nor a context, but still counts as a position
        let padded = try SkipGrams.pairs([[0, 0, 7, 8, 0, 9]], window: 2)
        #expect(padded.centers == [7, 8, 8, 9])
        #expect(padded.contexts == [8, 7, 9, 8])
    }

    @Test func shrinkingWindowsPairNearWordsMoreOften() throws {
        let sequence = (0..<2000).map { Int32($0) }
        let pairs = try SkipGrams.pairs([sequence], window: 4, shrinkWindow: true, seed: 7)
        var byDistance = [Int](repeating: 0, count: 5)
        for (center, context) in zip(pairs.centers, pairs.contexts) { byDistance[Int(abs(center - context))] += 1 }
        // A word at distance d is kept when the drawn reach (uniform 1...4) is >= d: (5 - d) / 4 of the time.
        for distance in 1...4 {
            let expected = 2 * 2000 * Double(5 - distance) / 4
            #expect(abs(Double(byDistance[distance]) - expected) < 0.06 * expected, "distance \(distance)")
        }
        #expect(try SkipGrams.pairs([sequence], window: 4, shrinkWindow: true, seed: 7) == pairs)
        #expect(expectDatasetError { _ = try SkipGrams.pairs([sequence], window: 0) } != nil)
    }

    @Test func subsamplingFollowsMikolovsFormula() throws {
        // total 1,000,000 words: f = 0.1, 0.01, 1e-6 ; t = 1e-4 -> keep sqrt(1e-3), sqrt(1e-2), 1
        let counts = [100_000, 10_000, 1, 889_999]
        let keep = try Subsampling.keepProbabilities(counts: counts, threshold: 1e-4)
        #expect(abs(keep[0] - 0.001.squareRoot()) < 1e-12)
        #expect(abs(keep[1] - 0.1) < 1e-12)
        #expect(keep[2] == 1)

        let sequence = [Int32](repeating: 0, count: 100_000) + [Int32](repeating: 2, count: 50)
        let kept = try Subsampling.apply([sequence], counts: counts, threshold: 1e-4, seed: 3)[0]
        let keptFrequent = kept.filter { $0 == 0 }.count
        let expected = 100_000 * 0.001.squareRoot()     // about 3162, binomial sd about 56
        #expect(abs(Double(keptFrequent) - expected) < 5 * 56)
        #expect(kept.filter { $0 == 2 }.count == 50)
        #expect(try Subsampling.apply([sequence], counts: counts, threshold: 1e-4, seed: 3)[0] == kept)
    }

    @Test func negativeSamplingTableFollowsUnigramToThePower075() throws {
        let counts = [81, 16, 1, 0]
        let sampler = try NegativeSampler(counts: counts, tableSize: 10_000)
        // 81^0.75 = 27, 16^0.75 = 8, 1^0.75 = 1: probabilities 27/36, 8/36, 1/36, 0
        let expected = [27.0 / 36, 8.0 / 36, 1.0 / 36, 0]
        for word in 0..<4 {
            #expect(abs(sampler.probabilities[word] - expected[word]) < 1e-12)
            let slots = sampler.table.filter { $0 == Int32(word) }.count
            #expect(abs(Double(slots) - expected[word] * 10_000) <= 1, "word \(word)")
        }
        var generator = SeededGenerator(seed: 1)
        let drawn = sampler.sample(count: 36_000, using: &generator)
        #expect(abs(Double(drawn.filter { $0 == 0 }.count) - 27_000) < 5 * 82)   // sd = sqrt(36000 * 0.75 * 0.25)
        #expect(!drawn.contains(3))
    }

    @Test func bagOfWordsCountsAndMultiHot() throws {
        let counts = try BagOfWords.encode([[0, 2, 2], [1], []], vocabularySize: 3)
        #expect(counts == NumericArray(shape: [3, 3], values: [1, 0, 2, 0, 1, 0, 0, 0, 0]))
        let hot = try BagOfWords.encode([[0, 2, 2], [1], []], vocabularySize: 3, mode: .multiHot)
        #expect(hot.values == [1, 0, 1, 0, 1, 0, 0, 0, 0])
        let error = expectDatasetError { _ = try BagOfWords.encode([[0, 3]], vocabularySize: 3) }
        #expect(error?.reason == "sequence 1 has word id 3, outside 0 to 2")
    }
}
