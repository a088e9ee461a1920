/// Whether a monitored quantity improves by going down or up, and by how much it must change
/// (shared by EarlyStopping, ModelCheckpoint and ReduceLROnPlateau).
struct Monitor {
    enum Mode: String { case auto, min, max }
    let name: String
    let mode: Mode
    let minDelta: Double

    init(_ name: String, mode: String, minDelta: Double, op: String) throws {
        guard let parsed = Mode(rawValue: mode) else {
            throw NNError(op, .value, "mode must be 'auto', 'min' or 'max', got '\(mode)'")
        }
        self.name = name
        self.mode = parsed
        self.minDelta = Swift.abs(minDelta)
    }

    /// True when larger values are better: mode max, or in auto mode a metric whose direction is up
    /// (accuracy, precision, recall, r2...), as Keras decides.
    func higherIsBetter(model: Model?) -> Bool {
        switch mode {
        case .min: return false
        case .max: return true
        case .auto:
            let base = name.hasPrefix("val_") ? String(name.dropFirst(4)) : name
            if base.hasSuffix("loss") { return false }
            let increasing = ["accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
                              "precision", "recall", "r2", "r2_score", "auc"]
            return increasing.contains { base == $0 || base.hasSuffix("_" + $0) }
        }
    }

    /// Keras' test: current − min_delta beats the reference (with the delta's sign for the direction).
    func isImprovement(_ current: Double, over reference: Double?, higherIsBetter: Bool) -> Bool {
        guard let reference else { return true }
        return higherIsBetter ? current - minDelta > reference : current + minDelta < reference
    }
}
