import Synchronization

/// Keras' automatic layer names: the type name in snake case (`Conv2D` → `conv2d`, `MaxPooling2D` →
/// `max_pooling2d`), unique within the session: `dense`, `dense_1`, `dense_2`...
enum LayerNaming {
    private static let counters = Mutex<[String: Int]>([:])

    /// The next free name for `prefix` (`dense`, then `dense_1`...).
    static func uniqueName(_ prefix: String) -> String {
        counters.withLock { counts in
            let n = counts[prefix, default: 0]
            counts[prefix] = n + 1
            return n == 0 ? prefix : "\(prefix)_\(n)"
        }
    }

    /// Forgets the names given so far (Keras' `clear_session`).
    static func reset() { counters.withLock { $0.removeAll() } }

    /// `MaxPooling2D` → `max_pooling2d`, `SimpleRNN` → `simple_rnn`, `Conv2DTranspose` → `conv2d_transpose`:
    /// an underscore goes before a capital that follows a lower-case letter, and before a capital that
    /// starts a capitalized word after another capital (as Keras' `to_snake_case`).
    static func snakeCase(_ name: String) -> String {
        let chars = Array(name)
        var result = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let previous = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if previous.isLowercase || (previous.isUppercase && nextIsLower) { result += "_" }
            }
            result += c.lowercased()
        }
        return result
    }
}
