#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where training progress and summaries are written. Injectable, because the host may redirect the
/// output (the notebook report captures it) and tests read it.
public protocol Console: AnyObject {
    func write(_ text: String)
    /// True when the output is a terminal: the progress bar is then redrawn in place with `\r`;
    /// otherwise one line per epoch is written.
    var isTerminal: Bool { get }
    /// Seconds on a monotonic clock (tests substitute a fake clock).
    func now() -> Double
    /// The terminal's width in columns (summaries are as wide as Keras makes them for it).
    var columns: Int { get }
}

extension Console {
    public func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    public var columns: Int { 80 }
}

/// The process's standard output.
public final class StandardOutput: Console {
    public init() {}

    public func write(_ text: String) {
        // Flush C's buffered streams first (Lua's print writes through them), so the order is kept.
        fflush(nil)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    public var isTerminal: Bool { isatty(1) != 0 }

    /// The terminal's width (COLUMNS, else the tty's, else 80), as Python's shutil reads it.
    public var columns: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        var size = winsize()
        if isTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// A console that keeps what is written (for tests and for capturing a summary as text).
public final class CapturingConsole: Console {
    public private(set) var text = ""
    public let isTerminal: Bool
    public let columns: Int
    private let clock: (() -> Double)?

    public init(isTerminal: Bool = false, columns: Int = 80, clock: (() -> Double)? = nil) {
        self.isTerminal = isTerminal
        self.columns = columns
        self.clock = clock
    }

    public func write(_ text: String) { self.text += text }

    public func now() -> Double { clock?() ?? Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

extension NN {
    /// The console `fit`, `evaluate`, `predict` and `summary` write to unless told otherwise. The host sets
    /// it once at start-up, before any training runs.
    nonisolated(unsafe) public static var console: Console = StandardOutput()
}
