import CZlib
import Foundation

/// Writes gzip files for tests with zlib's own gz writer (independent of the library's reader).
enum GzipTestWriter {
    struct Failure: Error { let message: String }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard let file = gzopen(path, "wb9") else { throw Failure(message: "gzopen failed for \(path)") }
        let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        gzclose(file)
        guard written == Int32(bytes.count) else { throw Failure(message: "gzwrite wrote \(written) of \(bytes.count)") }
    }
}
