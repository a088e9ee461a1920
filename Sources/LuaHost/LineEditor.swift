import CEdit
import Foundation
import LuaShim

/// Reads lines from the terminal with libedit (through its readline interface): emacs-style editing,
/// history (in memory and in a `HistoryFile`) and Tab completion.
///
/// Signals: libedit's own handlers are switched off (`rl_catch_signals`), because on SIGINT they would
/// restore cooked mode and send the signal again to the whole process group. The host's Ctrl-C handler
/// (`LuaHost.handleInterrupts`) stays installed, and libedit reads keys through `readCharacter`, which
/// waits on the terminal and on the host's interrupt together: Ctrl-C at the prompt ends the read as
/// end of input, `readline` returns nil, the pending interrupt tells that apart from Ctrl-D, and the
/// line is dropped.
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
        Self.useUTF8Characters()
        lunette_edit_initialize(completeWord, readCharacter)
        stifle_history(Int32(clamping: history?.limit ?? 1000))
        for entry in history?.load() ?? [] {
            add_history(entry)
            lastEntry = entry
        }
    }

    deinit { activeCompletion = nil }

    /// libedit edits multibyte text only under a UTF-8 LC_CTYPE; in the C locale (no LANG, as in many
    /// containers) `é` would be rejected. The user's locale is kept when it is UTF-8, else C.UTF-8 is
    /// used. Lua itself is unaffected: its lexer has its own character table, and the C library's
    /// character classes treat bytes above 127 alike in both.
    private static func useUTF8Characters() {
        if let name = setlocale(LC_CTYPE, ""), String(cString: name).lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") {
            return
        }
        setlocale(LC_CTYPE, "C.UTF-8")
    }

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

/// libedit's key reader: the next character typed, decoded from UTF-8, or -1 (end of input) when the
/// terminal closes or Ctrl-C is pressed.
private let readCharacter: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    guard let lead = readByte() else { return -1 }
    let length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
    var bytes = [lead]
    while bytes.count < length, let next = readByte() { bytes.append(next) }
    return Int32(String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xfffd)
}

private func readByte() -> UInt8? {
    while lunette_interrupt_wait_readable(STDIN_FILENO) == 1 {
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 { return byte }
        if count == 0 || (errno != EINTR && errno != EAGAIN) { return nil }
    }
    return nil
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
