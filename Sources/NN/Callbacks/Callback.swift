/// Hooks into `fit` (Keras' `Callback`): override the methods you need. `model` is set before
/// `onTrainBegin`. Epochs and batches count from 0 as in Keras; `logs` hold the running values
/// (`loss`, metrics, and `val_*` at the end of an epoch). The Lua binding subclasses this to call Lua.
open class Callback {
    public weak var model: Model?
    /// 1 writes a line to fit's console when the callback acts (stops, restores, changes the rate,
    /// saves), in Keras' words; 0 (the default) is silent.
    public var verbose = 0
    /// Where fit writes its progress (set with `model`).
    var console: Console?

    public init() {}

    /// Writes `line` when `verbose` asks for it.
    func report(_ line: @autoclosure () -> String) {
        if verbose > 0 { (console ?? NN.console).write(line() + "\n") }
    }

    open func onTrainBegin(logs: [String: Double]) throws {}
    open func onTrainEnd(logs: [String: Double]) throws {}
    open func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws {}
    open func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {}
    open func onBatchBegin(_ batch: Int, logs: [String: Double]) throws {}
    open func onBatchEnd(_ batch: Int, logs: [String: Double]) throws {}
}

/// The per-epoch record `fit` returns (Keras' History): `history["loss"]`, `history["val_accuracy"]`...
public final class History {
    /// Each logged quantity's value at the end of each epoch.
    public private(set) var history: [String: [Double]] = [:]
    /// The epoch numbers (from `initialEpoch`, 0-based).
    public private(set) var epochs: [Int] = []
    /// verbose, epochs and steps, as Keras' `history.params`.
    public let params: [String: Int]

    init(params: [String: Int]) { self.params = params }

    public subscript(key: String) -> [Double]? { history[key] }

    /// The logged names, sorted.
    public var keys: [String] { history.keys.sorted() }

    func record(epoch: Int, logs: [String: Double]) {
        epochs.append(epoch)
        for (key, value) in logs { history[key, default: []].append(value) }
    }
}
