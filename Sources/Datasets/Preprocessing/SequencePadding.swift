import CheckedArithmetic
/// Makes sequences one length, as Keras' pad_sequences: short ones are filled with `value`, long ones
/// cut. Defaults follow Keras: pad and cut at the front ("pre").
public enum SequencePadding {
    public enum Side: String, Sendable {
        case pre, post
    }

    /// Keras' defaults: fill and cut at the front.
    public static let defaultPadding = Side.pre
    public static let defaultTruncating = Side.pre

    /// The sequences as rows of a [sequences, length] array (row-major); `length` nil means the
    /// longest sequence's length.
    public static func pad<Element>(_ sequences: [[Element]], length: Int? = nil, padding: Side = defaultPadding,
                                    truncating: Side = defaultTruncating, value: Element) throws -> (shape: [Int], values: [Element]) {
        if let length, length < 0 {
            throw DatasetError("pad_sequences", "maxlen must be 0 or more, got \(length)")
        }
        let width = length ?? sequences.map(\.count).max() ?? 0
        try MemoryBudget.check(elements: CheckedSize.product([sequences.count, width]) ?? -1,
                               elementSize: MemoryLayout<Element>.stride, operation: "pad_sequences", what: "the padded sequences")
        var values = [Element](repeating: value, count: sequences.count * width)
        for (row, sequence) in sequences.enumerated() {
            let kept = sequence.count <= width ? sequence[...]
                : truncating == .pre ? sequence[(sequence.count - width)...] : sequence[..<width]
            let offset = row * width + (padding == .pre ? width - kept.count : 0)
            for (position, element) in kept.enumerated() { values[offset + position] = element }
        }
        return ([sequences.count, width], values)
    }
}
