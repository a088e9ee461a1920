import FileSupport
import Foundation

/// Writes a saved model atomically and flushed to disk, so an interrupted save leaves the old file (or
/// none), never half a file; a failure is an `.io` error of the operation `op`.
func writeAtomically(_ data: Data, to path: String, op: String) throws {
    do {
        try AtomicFile.write(data, to: path, syncToDisk: true)
    } catch {
        throw NNError(op, .io, error.description)
    }
}
