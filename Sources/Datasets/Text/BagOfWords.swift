import CheckedArithmetic
/// Document x vocabulary matrices (rows = documents) from encoded word sequences.
public enum BagOfWords {
    public enum Mode: String, Sendable {
        /// How often each word occurs in the document.
        case counts
        /// 1 where the word occurs at least once, else 0.
        case multiHot = "multi_hot"
        /// Each word's share of the document's words (Keras' Tokenizer mode 'freq').
        case frequencies
    }

    public static func encode(_ sequences: [[Int32]], vocabularySize: Int, mode: Mode = .counts) throws -> NumericArray {
        let operation = "bag_of_words"
        guard vocabularySize >= 1 else { throw DatasetError(operation, "vocabulary size must be 1 or more, got \(vocabularySize)") }
        try MemoryBudget.check(elements: CheckedSize.product([sequences.count, vocabularySize]) ?? -1,
                               elementSize: 4, operation: operation, what: "the document x vocabulary matrix")
        var values = [Float](repeating: 0, count: sequences.count * vocabularySize)
        for (row, sequence) in sequences.enumerated() {
            for word in sequence {
                guard word >= 0, Int(word) < vocabularySize else {
                    throw DatasetError(operation, "sequence \(row + 1) has word id \(word), outside 0 to \(vocabularySize - 1)")
                }
                let slot = row * vocabularySize + Int(word)
                values[slot] = mode == .multiHot ? 1 : values[slot] + 1
            }
            if mode == .frequencies, !sequence.isEmpty {
                let length = Float(sequence.count)
                for slot in row * vocabularySize..<(row + 1) * vocabularySize { values[slot] /= length }
            }
        }
        return NumericArray(shape: [sequences.count, vocabularySize], values: values)
    }
}
