import Tensors

/// validation_split holds out the last rows, as in Keras. A file sorted by label (ECG5000, the MNIST
/// CSV) then validates on one class only, and val_accuracy means nothing: the warning says so, once per
/// fit, before training starts.
func sortedLabelsWarning(training: BatchData, validation: BatchData, split: Double) -> String? {
    guard let trainingTargets = training.y.first, let heldOut = validation.y.first,
          let held = try? classes(of: heldOut), let trained = try? classes(of: trainingTargets),
          held.count == 1, trained.count > 1 else { return nil }
    let label = held[0].rounded() == held[0] ? String(Int64(held[0])) : String(held[0])
    return "Warning: the \(validation.count) rows held out by validation_split = \(split) (the last rows, as in Keras) all have the label \(label), while the training rows have \(trained.count) labels; the data look sorted by label, so validation measures one class only. Shuffle the rows before fit (data.shuffle(x, y)), or split with data.train_test_split.\n"
}

/// The distinct classes of targets that look like labels: the arg-max of one-hot (or probability) rows,
/// or the values of one value per row; nil for other targets (several regression outputs, images).
private func classes(of targets: Tensor) throws -> [Double]? {
    try Autograd.withoutGradients {
        let rows = targets.shape[0]
        let labels: Tensor
        if targets.rank >= 2, targets.count > rows {
            guard targets.rank == 2, targets.dtype == .float32, try targets.min().item() >= 0,
                  try (targets.sum(dims: [1]) - 1).abs().max().item() <= 1e-3 else { return nil }
            labels = try targets.argmax(-1)
        } else {
            labels = try targets.reshape([rows])
        }
        return try labels.unique().values.float().toArray(Float.self).map(Double.init)
    }
}
