import FileSupport
import Foundation

/// Where in a file a problem was found, so a student can open the file and look.
public enum FileLocation: Sendable, Equatable, CustomStringConvertible {
    case line(Int)
    /// Offset in the (decompressed) byte stream, counted from 0.
    case byte(Int)
    /// A member of an archive (an .npz entry).
    case entry(String)

    public var description: String {
        switch self {
        case .line(let number): return "line \(number)"
        case .byte(let offset): return "byte \(offset)"
        case .entry(let name): return "entry '\(name)'"
        }
    }
}

/// The one error type of the Datasets library. Its message names the operation, the file and the
/// place in it, and says what was wrong in words a student understands.
public struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public let operation: String
    public let file: String?
    public let location: FileLocation?
    public let reason: String

    public init(_ operation: String, file: String? = nil, at location: FileLocation? = nil, _ reason: String) {
        self.operation = operation
        self.file = file
        self.location = location
        self.reason = reason
    }

    public var description: String {
        var text = operation + ": "
        if let file {
            text += FilePath.printable(file)
            if let location { text += " at \(location)" }
            text += ": "
        }
        return text + reason
    }

    public var errorDescription: String? { description }
}
