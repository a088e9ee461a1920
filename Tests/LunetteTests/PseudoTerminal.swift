import Foundation
import Testing

/// A program running in a pseudo-terminal, driven as a person would: keys are written to the
/// terminal (Ctrl-C becomes SIGINT through the terminal driver, since the program is the session
/// leader of its terminal) and assertions are made on the screen it draws.
final class PseudoTerminal {
    let process: pid_t
    private let master: Int32
    private(set) var screen: TerminalScreen
    /// Everything the program wrote, escape sequences included.
    private(set) var transcript: [UInt8] = []
    private var exitStatus: Int32?

    init(_ executable: URL, arguments: [String] = [], environment: [String: String] = [:], rows: Int = 30, columns: Int = 120) throws {
        master = PTY.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, PTY.grant(master) == 0, PTY.unlock(master) == 0 else { throw TerminalError("no pseudo-terminal: errno \(errno)") }
        var name = [CChar](repeating: 0, count: 128)
        guard PTY.name(master, &name, name.count) == 0 else { throw TerminalError("no pseudo-terminal name") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        screen = TerminalScreen(rows: rows, columns: columns)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, the terminal becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP] { sigaddset(&defaults, signal) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(PTY.startSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var variables = ProcessInfo.processInfo.environment
        variables["TERM"] = "xterm"
        for (key, value) in environment { variables[key] = value }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable.path, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw TerminalError("could not start \(executable.path): error \(status)")
        }
        process = child
    }

    deinit {
        if exitStatus == nil {
            kill(process, SIGKILL)
            var status: Int32 = 0
            waitpid(process, &status, 0)
        }
        close(master)
    }

    /// The screen and the raw output, for the message of a failed check.
    var report: Comment {
        Comment(rawValue: "screen:\n\(screen.text)\nraw output: \(String(decoding: transcript, as: UTF8.self).debugDescription)")
    }

    /// Types text; "\r" is Enter, "\t" Tab, "\u{3}" Ctrl-C, "\u{4}" Ctrl-D.
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads output until the screen satisfies `condition` or `timeout` passes; true if it did.
    @discardableResult
    func waitFor(timeout: Double = 15, _ condition: (TerminalScreen) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(screen) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readOutput(waitingAtMost: remaining) else { return condition(screen) }
        }
        return true
    }

    /// Waits until some line of the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) -> Bool {
        waitFor(timeout: timeout) { $0.text.contains(text) }
    }

    /// Waits for the `count`th main prompt (`> `, not the continuation prompt `>> `) to be shown, empty, with the line editor reading keys. (Keys typed
    /// before the editor has put the terminal in raw mode are echoed twice, once by the terminal.)
    @discardableResult
    func waitForPrompt(count: Int, timeout: Double = 15) -> Bool {
        waitFor(timeout: timeout) { [master] screen in
            var settings = termios()
            let editing = tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
            let prompts = screen.textLines.filter { $0 == ">" || $0.hasPrefix("> ") }.count
            return editing && screen.cursorLine == ">" && prompts >= count
        }
    }

    /// The exit status once the program has ended (nil if it is still running after `timeout`, or was
    /// killed by a signal: then -signal).
    func waitForExit(timeout: Double = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = readOutput(waitingAtMost: 0.05)
            var status: Int32 = 0
            if waitpid(process, &status, WNOHANG) == process {
                let signal = status & 0x7f
                exitStatus = signal == 0 ? (status >> 8) & 0xff : -signal
                return exitStatus
            }
        }
        return nil
    }

    /// Reads what is available (waiting up to the given time for the first bytes); false when the
    /// terminal has closed.
    private func readOutput(waitingAtMost seconds: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(1, min(seconds, 1) * 1000)))
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        transcript += buffer[..<count]
        screen.feed(Array(buffer[..<count]))
        return true
    }
}

struct TerminalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The pseudo-terminal functions of glibc, which Swift's Glibc module does not export, looked up at
/// run time; and glibc's POSIX_SPAWN_SETSID flag (a GNU extension, likewise not exported).
private enum PTY {
    typealias Function = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    static let openMaster = unsafeBitCast(symbol("posix_openpt"), to: Function.self)
    static let grant = unsafeBitCast(symbol("grantpt"), to: Function.self)
    static let unlock = unsafeBitCast(symbol("unlockpt"), to: Function.self)
    static let name = unsafeBitCast(symbol("ptsname_r"), to: NameFunction.self)
    static let startSession: Int32 = 0x80

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(dlopen(nil, RTLD_NOW), name) }
}
