import Foundation
import Testing

/// Every `Tests/lua/test_*.lua` file, run by the built executable; each must exit with status 0.
enum LuaTestFiles {
    static let folder = Executable.packageRoot.appendingPathComponent("Tests/lua")

    static var all: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("test_") && $0.hasSuffix(".lua") }.sorted()
    }
}

@Suite struct LuaTests {
    @Test(arguments: LuaTestFiles.all)
    func luaTestFile(_ name: String) throws {
        let result = try Executable.run(["run", "Tests/lua/\(name)"])
        #expect(result.status == 0, "\(name) failed:\n\(result.output)\(result.error)")
    }
}
