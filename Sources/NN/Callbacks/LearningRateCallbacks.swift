/// Sets the optimizer's learning rate at the start of each epoch from `schedule(epoch, currentRate)`
/// (Keras' LearningRateScheduler; epochs count from 0).
public final class LearningRateScheduler: Callback {
    private let schedule: (Int, Double) throws -> Double

    public init(_ schedule: @escaping (Int, Double) throws -> Double) {
        self.schedule = schedule
    }

    public override func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws {
        guard let optimizer = model?.optimizer else {
            throw NNError("LearningRateScheduler", .usage, "the model has no optimizer; compile it first")
        }
        let rate = try schedule(epoch, optimizer.learningRate)
        guard rate.isFinite, rate >= 0 else {
            throw NNError("LearningRateScheduler", .value, "the schedule returned \(rate) for epoch \(epoch); learning rates must be finite and ≥ 0")
        }
        optimizer.learningRate = rate
        report("Epoch \(epoch + 1): LearningRateScheduler setting learning rate to \(rate).")
    }
}

/// Multiplies the learning rate by `factor` when the monitored quantity has not improved for `patience`
/// epochs (Keras' ReduceLROnPlateau), then waits `cooldown` epochs; never below `minLR`.
public final class ReduceLROnPlateau: Callback {
    /// Keras' defaults, the one place they are stated (the initialiser and the bindings read them).
    public struct Defaults {
        public let monitor = "val_loss", factor = 0.1, patience = 10, mode = "auto", minDelta = 1e-4, cooldown = 0, minLR = 0.0
        public init() {}
    }

    public let factor: Double, patience: Int, cooldown: Int, minLR: Double
    private let monitor: Monitor
    private var best: Double?
    private var wait = 0
    private var cooldownCounter = 0

    public init(monitor: String = Defaults().monitor, factor: Double = Defaults().factor, patience: Int = Defaults().patience,
                mode: String = Defaults().mode, minDelta: Double = Defaults().minDelta, cooldown: Int = Defaults().cooldown,
                minLR: Double = Defaults().minLR) throws {
        guard factor > 0, factor < 1 else { throw NNError("ReduceLROnPlateau", .value, "factor must lie in (0, 1), got \(factor)") }
        self.monitor = try Monitor(monitor, mode: mode, minDelta: minDelta, op: "ReduceLROnPlateau")
        self.factor = factor
        self.patience = patience
        self.cooldown = cooldown
        self.minLR = minLR
    }

    public override func onTrainBegin(logs: [String: Double]) throws {
        best = nil
        wait = 0
        cooldownCounter = 0
    }

    public override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        guard let model, let optimizer = model.optimizer else { return }
        guard let current = logs[monitor.name] else {
            throw NNError("ReduceLROnPlateau", .value, "monitors '\(monitor.name)', which is not logged; logged: \(logs.keys.sorted().joined(separator: ", "))")
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if monitor.isImprovement(current, over: best, higherIsBetter: monitor.higherIsBetter(model: model)) {
            best = current
            wait = 0
        } else if cooldownCounter <= 0 {
            wait += 1
            if wait >= patience {
                let old = optimizer.learningRate
                if old > minLR {
                    optimizer.learningRate = Swift.max(old * factor, minLR)
                    report("Epoch \(epoch + 1): ReduceLROnPlateau reducing learning rate to \(optimizer.learningRate).")
                    cooldownCounter = cooldown
                    wait = 0
                }
            }
        }
    }
}
