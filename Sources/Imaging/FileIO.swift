#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileSupport

/// Whole-file reads and atomic writes with error messages that name the file and the reason.
enum FileIO {
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func readAll(_ path: String, operation: String) throws -> [UInt8] {
        if let problem = FilePath.problem(with: path) { throw ImagingError("\(operation): \(problem)") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImagingError("\(operation): cannot open '\(path)': \(reason(errno))")
        }
        FileReads.note(path)
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

    /// Writes atomically (see `AtomicFile`): readers see either the old file or the complete new one.
    /// No fsync: a picture is cheap to make again, and a disk flush per picture would slow scripts
    /// that save many.
    static func writeAtomically(_ bytes: [UInt8], to path: String, operation: String) throws {
        do {
            try AtomicFile.write(bytes, to: path, syncToDisk: false)
        } catch {
            throw ImagingError("\(operation): \(error)")
        }
    }
}
