import Tensors

extension Model {
    /// The loss and metrics on `x`, `y` without training (Keras' `evaluate`), by name (`loss`,
    /// `accuracy`...).
    public func evaluate(_ x: [Tensor], _ y: [Tensor], batchSize: Int = FitOptions().batchSize, verbose: Int = FitOptions().verbose,
                         console: Console? = nil) throws -> [String: Double] {
        let setup = try requireCompiled("evaluate")
        guard batchSize > 0 else { throw NNError("evaluate", .value, "batch_size must be positive, got \(batchSize)") }
        let data = try BatchData(x: x, y: y, op: "evaluate")
        let bar = ProgressBar(target: data.steps(batchSize: batchSize), verbose: verbose, console: console ?? NN.console)
        return try runTest(data, batchSize: batchSize, setup: setup, testStep: nil, epoch: 0, bar: bar)
    }

    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = FitOptions().batchSize, verbose: Int = FitOptions().verbose, console: Console? = nil) throws -> [String: Double] {
        try evaluate([x], [y], batchSize: batchSize, verbose: verbose, console: console)
    }

    /// The outputs for `x` in batches, without training behaviour or autograd history (Keras' `predict`).
    public func predict(_ x: [Tensor], batchSize: Int = FitOptions().batchSize, verbose: Int = FitOptions().verbose, console: Console? = nil) throws -> [Tensor] {
        guard batchSize > 0 else { throw NNError("predict", .value, "batch_size must be positive, got \(batchSize)") }
        let data = try BatchData(x: x, y: [], op: "predict")
        let steps = data.steps(batchSize: batchSize)
        let bar = ProgressBar(target: steps, verbose: verbose, console: console ?? NN.console)
        var pieces: [[Tensor]] = []
        try Autograd.withoutGradients {
            for step in 0..<steps {
                let start = step * batchSize
                let (bx, _) = try data.batch(start: start, length: Swift.min(batchSize, data.count - start), order: nil)
                pieces.append(try self(bx, training: false))
                bar.update(step + 1, values: [], finalize: false)
            }
        }
        bar.update(steps, values: [], finalize: true)
        guard let first = pieces.first else { return [] }
        return try (0..<first.count).map { output in try Tensor.concat(pieces.map { $0[output] }, dim: 0) }
    }

    public func predict(x: Tensor, batchSize: Int = FitOptions().batchSize, verbose: Int = FitOptions().verbose, console: Console? = nil) throws -> Tensor {
        let outputs = try predict([x], batchSize: batchSize, verbose: verbose, console: console)
        guard outputs.count == 1 else {
            throw NNError("predict", .usage, "the model has \(outputs.count) outputs; use predict([x]) to get them all")
        }
        return outputs[0]
    }
}
