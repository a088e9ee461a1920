import Tensors

/// (center, context) word pairs for training word2vec's skip-gram model.
public struct SkipGramPairs: Sendable, Equatable {
    public var centers: [Int32]
    public var contexts: [Int32]
}

public enum SkipGrams {
    /// For each word of each sequence, pairs with every word at most `window` positions away (pairs
    /// never cross from one sequence into the next). Id 0 is padding and is skipped, as center and as
    /// context, as in Keras' skipgrams. With `shrinkWindow`, each center draws its own window size
    /// uniformly from 1...window, as word2vec does, so near words are paired more often.
    public static func pairs(_ sequences: [[Int32]], window: Int, shrinkWindow: Bool = false, seed: UInt64 = 0) throws -> SkipGramPairs {
        guard window >= 1 else { throw DatasetError("skipgrams", "window must be 1 or more, got \(window)") }
        // Each word pairs with at most 2 x window others (and fewer than its sequence's length).
        let mostPairs = sequences.reduce(0) { total, sequence in
            total &+ sequence.count &* Swift.min(sequence.count, 2 &* Swift.min(window, sequence.count))
        }
        try MemoryBudget.check(elements: mostPairs, elementSize: 8, operation: "skipgrams", what: "the pairs")
        var generator = SeededGenerator(seed: seed)
        var centers: [Int32] = [], contexts: [Int32] = []
        for sequence in sequences {
            for (position, center) in sequence.enumerated() where center != Int32(Vocabulary.padding) {
                // A window wider than the sequence reaches no further than its ends.
                let reach = Swift.min(shrinkWindow ? 1 + generator.integer(below: window) : window, sequence.count)
                for other in max(0, position - reach)...min(sequence.count - 1, position + reach)
                where other != position && sequence[other] != Int32(Vocabulary.padding) {
                    centers.append(center)
                    contexts.append(sequence[other])
                }
            }
        }
        return SkipGramPairs(centers: centers, contexts: contexts)
    }
}
