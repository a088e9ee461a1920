#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes `data` to `path` atomically: into a temporary file in the same folder, flushed to disk, then
/// renamed over the target, so an interrupted save leaves the old file (or none), never half a file.
func writeAtomically(_ data: Data, to path: String, op: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw NNError(op, .io, "cannot write \(path): the folder \(folder) does not exist")
    }
    let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw NNError(op, .io, "cannot write \(path): \(String(cString: strerror(errno)))") }
    var failure: String?
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { failure = String(cString: strerror(errno)); return }
            offset += n
        }
    }
    if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    close(fd)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
        unlink(temporary)
        throw NNError(op, .io, "cannot write \(path): \(failure)")
    }
}
