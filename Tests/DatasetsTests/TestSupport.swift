import Foundation
import Testing
@testable import Datasets

/// A fresh temporary folder for one test, removed when the value is dropped.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes `bytes` gzip-compressed with the system's gzip tool's format (made here by zlib's gz writer).
    @discardableResult
    func writeGzip(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name).path
        try GzipTestWriter.write(bytes, to: path)
        return path
    }
}

/// The package root (the folder holding Package.swift), found from this file's location.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Fixtures made once by Tests/DatasetsFixtures/make_fixtures.py (NumPy) and committed.
let fixtures = packageRoot.appendingPathComponent("Tests/DatasetsFixtures")

/// The shared full data sets, or nil (tests that need them are then skipped with a message).
let sharedData: URL? = {
    if let value = ProcessInfo.processInfo.environment["LUNETTE_DATA"], !value.isEmpty {
        let url = URL(fileURLWithPath: value)
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("mnist").path) { return url }
    }
    let sibling = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: sibling.appendingPathComponent("mnist").path) ? sibling : nil
}()

let sharedDataMissing = "the full data sets are not here: set LUNETTE_DATA to a folder laid out like shared/data"

/// The embedded default data shipped in the repository.
let embeddedData = packageRoot.appendingPathComponent("data")

/// Runs `body` and returns the DatasetError it throws (failing the test if it throws none or another kind).
func expectDatasetError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> DatasetError? {
    do {
        try body()
        Issue.record("expected a DatasetError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DatasetError {
        return error
    } catch {
        Issue.record("expected a DatasetError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Big-endian bytes of an integer, for hand-made IDX files.
func bigEndianBytes(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
}
