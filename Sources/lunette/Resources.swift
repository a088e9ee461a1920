import Foundation

/// Where Lunette's Lua library (`lib/`) and embedded default data (`data/`) are: next to the
/// executable in a checkout (the folder holding Package.swift, found by walking up from the
/// executable), or `share/lunette` beside `bin/` in an installation. `LUNETTE_LIB` overrides the library
/// (an empty value counts as unset).
struct Resources {
    /// The modules of `lib/` (its top folders): they load from there and nowhere else.
    static let libraryModules = ["lunette", "ml", "tuner"]

    let library: String?
    let data: String?

    static func locate() -> Resources {
        let environment = ProcessInfo.processInfo.environment
        let root = projectRoot()
        let override = environment["LUNETTE_LIB"].flatMap { $0.isEmpty ? nil : $0 }
        let library = override ?? root.map { "\($0)/lib" }
        return Resources(library: library, data: root.map { "\($0)/data" })
    }

    private static func projectRoot() -> String? {
        let files = FileManager.default
        let executable = (try? files.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<6 {
            if files.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               files.fileExists(atPath: folder.appendingPathComponent("lib").path) {
                return folder.path
            }
            let installed = folder.appendingPathComponent("share/lunette")
            if files.fileExists(atPath: installed.appendingPathComponent("lib").path) { return installed.path }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
