import CEdit
import Foundation
import LuaShim

/// Reads lines from the terminal with libedit (through its readline interface): emacs-style editing,
/// history (in memory and in a `HistoryFile`) and Tab completion.
///
/// Signals: libedit's own handlers are switched off (`rl_catch_signals`), because on SIGINT they would
/// restore cooked mode and send the signal again to the whole process group. Instead the host's Ctrl-C
/// handler (`LuaHost.handleInterrupts`) stays installed without SA_RESTART, so Ctrl-C at the prompt
/// ends libedit's `read` with EINTR: `readline` returns nil, the pending interrupt tells that apart from
/// end of input, and the line is dropped.
final class LineEditor {
    enum Input {
        case line(String)
        /// Ctrl-C at the prompt.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal closed.
        case end
    }

    private let history: HistoryFile?
    private var lastEntry: String?

    /// `complete` gets the text before the cursor and returns the name being typed at its end and the
    /// names that can replace it.
    init(history: HistoryFile?, complete: @escaping (String) -> (partial: String, names: [String])) {
        self.history = history
        activeCompletion = complete
        lunette_edit_initialize(completeWord)
        stifle_history(Int32(clamping: history?.limit ?? 1000))
        for entry in history?.load() ?? [] {
            add_history(entry)
            lastEntry = entry
        }
    }

    deinit { activeCompletion = nil }

    func read(prompt: String) -> Input {
        lunette_interrupt_clear()
        let raw = readline(prompt)
        // Whatever happened inside libedit, Ctrl-C belongs to the host again.
        lunette_interrupt_install_handler()
        guard let raw else {
            if lunette_interrupt_pending() != 0 {
                lunette_interrupt_clear()
                return .interrupted
            }
            return .end
        }
        defer { free(raw) }
        lunette_interrupt_clear()
        return .line(String(cString: raw))
    }

    /// Adds an entry to the history, unless it is blank or repeats the previous one.
    func remember(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
        lastEntry = entry
        add_history(entry)
        history?.append(entry)
    }
}

// libedit calls back through a plain C function, which cannot capture: the completion in use is global.
nonisolated(unsafe) private var activeCompletion: ((String) -> (partial: String, names: [String]))?

/// Tab: completes the name before the cursor as far as the candidates agree; when they diverge there,
/// lists them under the line.
private let completeWord: @convention(c) (Int32, Int32) -> Int32 = { _, _ in
    guard let complete = activeCompletion, let line = lunette_edit_line() else { return 0 }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line))
    let cursor = min(max(Int(lunette_edit_point()), 0), bytes.count)
    let (partial, names) = complete(String(decoding: bytes[..<cursor], as: UTF8.self))
    guard let first = names.first else { return 0 }
    let common = names.dropFirst().reduce(first) { String($0.commonPrefix(with: $1)) }
    if common.utf8.count > partial.utf8.count {
        rl_insert_text(String(common.utf8.dropFirst(partial.utf8.count)) ?? "")
    } else if names.count > 1 {
        writeOutput("\n" + columns(names, width: terminalWidth()))
    } else {
        return 0
    }
    lunette_edit_request_redisplay()
    return 0
}

/// Names in columns, filled down then across, as shells list completions.
private func columns(_ names: [String], width: Int) -> String {
    let cell = (names.map(\.count).max() ?? 0) + 2
    let perLine = max(1, width / cell)
    let rows = (names.count + perLine - 1) / perLine
    var text = ""
    for row in 0..<rows {
        var line = ""
        for column in 0..<perLine where column * rows + row < names.count {
            let name = names[column * rows + row]
            line += name.padding(toLength: cell, withPad: " ", startingAt: 0)
        }
        text += line.trimmingCharacters(in: .whitespaces) + "\n"
    }
    return text
}

private func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
}
