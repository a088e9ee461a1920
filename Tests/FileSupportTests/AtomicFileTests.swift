import FileSupport
import Foundation
import Testing

@Suite struct AtomicFileTests {
    /// A fresh folder per test, removed at the end.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-atomic-\(UUID().uuidString)").path

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    func permissions(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test(arguments: [false, true])
    func replacesTheFileAndLeavesNoTemporaryFile(syncToDisk: Bool) throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/index.html"
        try AtomicFile.write(Array("first".utf8), to: target, syncToDisk: syncToDisk)
        try AtomicFile.write(Data("second".utf8), to: target, syncToDisk: syncToDisk)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data("second".utf8))
        #expect(try contents() == ["index.html"])
    }

    @Test func writesEmptyAndLargeFilesWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write([UInt8](), to: folder + "/empty", syncToDisk: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/empty")).isEmpty)
        // Larger than a pipe or socket buffer, so that short writes would show.
        let large = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        try AtomicFile.write(large, to: folder + "/large", syncToDisk: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/large")) == Data(large))
    }

    @Test func newFileHasTheUsualPermissionsUnlessAskedOtherwise() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mask = umask(0o022)
        defer { umask(mask) }
        try AtomicFile.write(Array("x".utf8), to: folder + "/public", syncToDisk: false)
        #expect(try permissions(folder + "/public") == 0o644, "readable by others like any new file")
        try AtomicFile.write(Array("x".utf8), to: folder + "/private", permissions: 0o600, syncToDisk: false)
        #expect(try permissions(folder + "/private") == 0o600)
    }

    @Test func failedRenameKeepsWhatWasThereAndSaysWhy() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/taken/inside", withIntermediateDirectories: true)
        // A non-empty folder cannot be replaced by a file: the rename fails after the bytes were written.
        let error = #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Array("page".utf8), to: folder + "/taken", syncToDisk: false)
        }
        #expect(error == FileWriteError(path: folder + "/taken", cause: .system(EISDIR)))
        #expect(error?.description == "cannot write '\(folder)/taken': Is a directory")
        #expect(try contents() == ["taken"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/taken") == ["inside"])
    }

    @Test func missingFolderIsNamed() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/missing/page.html"
        let error = #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Array("page".utf8), to: path, syncToDisk: true)
        }
        #expect(error == FileWriteError(path: path, cause: .missingFolder))
        #expect(error?.systemReason == "No such file or directory")
        #expect(error?.description == "cannot write '\(path)': the folder '\(folder)/missing' does not exist (No such file or directory)")
        #expect(try contents().isEmpty)
    }

    @Test func pathsThatNameNoFileAreRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Array("x".utf8), to: folder + "/out/", syncToDisk: false)
        }
        #expect(error?.description == "cannot write '\(folder)/out/': the path names a folder, not a file")
        let empty = #expect(throws: FileWriteError.self) { try AtomicFile.write(Array("x".utf8), to: "", syncToDisk: false) }
        #expect(empty?.explanation == "the file name is empty")
        #expect(try contents().isEmpty)
    }

    @Test func bareFileNameGoesToTheWorkingFolder() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let previous = FileManager.default.currentDirectoryPath
        #expect(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try AtomicFile.write(Array("here".utf8), to: "bare.txt", syncToDisk: false)
        #expect(try contents() == ["bare.txt"])
    }
}
