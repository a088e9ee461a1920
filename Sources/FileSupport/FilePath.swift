import Foundation

/// Paths as scripts give them. A Lua string may hold a NUL byte, which the system's calls would take
/// as the end of the path (`a\0b.st` would write `a`), so every reader and writer checks paths here
/// first. Splitting is done without Foundation's URL rules (which drop a trailing slash and so would
/// turn `out/` into a file named `out`, and trap on some one-character paths).
public enum FilePath {
    /// Why `path` cannot name a file, or nil when it can be handed to the system.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "the file name is empty" }
        if path.utf8.contains(0) {
            return "the path '\(printable(path))' contains a NUL byte (\\0), which no file name can hold"
        }
        return nil
    }

    /// The folder and the file name of `path` (the folder is "." for a bare name, the name is empty
    /// for a path ending in "/").
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        return (folder, String(path[path.index(after: slash)...]))
    }

    /// The path with NUL bytes shown as `\0`, for messages.
    public static func printable(_ path: String) -> String {
        path.replacingOccurrences(of: "\0", with: "\\0")
    }
}
