import Foundation
import LuaHost
import Testing

@Suite struct HistoryFileTests {
    private func temporaryPath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("history").path
    }

    @Test func entriesSurviveIncludingMultiLineOnes() throws {
        let path = try temporaryPath()
        let history = HistoryFile(path: path)
        #expect(history.load() == [], "a missing file is an empty history")
        let entries = ["x = 1", "function f()\n  return '\\\\n'\nend", "print('a\\\\b')"]
        entries.forEach(history.append)
        #expect(HistoryFile(path: path).load() == entries)
        // one line per entry on disk
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600, "the history may hold secrets: readable by its owner only")
    }

    @Test func loadingKeepsTheNewestEntriesUpToTheLimit() throws {
        let path = try temporaryPath()
        let history = HistoryFile(path: path, limit: 10)
        for number in 1...25 { history.append("entry \(number)") }
        let kept = history.load()
        #expect(kept == (16...25).map { "entry \($0)" })
        // the file itself was cut, and no temporary file is left beside it
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 10)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["history"])
    }

    @Test func anUnusablePathIsQuietlyIgnored() {
        let history = HistoryFile(path: "/proc/no-such-folder/history")
        history.append("lost")
        #expect(history.load() == [])
    }
}
