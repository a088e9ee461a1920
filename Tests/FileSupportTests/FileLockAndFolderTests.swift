import FileSupport
import Foundation
import Testing

@Suite struct FileLockAndFolderTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-lock-\(UUID().uuidString)").path

    @Test func aSecondHolderWaitsUntilTheFirstUnlocks() throws {
        try Folders.make(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/index.lock"
        let first = try FileLock(path: path)
        // flock locks belong to the open file, so a second open in the same process is refused too.
        #expect(throws: FileLock.Failure.timedOut(path: path, seconds: 0.05)) { try FileLock(path: path, timeout: 0.05) }
        first.unlock()
        #expect(!first.isHeld)
        let second = try FileLock(path: path, timeout: 0)
        #expect(second.isHeld)
    }

    @Test func aLockGoesWithItsObject() throws {
        try Folders.make(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/index.lock"
        do { _ = try FileLock(path: path) }
        _ = try FileLock(path: path, timeout: 0)
    }

    @Test func aWaitCanBeStopped() throws {
        try Folders.make(folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        struct Stop: Error {}
        let held = try FileLock(path: folder + "/l")
        #expect(throws: Stop.self) { try FileLock(path: folder + "/l", shouldStop: { throw Stop() }) }
        held.unlock()
    }

    @Test func foldersAreMadeWithTheirParentsAndListedSorted() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Folders.make(folder + "/a/b/")
        try Folders.make(folder + "/a/b")
        #expect(Folders.kind(of: folder + "/a/b") == .directory)
        try AtomicFileWrite.text("x", to: folder + "/a/Z")
        try AtomicFileWrite.text("x", to: folder + "/a/c")
        #expect(try Folders.list(folder + "/a") == ["Z", "b", "c"])
        #expect(Folders.kind(of: folder + "/a/c") == .file)
        #expect(Folders.kind(of: folder + "/missing") == nil)
        #expect(throws: FolderError(action: "make folder", path: folder + "/a/c", code: ENOTDIR)) { try Folders.make(folder + "/a/c/d") }
        #expect(throws: FolderError(action: "list", path: folder + "/missing", code: ENOENT)) { try Folders.list(folder + "/missing") }
        #expect(throws: FolderError.self) { try Folders.make("") }
    }
}

private enum AtomicFileWrite {
    static func text(_ text: String, to path: String) throws { try AtomicFile.write(Array(text.utf8), to: path, syncToDisk: false) }
}
