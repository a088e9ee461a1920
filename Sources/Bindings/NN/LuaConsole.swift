import FileSupport
import Foundation
import NN
import Notebook

/// Where `fit`, `evaluate`, `predict` and `summary` write from Lua: standard output (so a report's
/// capture sees it, after what Lua printed), redrawn in place only when the person's original output
/// is a terminal, even while a report captures descriptor 1 through a pipe.
final class LuaConsole: Console {
    func write(_ text: String) {
        fflush(nil)
        _ = writeAll(Array(text.utf8), to: STDOUT_FILENO)
    }

    var isTerminal: Bool { Notebook.StandardOutput.isTerminal }

    /// COLUMNS, else the terminal's width, else 80 (as Python's shutil, which Keras uses).
    var columns: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        return Notebook.StandardOutput.columns ?? 80
    }
}
