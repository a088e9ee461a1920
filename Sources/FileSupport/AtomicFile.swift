import Foundation

/// Writes files so that a reader never sees half a file: the bytes go to a temporary file in the same
/// folder, which is then renamed over the destination (a rename within one folder is atomic). An
/// interrupted or failed write leaves the old file (or none); a temporary file that a killed process
/// left behind is removed by the next write to the same path.
public enum AtomicFile {
    /// Writes `bytes` (an array, `Data`, a buffer) to `path`.
    ///
    /// - Parameters:
    ///   - permissions: the new file's mode before the umask, as for any file a program creates.
    ///   - syncToDisk: flush the bytes to the disk before the rename, so that the file survives a power
    ///     loss too (worth it for saved models and data; not for pages rewritten at every step).
    public static func write(_ bytes: some ContiguousBytes, to path: String,
                             permissions: mode_t = 0o666, syncToDisk: Bool) throws(FileWriteError) {
        if let problem = FilePath.problem(with: path) { throw FileWriteError(path: path, cause: .invalidPath(problem)) }
        let (folder, name) = FilePath.split(path)
        guard !name.isEmpty, name != ".", name != ".." else { throw FileWriteError(path: path, cause: .notAFileName) }
        removeLeftovers(in: folder, for: name)
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
            let temporary = "\(folder)/\(temporaryPrefix(for: name))\(suffix).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
            if descriptor >= 0 {
                // Held until the descriptor closes (or the process dies): tells a live write from a leftover.
                flock(descriptor, LOCK_EX)
                return (descriptor, temporary)
            }
            switch errno {
            case EEXIST, EINTR: continue
            case ENOENT: throw FileWriteError(path: path, cause: .missingFolder)
            case let code: throw FileWriteError(path: path, cause: .system(code))
            }
        }
        // A hundred random names all taken: something keeps creating them; give up rather than spin.
        throw FileWriteError(path: path, cause: .system(EEXIST))
    }

    private static func temporaryPrefix(for name: String) -> String { ".\(name)." }

    /// Removes temporary files of `name` that no writer holds: those of a process killed mid-write.
    /// A file is only taken when it is not locked and a few seconds old (a writer locks its file
    /// right after creating it). Failures are ignored: cleaning up must never stop a save.
    private static func removeLeftovers(in folder: String, for name: String) {
        guard let names = try? Folders.list(folder) else { return }
        let prefix = temporaryPrefix(for: name)
        for candidate in names where isTemporaryName(candidate, prefix: prefix) {
            let path = "\(folder)/\(candidate)"
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                  time(nil) - status.st_mtim.tv_sec > 5, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(path)
        }
    }

    /// `.NAME.SUFFIX.tmp`, SUFFIX a random UInt64 in base 36: only names this type makes.
    private static func isTemporaryName(_ candidate: String, prefix: String) -> Bool {
        guard candidate.hasPrefix(prefix), candidate.hasSuffix(".tmp") else { return false }
        let suffix = candidate.dropFirst(prefix.count).dropLast(4)
        return (1...13).contains(suffix.count) && suffix.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) }
    }
}
