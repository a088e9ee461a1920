import Foundation

/// Runs `body` with descriptor 1 sent to an anonymous temporary file and gives what was written.
/// A file, not a pipe: nothing has to read while the body writes. The notebook's `OutputCapture` tees
/// to the terminal and runs a reader thread, neither of which an example's output needs.
func capturingStandardOutput(_ body: () -> Void) -> String {
    fflush(nil)
    guard let file = tmpfile() else { body(); return "" }
    defer { fclose(file) }
    let saved = dup(STDOUT_FILENO)
    dup2(fileno(file), STDOUT_FILENO)
    body()
    fflush(nil)
    dup2(saved, STDOUT_FILENO)
    close(saved)
    let size = Int(lseek(fileno(file), 0, SEEK_END))
    lseek(fileno(file), 0, SEEK_SET)
    var bytes = [UInt8](repeating: 0, count: max(size, 0))
    let count = bytes.withUnsafeMutableBytes { read(fileno(file), $0.baseAddress, $0.count) }
    return String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self)
}
