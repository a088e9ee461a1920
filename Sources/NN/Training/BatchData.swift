import Tensors

/// Inputs and targets split along the first (sample) dimension into batches.
struct BatchData {
    let x: [Tensor]
    let y: [Tensor]
    let count: Int

    init(x: [Tensor], y: [Tensor], op: String) throws {
        guard let first = x.first else { throw NNError(op, .value, "got no input data") }
        guard first.rank >= 1 else { throw NNError(op, .shape, "input data needs a sample dimension, got a scalar") }
        count = first.shape[0]
        for (i, t) in (x + y).enumerated() where t.rank == 0 || t.shape[0] != count {
            let what = i < x.count ? "input \(i + 1)" : "target \(i - x.count + 1)"
            throw NNError(op, .shape, "\(what) has shape \(t.shape), but the first input has \(count) samples; all data must have the same number of samples (first dimension)")
        }
        self.x = x
        self.y = y
    }

    /// The number of batches (the last may be smaller); written so that a huge batch size cannot overflow.
    func steps(batchSize: Int) -> Int { count / batchSize + (count % batchSize == 0 ? 0 : 1) }

    /// Samples `start..<start+length`, or the samples `order[start..<start+length]` when shuffled.
    func batch(start: Int, length: Int, order: Tensor?) throws -> (x: [Tensor], y: [Tensor]) {
        if let order {
            let index = try order.narrow(0, start: start, length: length)
            return (try x.map { try $0.indexSelect(0, index: index) }, try y.map { try $0.indexSelect(0, index: index) })
        }
        return (try x.map { try $0.narrow(0, start: start, length: length) }, try y.map { try $0.narrow(0, start: start, length: length) })
    }

    /// The first `count` samples and the rest (views).
    func split(at position: Int) throws -> (BatchData, BatchData) {
        func part(_ start: Int, _ length: Int) throws -> BatchData {
            try BatchData(x: x.map { try $0.narrow(0, start: start, length: length) },
                          y: y.map { try $0.narrow(0, start: start, length: length) }, op: "split")
        }
        return (try part(0, position), try part(position, count - position))
    }
}

/// One batch handed to a custom training or test step.
public struct TrainingBatch {
    public let x: [Tensor]
    /// Empty when `fit` got no targets.
    public let y: [Tensor]
    /// 0-based positions.
    public let epoch: Int, index: Int
    public var size: Int { x.first?.shape.first ?? 0 }
}

/// Running values over an epoch: the loss trackers and metrics of a compiled model, or the averages of
/// the values a custom step returns (weighted by batch size).
final class EpochLogs {
    private var means: [String: MeanMetric] = [:]
    private var metrics: [[Metric]] = []
    private let setup: CompiledSetup?
    private let outputNames: [String]

    init(setup: CompiledSetup?, outputNames: [String]) {
        self.setup = setup
        self.outputNames = outputNames
    }

    func add(_ name: String, _ value: Double, weight: Double) {
        let mean = means[name] ?? MeanMetric(name: name)
        means[name] = mean
        mean.add(value, weight: weight)
    }

    /// Updates the compiled metrics with one batch of targets and predictions.
    func updateMetrics(y: [Tensor], predictions: [Tensor]) throws {
        guard let setup, !setup.metrics.isEmpty else { return }
        if metrics.isEmpty {
            metrics = try zip(y, predictions).enumerated().map { i, pair in
                try setup.metrics.map { spec in
                    let metric = try spec.resolve(yTrue: pair.0, yPred: pair.1)
                    metric.reset()
                    return outputNames.count > 1 ? RenamedMetric(metric, name: "\(outputNames[i])_\(metric.name)") : metric
                }
            }
        }
        try Autograd.withoutGradients {
            for (i, (t, p)) in zip(y, predictions).enumerated() where i < metrics.count {
                for metric in metrics[i] { try metric.update(yTrue: t, yPred: p.detach()) }
            }
        }
    }

    /// Current values by name.
    var values: [String: Double] {
        var result: [String: Double] = [:]
        for (name, mean) in means { result[name] = mean.result() }
        for metric in metrics.joined() { result[metric.name] = metric.result() }
        return result
    }

    /// Values in display order (sorted by name, as Keras shows them).
    var sorted: [(String, Double)] { values.sorted { $0.key < $1.key } }
}

/// A metric logged under another name (per-output metrics of multi-output models).
final class RenamedMetric: Metric {
    let inner: Metric
    let name: String
    init(_ inner: Metric, name: String) { self.inner = inner; self.name = name }
    var higherIsBetter: Bool { inner.higherIsBetter }
    func update(yTrue: Tensor, yPred: Tensor) throws { try inner.update(yTrue: yTrue, yPred: yPred) }
    func result() -> Double { inner.result() }
    func reset() { inner.reset() }
}
