import Foundation
import Testing

/// Runs a fuzzer script (Tests/fuzz) in child `lunette` processes until all its cases ran. The script
/// prints `begin K ...` before case K and `ok K` or `error K ...` after it; a child that dies by a signal
/// or stops printing for `hangAfter` seconds is recorded against the case it began, and a new child goes
/// on from the next case. Cases: `LUNETTE_FUZZ_CASES` (per format for the file fuzzer, in all for the API
/// fuzzer), seed `LUNETTE_FUZZ_SEED`.
struct Fuzzer {
    struct Outcome: CustomStringConvertible {
        var cases = 0, successes = 0, luaErrors = 0
        /// Cases still running after `stallAfter` seconds that Ctrl-C (SIGINT) then ended with a Lua error.
        var interrupted = 0
        var signals: [String] = [], hangs: [String] = []
        var description: String {
            "\(cases) cases: \(successes) successes, \(luaErrors) Lua errors (\(interrupted) of them long cases stopped by Ctrl-C), "
                + "\(signals.count) signals, \(hangs.count) hangs"
        }
    }

    let script: String
    let seed: Int
    let cases: Int
    let lastCase: Int
    /// A case silent this long gets SIGINT, as a person would press Ctrl-C; one still silent
    /// `hangAfter` seconds later is a hang.
    var stallAfter: TimeInterval = 20
    var hangAfter: TimeInterval = 20
    /// Children may not take more memory than this for a tensor (`LUNETTE_MEMORY_LIMIT`): sizes that
    /// pass the machine's memory would otherwise crowd out everything else running.
    static let memoryLimit = 2 << 30

    static var seed: Int { Int(ProcessInfo.processInfo.environment["LUNETTE_FUZZ_SEED"] ?? "") ?? 14 }
    static func cases(default value: Int) -> Int {
        Int(ProcessInfo.processInfo.environment["LUNETTE_FUZZ_CASES"] ?? "") ?? value
    }

    func run() throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var outcome = Outcome()
        var next = 1
        while next <= lastCase {
            let (lines, ending, interruptions) = try runChild(from: next, in: folder)
            outcome.interrupted += interruptions
            var begun: (number: Int, text: String)?
            for line in lines {
                let words = line.split(separator: " ", maxSplits: 2).map(String.init)
                guard words.count >= 2, let number = Int(words[1]) else { continue }
                switch words[0] {
                case "begin": begun = (number, line)
                case "ok": outcome.successes += 1; outcome.cases += 1; begun = nil; next = number + 1
                case "error": outcome.luaErrors += 1; outcome.cases += 1; begun = nil; next = number + 1
                default: break
                }
            }
            switch ending {
            case .finished(let status):
                if let begun {
                    outcome.cases += 1
                    outcome.signals.append("\(begun.text) (exit status \(status) during the case)")
                    next = begun.number + 1
                } else if next <= lastCase {
                    throw FuzzerFailure(description: "\(script) exited with status \(status) before case \(next): \(lines.suffix(3))")
                }
            case .signal(let signal):
                outcome.cases += 1
                outcome.signals.append("\(begun?.text ?? "before case \(next)") (signal \(signal))")
                next = (begun?.number ?? next) + 1
            case .hung:
                outcome.cases += 1
                outcome.hangs.append("\(begun?.text ?? "before case \(next)") (no progress for \(Int(stallAfter)) s, nor \(Int(hangAfter)) s after SIGINT)")
                next = (begun?.number ?? next) + 1
            }
        }
        return outcome
    }

    struct FuzzerFailure: Error, CustomStringConvertible { let description: String }

    enum Ending { case finished(Int32), signal(Int32), hung }

    /// One child from case `first` on: its output lines, how it ended, and how many cases SIGINT ended.
    private func runChild(from first: Int, in folder: URL) throws -> ([String], Ending, Int) {
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["run", Executable.packageRoot.appendingPathComponent("Tests/fuzz/\(script)").path,
                             String(seed), String(cases), String(first)]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["LUNETTE_ROOT": Executable.packageRoot.path, "LUNETTE_MEMORY_LIMIT": String(Fuzzer.memoryLimit)]) { $1 }
        let output = folder.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var lastSize = 0, lastProgress = Date()
        var hung = false, interruptSent = false, interruptions = 0
        while process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
            if size != lastSize {
                lastSize = size
                lastProgress = Date()
                if interruptSent {
                    interruptions += 1
                    interruptSent = false
                }
            } else if !interruptSent, Date().timeIntervalSince(lastProgress) > stallAfter {
                interruptSent = true
                lastProgress = Date()
                kill(process.processIdentifier, SIGINT)
            } else if interruptSent, Date().timeIntervalSince(lastProgress) > hangAfter {
                hung = true
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        process.waitUntilExit()
        try handle.close()
        let lines = String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\n").map(String.init)
        if hung { return (lines, .hung, interruptions) }
        if process.terminationReason == .uncaughtSignal { return (lines, .signal(process.terminationStatus), interruptions) }
        return (lines, .finished(process.terminationStatus), interruptions)
    }
}

/// The fuzzers of the test suite: every case must end in success or a Lua error, never a signal or a hang.
@Suite(.serialized) struct FuzzTests {
    /// Formats in Tests/fuzz/file_formats.lua.
    static let formatCount = 15

    @Test func mutatedFilesGiveLuaErrorsNotCrashes() throws {
        let perFormat = Fuzzer.cases(default: 300)
        let outcome = try Fuzzer(script: "file_formats.lua", seed: Fuzzer.seed, cases: perFormat,
                                 lastCase: perFormat * FuzzTests.formatCount).run()
        print("file fuzzer (seed \(Fuzzer.seed), \(perFormat) per format): \(outcome)")
        #expect(outcome.cases == perFormat * FuzzTests.formatCount)
        #expect(outcome.signals.isEmpty, "\(outcome.signals.joined(separator: "\n"))")
        #expect(outcome.hangs.isEmpty, "\(outcome.hangs.joined(separator: "\n"))")
        #expect(outcome.luaErrors > outcome.cases / 4, "the mutations should break most files: \(outcome)")
    }

    @Test func randomCallsGiveLuaErrorsNotCrashes() throws {
        let cases = Fuzzer.cases(default: 20_000)
        let outcome = try Fuzzer(script: "api_calls.lua", seed: Fuzzer.seed, cases: cases, lastCase: cases).run()
        print("API fuzzer (seed \(Fuzzer.seed)): \(outcome)")
        #expect(outcome.cases == cases)
        #expect(outcome.signals.isEmpty, "\(outcome.signals.joined(separator: "\n"))")
        #expect(outcome.hangs.isEmpty, "\(outcome.hangs.joined(separator: "\n"))")
        #expect(outcome.successes > 0 && outcome.luaErrors > 0, "\(outcome)")
    }
}
