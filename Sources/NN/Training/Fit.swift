import Tensors

/// `fit`'s arguments, with Keras' names and defaults.
public struct FitOptions {
    public var batchSize = 32
    public var epochs = 1
    /// 0 silent, 1 progress bar, 2 one line per epoch.
    public var verbose = 1
    /// The last fraction of the samples (taken before shuffling) is held out for validation.
    public var validationSplit = 0.0
    /// Separate validation inputs and targets (takes precedence over `validationSplit`).
    public var validationData: (x: [Tensor], y: [Tensor])? = nil
    /// Shuffle the training samples each epoch (through the seeded Tensors generator).
    public var shuffle = true
    /// The epoch to start from (0-based), to resume training.
    public var initialEpoch = 0
    public var callbacks: [Callback] = []
    /// Polled between batches; returning true stops training with an `.interrupted` error (Ctrl-C).
    public var shouldStop: (() -> Bool)? = nil
    /// Replaces the default step (forward, loss, backward, optimizer): it gets each batch, does its own
    /// update and returns values to log, averaged over the epoch by batch size.
    public var trainStep: ((TrainingBatch) throws -> [String: Double])? = nil
    /// Replaces the validation step likewise (its values are logged with a `val_` prefix).
    public var testStep: ((TrainingBatch) throws -> [String: Double])? = nil
    /// Where progress goes (default `NN.console`).
    public var console: Console? = nil
    public init() {}
}

extension Model {
    /// Trains the model (Keras' `fit`) on inputs `x` and targets `y` (one tensor per model input and
    /// output; `y` may be empty with a custom `trainStep`). Returns the per-epoch history.
    @discardableResult
    public func fit(_ x: [Tensor], _ y: [Tensor] = [], options: FitOptions = FitOptions()) throws -> History {
        let console = options.console ?? NN.console
        guard options.batchSize > 0, options.epochs >= 0, options.initialEpoch >= 0 else {
            throw NNError("fit", .value, "batch_size must be positive and epochs, initial_epoch not negative; got \(options.batchSize), \(options.epochs), \(options.initialEpoch)")
        }
        guard (0..<1).contains(options.validationSplit) else {
            throw NNError("fit", .value, "validation_split must lie in [0, 1), got \(options.validationSplit)")
        }
        let setup = options.trainStep == nil ? try requireCompiled("fit") : compiled
        if options.trainStep == nil, y.isEmpty {
            throw NNError("fit", .value, "targets y are needed unless a custom train_step is given")
        }
        if options.trainStep == nil, setup?.losses.isEmpty ?? true {
            throw NNError("fit", .usage, "the model was compiled without a loss; give one to compile, or pass a custom train_step")
        }
        var training = try BatchData(x: x, y: y, op: "fit")
        var validation: BatchData?
        if let data = options.validationData {
            validation = try BatchData(x: data.x, y: data.y, op: "fit (validation_data)")
        } else if options.validationSplit > 0 {
            let splitAt = Int((Double(training.count) * (1 - options.validationSplit)).rounded(.down))
            guard splitAt > 0, splitAt < training.count else {
                throw NNError("fit", .value, "\(training.count) samples are not enough to hold out validation_split = \(options.validationSplit)")
            }
            (training, validation) = try training.split(at: splitAt)
            if let validation, let warning = sortedLabelsWarning(training: training, validation: validation, split: options.validationSplit) {
                console.write(warning)
            }
        }
        // Validation without a loss to compute would hold data out and log nothing.
        if validation != nil, options.testStep == nil, setup?.losses.isEmpty ?? true {
            throw NNError("fit", .usage, "validation needs a loss: compile the model with one, or pass a custom test_step beside the train_step")
        }

        let steps = training.steps(batchSize: options.batchSize)
        let history = History(params: ["verbose": options.verbose, "epochs": options.epochs, "steps": steps])
        stopTraining = false
        for callback in options.callbacks {
            callback.model = self
            callback.console = console
        }
        for callback in options.callbacks { try callback.onTrainBegin(logs: [:]) }
        var lastLogs: [String: Double] = [:]
        // However training ends (Ctrl-C in a batch or a callback, an error), the callbacks' onTrainEnd
        // runs before the error goes on: EarlyStopping restores its best weights, a checkpoint stays.
        do {
            for epoch in options.initialEpoch..<Swift.max(options.initialEpoch, options.epochs) where !stopTraining {
                for callback in options.callbacks { try callback.onEpochBegin(epoch, logs: [:]) }
                if options.verbose > 0 { console.write("Epoch \(epoch + 1)/\(options.epochs)\n") }
                let bar = ProgressBar(target: steps, verbose: options.verbose, console: console)
                let logs = EpochLogs(setup: setup, outputNames: outputNames)
                let order = options.shuffle ? try Tensor.randperm(training.count) : nil
                for step in 0..<steps where !stopTraining {
                    if options.shouldStop?() == true {
                        throw NNError("fit", .interrupted, "training interrupted at epoch \(epoch + 1), batch \(step + 1)")
                    }
                    for callback in options.callbacks { try callback.onBatchBegin(step, logs: [:]) }
                    let start = step * options.batchSize
                    let (bx, by) = try training.batch(start: start, length: Swift.min(options.batchSize, training.count - start), order: order)
                    let batch = TrainingBatch(x: bx, y: by, epoch: epoch, index: step)
                    if let trainStep = options.trainStep {
                        let values = try trainStep(batch)
                        for (name, value) in values {
                            if name == "loss", !value.isFinite { stopOnNonFiniteLoss(value, epoch: epoch, step: step, steps: steps, console: console) }
                            logs.add(name, value, weight: Double(batch.size))
                        }
                    } else if let setup {
                        try trainOnBatch(batch, setup: setup, logs: logs, steps: steps, console: console)
                    }
                    let values = logs.values
                    for callback in options.callbacks { try callback.onBatchEnd(step, logs: values) }
                    bar.update(step + 1, values: logs.sorted, finalize: false)
                }
                var epochLogs = logs.values
                if let validation {
                    let results = try runTest(validation, batchSize: options.batchSize, setup: setup, testStep: options.testStep, epoch: epoch)
                    for (name, value) in results { epochLogs["val_" + name] = value }
                }
                bar.update(steps, values: epochLogs.sorted { $0.key < $1.key }, finalize: true)
                for callback in options.callbacks { try callback.onEpochEnd(epoch, logs: epochLogs) }
                history.record(epoch: epoch, logs: epochLogs)
                lastLogs = epochLogs
            }
        } catch {
            for callback in options.callbacks { try? callback.onTrainEnd(logs: lastLogs) }
            throw error
        }
        for callback in options.callbacks { try callback.onTrainEnd(logs: lastLogs) }
        return history
    }

    /// One tensor of inputs and targets: `fit(x: images, y: labels, ...)`.
    @discardableResult
    public func fit(x: Tensor, y: Tensor? = nil, options: FitOptions = FitOptions()) throws -> History {
        try fit([x], y.map { [$0] } ?? [], options: options)
    }

    /// The names of the outputs, for per-output logs (`dense_loss`).
    var outputNames: [String] { graphOutputs.map(\.layer.name) }

    /// The default training step: forward, loss, backward, optimizer update, metrics.
    /// A non-finite loss updates nothing and stops training (see `stopOnNonFiniteLoss`).
    private func trainOnBatch(_ batch: TrainingBatch, setup: CompiledSetup, logs: EpochLogs, steps: Int, console: Console) throws {
        let parameters = self.parameters
        for p in parameters { p.grad = nil }
        let predictions = try self(batch.x, training: true)
        let (total, parts) = try compiledLoss(setup, y: batch.y, predictions: predictions)
        let value = try total.item()
        if !value.isFinite { stopOnNonFiniteLoss(value, epoch: batch.epoch, step: batch.index, steps: steps, console: console) }
        if total.requiresGrad, value.isFinite {
            try total.backward()
            try setup.optimizer.apply(parameters.compactMap { p in p.grad.map { ($0, p) } })
            for p in parameters { p.grad = nil }
        }
        let weight = Double(batch.size)
        logs.add("loss", value, weight: weight)
        if parts.count > 1 {
            for (name, part) in zip(outputNames, parts) { logs.add("\(name)_loss", try part.item(), weight: weight) }
        }
        try logs.updateMetrics(y: batch.y, predictions: predictions)
    }

    /// The total loss (the sum over outputs) and each output's part.
    func compiledLoss(_ setup: CompiledSetup, y: [Tensor], predictions: [Tensor]) throws -> (Tensor, [Tensor]) {
        guard y.count == predictions.count else {
            throw NNError("loss", .value, "the model has \(predictions.count) output\(predictions.count == 1 ? "" : "s") but got \(y.count) target tensor\(y.count == 1 ? "" : "s")")
        }
        let parts = try zip(y, predictions).enumerated().map { i, pair in
            do {
                return try setup.losses[setup.losses.count == 1 ? 0 : i](pair.0, pair.1)
            } catch let error as NNError where pair.1.rank >= 4 && pair.0.rank <= 2 {
                // The usual cause: Dense layers applied to images keep their height and width.
                throw NNError(error.op, error.kind, error.message + "; the model's output has shape \(pair.1.shape)", suggestion: .addFlatten)
            }
        }
        var total = parts[0]
        for part in parts.dropFirst() { total = try total + part }
        return (total, parts)
    }

    /// What Keras' TerminateOnNaN does, always: the epoch ends after this batch, its logs go to the
    /// history and the callbacks (`onEpochEnd`, `onTrainEnd`: EarlyStopping can restore the best
    /// weights), and `fit` returns the history instead of losing it.
    private func stopOnNonFiniteLoss(_ value: Double, epoch: Int, step: Int, steps: Int, console: Console) {
        stopTraining = true
        console.write("\nEpoch \(epoch + 1), batch \(step + 1) of \(steps): the loss became \(value.isNaN ? "NaN" : "infinite"), training stopped; try a smaller learning rate, check the data for NaN or infinite values, or clip gradients (clipnorm)\n")
    }

    /// Loss and metrics over `data` without training (validation and `evaluate`).
    func runTest(_ data: BatchData, batchSize: Int, setup: CompiledSetup?, testStep: ((TrainingBatch) throws -> [String: Double])?,
                 epoch: Int, bar: ProgressBar? = nil) throws -> [String: Double] {
        let logs = EpochLogs(setup: setup, outputNames: outputNames)
        let steps = data.steps(batchSize: batchSize)
        try Autograd.withoutGradients {
            for step in 0..<steps {
                let start = step * batchSize
                let (bx, by) = try data.batch(start: start, length: Swift.min(batchSize, data.count - start), order: nil)
                let weight = Double(bx[0].shape[0])
                if let testStep {
                    for (name, value) in try testStep(TrainingBatch(x: bx, y: by, epoch: epoch, index: step)) { logs.add(name, value, weight: weight) }
                } else if let setup, !setup.losses.isEmpty {
                    let predictions = try self(bx, training: false)
                    let (total, parts) = try compiledLoss(setup, y: by, predictions: predictions)
                    logs.add("loss", try total.item(), weight: weight)
                    if parts.count > 1 {
                        for (name, part) in zip(outputNames, parts) { logs.add("\(name)_loss", try part.item(), weight: weight) }
                    }
                    try logs.updateMetrics(y: by, predictions: predictions)
                }
                bar?.update(step + 1, values: logs.sorted, finalize: false)
            }
        }
        bar?.update(steps, values: logs.sorted, finalize: true)
        return logs.values
    }
}
