import Tensors

/// Frequent-word subsampling from Mikolov et al. (2013): each occurrence of word w is dropped with
/// probability 1 - sqrt(t / f(w)), f(w) being the word's share of all counted words, so very common
/// words thin out while rare words are always kept.
public enum Subsampling {
    /// The threshold t of Mikolov et al.
    public static let defaultThreshold = 1e-5

    /// The probability of keeping each word, min(1, sqrt(t / f(w))); 1 for words with count 0.
    public static func keepProbabilities(counts: [Int], threshold: Double = defaultThreshold) throws -> [Double] {
        try check(threshold: threshold)
        guard counts.allSatisfy({ $0 >= 0 }) else { throw DatasetError("subsample", "word counts cannot be negative") }
        let total = Double(counts.reduce(0, +))
        return counts.map { keepProbability(count: $0, total: total, threshold: threshold) }
    }

    /// `sequences` with occurrences dropped at random (fixed by `seed`) by the probabilities above.
    public static func apply(_ sequences: [[Int32]], counts: [Int], threshold: Double = defaultThreshold, seed: UInt64 = 0) throws -> [[Int32]] {
        let keep = try keepProbabilities(counts: counts, threshold: threshold)
        return try apply(sequences, seed: seed) { word in
            guard word >= 0, Int(word) < keep.count else {
                throw DatasetError("subsample", "word index \(word) is outside the \(keep.count) counted words")
            }
            return keep[Int(word)]
        }
    }

    /// `apply` with each word's count taken from `sequences` themselves.
    public static func apply(_ sequences: [[Int32]], threshold: Double = defaultThreshold, seed: UInt64 = 0) throws -> [[Int32]] {
        try check(threshold: threshold)
        var counts: [Int32: Int] = [:]
        var total = 0
        for sequence in sequences {
            for word in sequence { counts[word, default: 0] += 1 }
            total += sequence.count
        }
        let keep = counts.mapValues { keepProbability(count: $0, total: Double(total), threshold: threshold) }
        return try apply(sequences, seed: seed) { keep[$0] ?? 1 }
    }

    private static func check(threshold: Double) throws {
        guard threshold > 0 else { throw DatasetError("subsample", "threshold must be above 0, got \(threshold)") }
    }

    private static func keepProbability(count: Int, total: Double, threshold: Double) -> Double {
        count == 0 ? 1 : min(1, (threshold / (Double(count) / total)).squareRoot())
    }

    private static func apply(_ sequences: [[Int32]], seed: UInt64, keep: (Int32) throws -> Double) throws -> [[Int32]] {
        var generator = SeededGenerator(seed: seed)
        return try sequences.map { sequence in try sequence.filter { word in generator.nextDouble() < (try keep(word)) } }
    }
}
