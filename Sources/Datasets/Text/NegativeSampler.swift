import Foundation
import Tensors

/// Draws "negative" words for word2vec's negative sampling from the unigram distribution raised to
/// the power 0.75, through a table in which each word fills a share of slots equal to its probability.
public struct NegativeSampler: Sendable {
    /// Each word's probability, count^power normalised.
    public let probabilities: [Double]
    /// Word indices; word i fills about probabilities[i] x table.count slots, in order.
    public let table: [Int32]

    /// word2vec's exponent of the counts and size of the table.
    public static let defaultPower = 0.75
    public static let defaultTableSize = 1_000_000

    public init(counts: [Int], power: Double = defaultPower, tableSize: Int = defaultTableSize) throws {
        let operation = "negative_sampling_table"
        guard tableSize >= 1 else { throw DatasetError(operation, "table size must be 1 or more, got \(tableSize)") }
        try MemoryBudget.check(elements: tableSize, elementSize: 4, operation: operation, what: "the sampling table")
        guard counts.allSatisfy({ $0 >= 0 }) else { throw DatasetError(operation, "word counts cannot be negative") }
        guard power >= 0, power <= 10 else { throw DatasetError(operation, "power must lie between 0 and 10, got \(power)") }
        let weights = counts.map { $0 == 0 ? 0 : pow(Double($0), power) }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw DatasetError(operation, "all word counts are 0") }
        probabilities = weights.map { $0 / total }
        // Slot s belongs to the word whose cumulative-probability interval holds the slot's middle.
        var table = [Int32](repeating: 0, count: tableSize)
        var word = 0, cumulative = probabilities[0]
        for slot in 0..<tableSize {
            let middle = (Double(slot) + 0.5) / Double(tableSize)
            while middle > cumulative && word < probabilities.count - 1 {
                word += 1
                cumulative += probabilities[word]
            }
            table[slot] = Int32(word)
        }
        self.table = table
    }

    /// `count` word indices drawn from the table.
    public func sample(count: Int, using generator: inout SeededGenerator) -> [Int32] {
        (0..<max(0, count)).map { _ in table[generator.integer(below: table.count)] }
    }
}
