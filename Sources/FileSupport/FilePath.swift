/// Splitting a path into its folder and file name without Foundation's URL rules (which drop a
/// trailing slash and so would turn `out/` into a file named `out`).
enum FilePath {
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        return (folder, String(path[path.index(after: slash)...]))
    }
}
