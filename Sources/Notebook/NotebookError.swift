import Foundation

/// Errors of the report machinery; each message names the operation and the file.
public enum NotebookError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(path: String, reason: String)
    case notPNG(what: String)
    case cannotCapture(reason: String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason): return "cannot create the report folder '\(path)': \(reason)"
        case .notPNG(let what): return "\(what) is not a PNG image"
        case .cannotCapture(let reason): return "cannot capture the standard output for the report: \(reason)"
        }
    }
}

/// The operating system's words for a failed file operation ("Not a directory"), found under
/// Foundation's wrapping when there is one.
func systemReason(_ error: Error) -> String {
    var current = error as NSError
    while current.domain != NSPOSIXErrorDomain, let underlying = current.userInfo[NSUnderlyingErrorKey] as? Error {
        current = underlying as NSError
    }
    if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
    return (error as NSError).localizedDescription
}
