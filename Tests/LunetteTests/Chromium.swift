import Foundation

/// Headless Chromium, for looking at reports as a reader's browser shows them. `scripts/setup --test`
/// installs Debian's `chromium`; tests that need it are skipped, saying why, where it is missing.
enum Chromium {
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    static let missing = "chromium is not installed (scripts/setup --test installs it): the report was not checked in a browser"

    /// Runs Chromium headless on a local page with extra arguments; returns its standard output.
    static func run(_ arguments: [String], page: URL) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "chromium")
        // --no-sandbox: the sandbox cannot start as root (in containers and CI).
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=5000"] + arguments + [page.absoluteString]
        let outputURL = profile.appendingPathExtension("out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    }
}
