/// Stops training when the monitored quantity stops improving (Keras' EarlyStopping, same rules): after
/// `patience` epochs without an improvement of at least `minDelta`; with `restoreBestWeights` the
/// weights of the best epoch are put back when training ends.
public final class EarlyStopping: Callback {
    /// Keras' defaults, the one place they are stated (the initialiser and the bindings read them).
    public struct Defaults {
        public let monitor = "val_loss", minDelta = 0.0, patience = 0, mode = "auto", restoreBestWeights = false, startFromEpoch = 0
        public init() {}
    }

    public let patience: Int
    public let baseline: Double?
    public let restoreBestWeights: Bool
    public let startFromEpoch: Int
    private let monitor: Monitor
    public private(set) var stoppedEpoch = 0
    public private(set) var bestEpoch = 0
    public private(set) var best: Double?
    private var wait = 0
    private var bestWeights: [Tensor]?

    public init(monitor: String = Defaults().monitor, minDelta: Double = Defaults().minDelta, patience: Int = Defaults().patience,
                mode: String = Defaults().mode, baseline: Double? = nil, restoreBestWeights: Bool = Defaults().restoreBestWeights,
                startFromEpoch: Int = Defaults().startFromEpoch) throws {
        guard patience >= 0 else { throw NNError("EarlyStopping", .value, "patience must not be negative, got \(patience)") }
        self.monitor = try Monitor(monitor, mode: mode, minDelta: minDelta, op: "EarlyStopping")
        self.patience = patience
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
    }

    public override func onTrainBegin(logs: [String: Double]) throws {
        wait = 0
        stoppedEpoch = 0
        best = baseline
        bestWeights = nil
        bestEpoch = 0
    }

    public override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        guard let model else { return }
        guard let current = logs[monitor.name] else {
            throw NNError("EarlyStopping", .value, "monitors '\(monitor.name)', which is not logged; logged: \(logs.keys.sorted().joined(separator: ", "))")
        }
        guard epoch >= startFromEpoch else { return }
        if restoreBestWeights && bestWeights == nil {
            bestWeights = try model.getWeights()
            bestEpoch = epoch
        }
        wait += 1
        let up = monitor.higherIsBetter(model: model)
        if monitor.isImprovement(current, over: best, higherIsBetter: up) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = try model.getWeights() }
            // The wait restarts only when the baseline is beaten too.
            if baseline == nil || monitor.isImprovement(current, over: baseline, higherIsBetter: up) { wait = 0 }
            return
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model.stopTraining = true
        }
    }

    public override func onTrainEnd(logs: [String: Double]) throws {
        if stoppedEpoch > 0 { report("Epoch \(stoppedEpoch + 1): early stopping") }
        if restoreBestWeights, let bestWeights, let model {
            report("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).")
            try model.setWeights(bestWeights)
        }
    }
}

import Tensors
