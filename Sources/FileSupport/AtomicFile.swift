import Foundation

/// Writes files so that a reader never sees half a file: the bytes go to a temporary file in the same
/// folder, which is then renamed over the destination (a rename within one folder is atomic). An
/// interrupted or failed write leaves the old file (or none) and no temporary file.
public enum AtomicFile {
    /// Writes `bytes` (an array, `Data`, a buffer) to `path`.
    ///
    /// - Parameters:
    ///   - permissions: the new file's mode before the umask, as for any file a program creates.
    ///   - syncToDisk: flush the bytes to the disk before the rename, so that the file survives a power
    ///     loss too (worth it for saved models and data; not for pages rewritten at every step).
    public static func write(_ bytes: some ContiguousBytes, to path: String,
                             permissions: mode_t = 0o666, syncToDisk: Bool) throws(FileWriteError) {
        let (folder, name) = FilePath.split(path)
        guard !name.isEmpty else { throw FileWriteError(path: path, cause: .notAFileName) }
        let (descriptor, temporary) = try createTemporaryFile(in: folder, for: name, path: path, permissions: permissions)
        var failure: Int32 = 0
        if !bytes.withUnsafeBytes({ writeAll($0, to: descriptor) }) { failure = errno }
        if failure == 0 && syncToDisk && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) == 0 { return }
        if failure == 0 { failure = errno }
        unlink(temporary)
        throw FileWriteError(path: path, cause: .system(failure))
    }

    /// A new hidden file beside the target, with a random name that no other writer holds (O_EXCL).
    private static func createTemporaryFile(in folder: String, for name: String, path: String,
                                            permissions: mode_t) throws(FileWriteError) -> (Int32, String) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let suffix = String(generator.next() as UInt64, radix: 36)
            let temporary = "\(folder)/.\(name).\(suffix).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if descriptor >= 0 { return (descriptor, temporary) }
            switch errno {
            case EEXIST, EINTR: continue
            case ENOENT: throw FileWriteError(path: path, cause: .missingFolder)
            case let code: throw FileWriteError(path: path, cause: .system(code))
            }
        }
        // A hundred random names all taken: something keeps creating them; give up rather than spin.
        throw FileWriteError(path: path, cause: .system(EEXIST))
    }
}
