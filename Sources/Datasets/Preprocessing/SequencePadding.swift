/// Makes token sequences one length, as Keras' pad_sequences: short ones are filled with `value`, long
/// ones cut. Defaults follow Keras: pad and cut at the front ("pre").
public enum SequencePadding {
    public enum Side: String, Sendable {
        case pre, post
    }

    /// A [sequences, length] array; `length` nil means the longest sequence's length.
    public static func pad(_ sequences: [[Int32]], length: Int? = nil, padding: Side = .pre,
                           truncating: Side = .pre, value: Int32 = 0) throws -> IndexArray {
        if let length, length < 0 {
            throw DatasetError("pad_sequences", "length must be 0 or more, got \(length)")
        }
        let width = length ?? sequences.map(\.count).max() ?? 0
        var values = [Int32](repeating: value, count: sequences.count * width)
        for (row, sequence) in sequences.enumerated() {
            let kept = sequence.count <= width ? sequence[...]
                : truncating == .pre ? sequence[(sequence.count - width)...] : sequence[..<width]
            let offset = row * width + (padding == .pre ? width - kept.count : 0)
            for (position, token) in kept.enumerated() { values[offset + position] = token }
        }
        return IndexArray(shape: [sequences.count, width], values: values)
    }
}
