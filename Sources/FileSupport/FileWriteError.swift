import Foundation

/// Why a file could not be written. The message names the file and says what was wrong; libraries
/// put their operation's name in front of it.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Cause: Equatable, Sendable {
        /// The path ends in `/`, or names `.` or `..`.
        case notAFileName
        /// The path cannot be given to the system (empty, or holding a NUL byte); the value says why.
        case invalidPath(String)
        /// The folder that should hold the file does not exist.
        case missingFolder
        /// The system refused a step; the value is its `errno`.
        case system(Int32)
    }

    public let path: String
    public let cause: Cause

    public init(path: String, cause: Cause) {
        self.path = path
        self.cause = cause
    }

    /// The folder the file was to be written into ("." for a bare file name).
    public var folder: String { FilePath.split(path).folder }

    /// The operating system's words for the failure ("No such file or directory", "Is a directory").
    public var systemReason: String {
        switch cause {
        case .notAFileName: return String(cString: strerror(EISDIR))
        case .invalidPath: return String(cString: strerror(EINVAL))
        case .missingFolder: return String(cString: strerror(ENOENT))
        case .system(let code): return String(cString: strerror(code))
        }
    }

    /// What went wrong, in words a student understands.
    public var explanation: String {
        switch cause {
        case .notAFileName: return "the path names a folder, not a file"
        case .invalidPath(let problem): return problem
        case .missingFolder: return "the folder '\(folder)' does not exist (\(systemReason))"
        case .system: return systemReason
        }
    }

    public var description: String { "cannot write '\(FilePath.printable(path))': \(explanation)" }
}
