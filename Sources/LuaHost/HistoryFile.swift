import FileSupport
import Foundation

/// The REPL's history on disk (`~/.lunette_history`): one entry per line, oldest first, with
/// backslashes and newlines escaped so that a multi-line entry stays one line.
///
/// Entries are appended as they are made, so a session that is killed keeps what it typed. The file is
/// capped when it is loaded: past `limit` entries, the newest `limit` are kept and the file is
/// replaced atomically. Reading and writing never fail loudly: the REPL works without a history file.
public struct HistoryFile {
    public let path: String
    public let limit: Int

    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = max(limit, 1)
    }

    /// The saved entries, oldest first (none when the file is missing or unreadable).
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map(Self.decode)
        guard entries.count > limit else { return entries }
        let kept = Array(entries.suffix(limit))
        replaceContents(with: kept.map { Self.encode($0) + "\n" }.joined())
        return kept
    }

    /// Adds one entry at the end of the file (created readable by its owner only).
    public func append(_ entry: String) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        // One write per line (O_APPEND), so that two sessions appending at once do not interleave.
        writeAll(Array((Self.encode(entry) + "\n").utf8), to: descriptor)
    }

    /// Replaces the history atomically, readable by its owner only; a failure keeps the old file.
    private func replaceContents(with text: String) {
        try? AtomicFile.write(Array(text.utf8), to: path, permissions: 0o600, syncToDisk: false)
    }

    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: Substring) -> String {
        var result = ""
        var escaped = false
        for character in line {
            if escaped {
                result.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
