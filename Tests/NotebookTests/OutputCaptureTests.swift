import Foundation
import Synchronization
import Testing
import TestSupport
import Notebook

/// Points descriptor 1 at `descriptor` while `body` runs (in this test's turn), then restores it.
func withStandardOutput<Result>(_ descriptor: Int32, _ body: () throws -> Result) rethrows -> Result {
    try withStandardOutputTurn { try redirectingStandardOutput(descriptor, body) }
}

private func redirectingStandardOutput<Result>(_ descriptor: Int32, _ body: () throws -> Result) rethrows -> Result {
    fflush(nil)
    let saved = dup(STDOUT_FILENO)
    dup2(descriptor, STDOUT_FILENO)
    defer {
        fflush(nil)
        dup2(saved, STDOUT_FILENO)
        close(saved)
    }
    return try body()
}

/// What a capture delivered, text and events in one sequence (`<n>` marks event n).
private final class Delivered: Sendable {
    let stream = Mutex("")
    func text(_ bytes: UnsafeRawBufferPointer) { stream.withLock { $0 += String(decoding: bytes, as: UTF8.self) } }
    func event(_ number: Int) { stream.withLock { $0 += "<\(number)>" } }
}

// Captures replace the process's descriptor 1, so these tests take turns.
@Suite(.serialized) struct OutputCaptureTests {
    @Test func catchesSwiftCAndChildOutputInOrderAndTeesItToTheOriginal() throws {
        let teeURL = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-tee-\(UUID().uuidString)")
        let teeFile = open(teeURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(teeFile >= 0)
        defer { close(teeFile); unlink(teeURL.path) }
        let delivered = Delivered()
        try withStandardOutput(teeFile) {
            let capture = try OutputCapture<Int>(onText: delivered.text, onEvent: delivered.event)
            print("swift print")
            capture.send(1)
            FileHandle.standardOutput.write(Data("file handle\n".utf8))
            print("no newline yet", terminator: "")
            capture.send(2, terminalNote: "[note]\n")
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/echo")
            child.arguments = ["child process"]
            try child.run()
            child.waitUntilExit()
            print("last")
            capture.stop()
        }
        #expect(delivered.stream.withLock { $0 } == "swift print\n<1>file handle\nno newline yet<2>child process\nlast\n")
        let teed = String(decoding: try Data(contentsOf: teeURL), as: UTF8.self)
        #expect(teed == "swift print\nfile handle\nno newline yet[note]\nchild process\nlast\n")
    }

    @Test func manyEventsBetweenLargeWritesStayInOrder() throws {
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let delivered = Delivered()
        var expected = ""
        try withStandardOutput(devNull) {
            let capture = try OutputCapture<Int>(onText: delivered.text, onEvent: delivered.event)
            for number in 0..<300 {
                // Sizes that make the reader's reads end at varied places, markers included.
                let text = String(repeating: "x", count: (number * 997) % 5000) + "\n"
                FileHandle.standardOutput.write(Data(text.utf8))
                capture.send(number)
                expected += text + "<\(number)>"
            }
            capture.stop()
        }
        #expect(delivered.stream.withLock { $0 } == expected)
    }

    /// While capturing, descriptor 1 is a pipe, but `StandardOutput` looks at the original output
    /// (where `isTerminal` and `columns` are asked).
    @Test func standardOutputAnswersForTheOriginalDestination() throws {
        let fileURL = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-original-\(UUID().uuidString)")
        let file = open(fileURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(file >= 0)
        defer { close(file); unlink(fileURL.path) }
        func identity(_ descriptor: Int32) -> [UInt] {
            var status = stat()
            fstat(descriptor, &status)
            return [UInt(status.st_dev), UInt(status.st_ino)]
        }
        let delivered = Delivered()
        try withStandardOutput(file) {
            let capture = try OutputCapture<Int>(onText: delivered.text, onEvent: delivered.event)
            let original = StandardOutput.descriptor
            #expect(original != STDOUT_FILENO)
            #expect(identity(original) == identity(file))
            #expect(identity(STDOUT_FILENO) != identity(file))
            #expect(!StandardOutput.isTerminal && StandardOutput.columns == nil)
            capture.stop()
            #expect(StandardOutput.descriptor == STDOUT_FILENO)
            #expect(identity(STDOUT_FILENO) == identity(file))
        }
    }
}
