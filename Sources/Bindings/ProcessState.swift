import NN
import Tensors

/// Puts what Lunette keeps for the whole process back where a fresh `lunette` starts it (the random
/// generator's seed, Keras' automatic layer names), and makes training progress read a clock that
/// stands still. For the reference's examples (`lunette doc`): they run one after another in one
/// process, and what they print is committed, so it must not depend on what ran before or on timing.
public func restartProcessStateForExample() {
    Random.restart()
    NN.clearSession()
    NN.console = StoppedClockConsole(NN.console)
}

/// A console that passes everything through but reports no time passing and no terminal.
private final class StoppedClockConsole: Console {
    let base: Console

    init(_ base: Console) { self.base = base }

    func write(_ text: String) { base.write(text) }
    var isTerminal: Bool { false }
    func now() -> Double { 0 }
    var columns: Int { 80 }
}
