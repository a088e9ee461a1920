import FileSupport

/// Writes a data file atomically and flushed to disk (a saved data set should survive a crash right
/// after); a failure names the operation and the file.
func writeDataFile(_ bytes: [UInt8], to path: String, operation: String) throws {
    if let problem = FilePath.problem(with: path) { throw DatasetError(operation, problem) }
    do {
        try AtomicFile.write(bytes, to: path, syncToDisk: true)
    } catch {
        throw DatasetError(operation, file: path, "cannot write the file: \(error.explanation)")
    }
}
