import FileSupport
import Foundation

/// Writes REPL output to standard output. C's buffered stdout, which Lua's `io.write` uses, is flushed
/// first, so the two never overtake each other.
func writeOutput(_ text: String) {
    fflush(nil)
    writeAll(Array(text.utf8), to: STDOUT_FILENO)
}

/// Writes a line to standard error, after any pending output.
func writeError(_ line: String) {
    fflush(nil)
    writeAll(Array((line + "\n").utf8), to: STDERR_FILENO)
}
