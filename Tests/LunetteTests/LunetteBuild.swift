import Foundation

/// The package and the `lunette` executable under test.
///
/// `swift test` builds every product into the configuration folder that holds the test bundle
/// (.build/<triple>/debug or .../release), so the executable is looked for beside the running test
/// binary first, then in .build/debug and .build/release. LUNETTE_EXECUTABLE overrides both.
enum LunetteBuild {
    /// The folder holding Package.swift (this file is Tests/LunetteTests/LunetteBuild.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let executable: URL = {
        let files = FileManager.default
        if let given = ProcessInfo.processInfo.environment["LUNETTE_EXECUTABLE"] { return URL(fileURLWithPath: given) }
        var candidates: [URL] = []
        if let testBinary = try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("lunette"))
        }
        candidates += ["debug", "release"].map { packageRoot.appendingPathComponent(".build/\($0)/lunette") }
        return candidates.first { files.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 2]
    }()

    /// A new empty folder, for a test's HOME or output files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
