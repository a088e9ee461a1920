import Foundation
import Testing

/// `lunette` with standard input from a pipe runs that input as one script, like `lua -`.
@Suite struct PipedInputTests {
    private func run(input: String) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = LunetteBuild.executable
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": try LunetteBuild.temporaryFolder().path]) { $1 }
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test func aPipedScriptRunsWithoutBannerOrPrompts() throws {
        // locals and multi-line constructs span lines: the input is one chunk, not line by line
        let result = try run(input: """
            local total = 0
            for i = 1, 4 do
              total = total + i
            end
            print(total, lunette.version ~= nil)
            """)
        #expect(result.status == 0)
        #expect(result.output == "10\ttrue\n")
        #expect(result.errors == "")
    }

    @Test func aFailingPipedScriptReportsTheLineAndExitsWithOne() throws {
        let result = try run(input: "print('before')\nerror('stop here')\nprint('after')\n")
        #expect(result.status == 1)
        #expect(result.output == "before\n")
        #expect(result.errors.hasPrefix("stdin:2: stop here\n"), "stderr: \(result.errors)")
    }
}
