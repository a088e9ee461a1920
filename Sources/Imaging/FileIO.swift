#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with error messages that name the file and the reason.
enum FileIO {
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func readAll(_ path: String, operation: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImagingError("\(operation): cannot open '\(path)': \(reason(errno))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ImagingError("\(operation): cannot read '\(path)': \(reason(errno))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ImagingError("\(operation): '\(path)' is not a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImagingError("\(operation): cannot read '\(path)': \(reason(errno))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes to a temporary file in the same folder, then renames it over `path`, so that readers
    /// see either the old file or the complete new one, never a partial write.
    static func writeAtomically(_ bytes: [UInt8], to path: String, operation: String) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else {
            throw ImagingError("\(operation): '\(path)' names a folder, not a file")
        }
        var template = Array("\(folder).\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ImagingError("\(operation): cannot write '\(path)': \(reason(errno))")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: String? = nil
        // mkstemp creates the file readable by its owner only; give it the usual permissions.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        var written = 0
        while written < bytes.count, failure == nil {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno != EINTR { failure = reason(errno) }
            } else {
                written += count
            }
        }
        if close(descriptor) != 0, failure == nil { failure = reason(errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = reason(errno) }
        if let failure {
            unlink(temporary)
            throw ImagingError("\(operation): cannot write '\(path)': \(failure)")
        }
    }
}
