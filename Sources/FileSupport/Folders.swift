import Foundation

/// Folders for programs that keep their state in files (the tuner's project folder): making them
/// with their parents, listing them, and asking whether a path exists.
public enum Folders {
    /// Makes `path` and the folders above it that are missing; an existing folder is fine.
    public static func make(_ path: String) throws(FolderError) {
        guard FilePath.problem(with: path) == nil else { throw FolderError(action: "make folder", path: path, code: EINVAL) }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o777) != 0 {
                let code = errno
                var status = stat()
                guard code == EEXIST, stat(prefix, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                    throw FolderError(action: "make folder", path: prefix, code: code == EEXIST ? ENOTDIR : code)
                }
            }
            prefix += "/"
        }
    }

    /// The names in folder `path` (without `.` and `..`), sorted by their bytes so that the order
    /// is the same on every machine.
    public static func list(_ path: String) throws(FolderError) -> [String] {
        guard FilePath.problem(with: path) == nil else { throw FolderError(action: "list", path: path, code: EINVAL) }
        guard let folder = opendir(path) else { throw FolderError(action: "list", path: path, code: errno) }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// What `path` names: a file, a folder, something else, or nothing.
    public enum Kind: String { case file, directory, other }

    public static func kind(of path: String) -> Kind? {
        guard FilePath.problem(with: path) == nil else { return nil }
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}

/// Why a folder could not be made or listed: `cannot list 'runs/x': No such file or directory`.
public struct FolderError: Error, Equatable, CustomStringConvertible {
    public let action: String
    public let path: String
    public let code: Int32

    public init(action: String, path: String, code: Int32) {
        self.action = action
        self.path = path
        self.code = code
    }

    public var description: String {
        "cannot \(action) '\(FilePath.printable(path))': \(FilePath.problem(with: path) ?? String(cString: strerror(code)))"
    }
}
