import Foundation

/// Writes REPL output to standard output. C's buffered stdout, which Lua's `io.write` uses, is flushed
/// first, so the two never overtake each other.
func writeOutput(_ text: String) {
    fflush(nil)
    _ = writeAll(Array(text.utf8), to: STDOUT_FILENO)
}

/// Writes a line to standard error, after any pending output.
func writeError(_ line: String) {
    fflush(nil)
    _ = writeAll(Array((line + "\n").utf8), to: STDERR_FILENO)
}

/// Writes every byte, retrying after signals and short writes; false when the descriptor fails.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return true }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
