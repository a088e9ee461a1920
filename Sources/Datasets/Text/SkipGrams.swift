/// (center, context) word pairs for training word2vec's skip-gram model.
public struct SkipGramPairs: Sendable, Equatable {
    public var centers: [Int32]
    public var contexts: [Int32]
}

public enum SkipGrams {
    /// For each word of each sequence, pairs with every word at most `window` positions away (pairs
    /// never cross from one sequence into the next). With `shrinkWindow`, each center draws its own
    /// window size uniformly from 1...window, as word2vec does, so near words are paired more often.
    public static func pairs(_ sequences: [[Int32]], window: Int, shrinkWindow: Bool = false, seed: UInt64 = 0) throws -> SkipGramPairs {
        guard window >= 1 else { throw DatasetError("skipgrams", "window must be 1 or more, got \(window)") }
        var generator = SeededGenerator(seed: seed)
        var centers: [Int32] = [], contexts: [Int32] = []
        for sequence in sequences {
            for (position, center) in sequence.enumerated() {
                let reach = shrinkWindow ? 1 + generator.integer(below: window) : window
                for other in max(0, position - reach)...min(sequence.count - 1, position + reach) where other != position {
                    centers.append(center)
                    contexts.append(sequence[other])
                }
            }
        }
        return SkipGramPairs(centers: centers, contexts: contexts)
    }
}
