import Foundation
@testable import Imaging

/// Paths of the committed PNG fixtures (made by Tests/Fixtures/Imaging/make_fixtures.py) and a
/// scratch folder for files the tests write.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/Imaging").path

    static func path(_ name: String) -> String { "\(folder)/\(name).png" }

    /// The project's real data sets (shared/data beside the repository), or nil where absent.
    static let sharedData: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    struct Expected: Decodable {
        let channels: Int
        let depth: Int
        let samples: [Int]
    }

    static let expected: [String: Expected] = {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: "\(folder)/expected.json"))) ?? Data()
        return (try? JSONDecoder().decode([String: Expected].self, from: data)) ?? [:]
    }()

    /// A fresh empty folder under the system temporary folder.
    static func scratchFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "lunette-imaging-tests-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
