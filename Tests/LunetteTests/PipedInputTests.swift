import Foundation
import Testing

/// `lunette` with standard input from a pipe runs that input as one script, like `lua -`.
@Suite struct PipedInputTests {
    private func run(input: String) throws -> Executable.Result {
        try Executable.run([], input: input, environment: ["HOME": ReplTests.newHome().path])
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
        #expect(result.error == "")
    }

    @Test func aFailingPipedScriptReportsTheLineAndExitsWithOne() throws {
        let result = try run(input: "print('before')\nerror('stop here')\nprint('after')\n")
        #expect(result.status == 1)
        #expect(result.output == "before\n")
        #expect(result.error.hasPrefix("stdin:2: stop here\n"), "stderr: \(result.error)")
    }
}
