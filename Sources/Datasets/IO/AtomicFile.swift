import Foundation

/// Writes files so that a reader never sees half a file: the bytes go to a temporary file in the same
/// folder, which is then renamed over the destination (a rename within one folder is atomic).
enum AtomicFile {
    static func write(_ chunks: [UnsafeRawBufferPointer], to path: String, operation: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "the folder '\(folder)' does not exist" : String(cString: strerror(errno))
            throw DatasetError(operation, file: path, "cannot create the file: \(reason)")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: String?
        outer: for chunk in chunks {
            var done = 0
            while done < chunk.count {
                let count = Glibc.write(descriptor, chunk.baseAddress! + done, chunk.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    break outer
                }
                done += count
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil {
            // mkstemp makes the file readable by its owner only; give it the usual permissions.
            chmod(temporary, 0o644)
            if rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        }
        if let failure {
            unlink(temporary)
            throw DatasetError(operation, file: path, "writing failed: \(failure)")
        }
    }
}
