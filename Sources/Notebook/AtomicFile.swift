import Foundation

/// Writes a file so a reader never sees it half written: the bytes go to a temporary file in the same
/// folder, which is then renamed over the target (a rename within one file system is atomic).
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw NotebookError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as NotebookError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw NotebookError.cannotWrite(path: url.path, reason: systemReason(error))
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
