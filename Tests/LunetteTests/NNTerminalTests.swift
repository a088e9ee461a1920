import Foundation
import Testing

/// The nn module on a terminal: fit's progress bar is redrawn in place, and Ctrl-C stops training
/// with an error the script can catch.
@Suite struct NNTerminalTests {
    static func script(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-nn-\(UUID().uuidString).lua")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func fitRedrawsItsProgressBarOnATerminal() throws {
        let url = try Self.script("""
            local nn, tensor = require 'nn', require 'tensor'
            local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
            model:compile {optimizer = 'sgd', loss = 'mse'}
            local x = tensor.linspace(0, 1, 200):reshape {200, 1}
            model:fit(x, x, {epochs = 2, batch_size = 10})
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let terminal = try PseudoTerminal(Executable.url, arguments: ["run", url.path])
        #expect(terminal.waitForExit(timeout: 60) == 0, terminal.report)
        let raw = String(decoding: terminal.transcript, as: UTF8.self)
        // Keras' styled bar: each drawing returns to the line start, with the count in bold.
        #expect(raw.contains("\r\u{1B}[1m20/20\u{1B}[0m \u{1B}[32m━━━━━━━━━━━━━━━━━━━━\u{1B}[0m"), terminal.report)
        #expect(terminal.screen.text.contains("Epoch 2/2"), terminal.report)
        #expect(terminal.screen.textLines.filter { $0.hasPrefix("20/20 ━") && $0.contains("- loss: ") }.count == 2, terminal.report)
    }

    @Test func ctrlCStopsFitWithAnErrorTheScriptCatches() throws {
        let url = try Self.script("""
            local nn, tensor = require 'nn', require 'tensor'
            local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
            model:compile {optimizer = 'sgd', loss = 'mse'}
            local x = tensor.linspace(0, 1, 64):reshape {64, 1}
            print('training')
            local ok, message = pcall(model.fit, model, x, x, {epochs = 100000000, verbose = 0})
            print('caught: ' .. tostring(message))
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let terminal = try PseudoTerminal(Executable.url, arguments: ["run", url.path])
        #expect(terminal.waitFor("training", timeout: 60), terminal.report)
        Thread.sleep(forTimeInterval: 0.5)
        terminal.type("\u{3}")
        #expect(terminal.waitForExit(timeout: 60) == 0, terminal.report)
        #expect(terminal.screen.text.contains("caught: fit: training interrupted at epoch"), terminal.report)
    }
}
