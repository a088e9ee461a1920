import Foundation

/// Writes a file so a reader never sees it half written: the bytes go to a temporary file in the same
/// folder, which is then renamed over the target (a rename within one file system is atomic). There is
/// no fsync: this guards against a crashing or killed program, which is what reports meet, and pages
/// are rewritten at every cell boundary.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw NotebookError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { StandardOutput.writeAll($0, to: descriptor) }
        var failure = written ? 0 : errno
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, url.path) == 0 { return }
        if failure == 0 { failure = errno }
        unlink(temporary)
        throw NotebookError.cannotWrite(path: url.path, reason: String(cString: strerror(failure)))
    }
}
