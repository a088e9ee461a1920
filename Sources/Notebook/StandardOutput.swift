@preconcurrency import Glibc
import Synchronization

/// Facts about the program's standard output as the person running it sees it. While a report
/// captures the output, descriptor 1 is a pipe, but these answer for the original destination, so a
/// progress bar still knows whether to redraw in place (a terminal) or print a line per epoch.
public enum StandardOutput {
    /// The descriptor that reaches the original standard output: 1, or its copy while capturing.
    static let originalDescriptor = Atomic<Int32>(STDOUT_FILENO)

    /// The descriptor to ask about the original output (1, or its copy while capturing).
    public static var descriptor: Int32 { originalDescriptor.load(ordering: .relaxed) }

    public static var isTerminal: Bool { isatty(descriptor) == 1 }

    /// The terminal's width in columns, or nil when the output is not a terminal.
    public static var columns: Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Sends what C's buffered stdout holds (Lua's `print` and `io.write`, Swift's `print`) to descriptor 1.
    static func flush() { fflush(stdout) }

    /// Line buffering makes each line reach the descriptor when it ends, as on a terminal; full
    /// buffering is C's choice for pipes and files.
    static func setLineBuffered(_ lineBuffered: Bool) {
        setvbuf(stdout, nil, lineBuffered ? _IOLBF : _IOFBF, 0)
    }
}
