import Tensors

/// Per-parameter state of an optimizer (momentum, moment estimates...): plain float buffers updated in
/// place by the fused update loops.
final class SlotBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int, value: Float) {
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: Swift.max(count, 1))
        self.count = count
    }

    deinit { pointer.deallocate() }
}

/// What an update loop needs besides the buffers.
struct UpdateStep {
    /// The learning rate of this step.
    let learningRate: Float
    /// 1 for the first update.
    let iteration: Int
}

/// The base of the optimizers (Keras 3's update rules and defaults). Use it from `compile` by name, or
/// directly on any list of parameters in a custom loop: `zeroGrad()`, `loss.backward()`, `step()`.
///
/// Updates run outside autograd in one fused pass per parameter over its elements (gradient clipping
/// folded in), with no temporary tensors.
public class Optimizer {
    /// Keras' name (`adam`).
    public let name: String
    /// A schedule replaces the constant rate; the rate of each step is `schedule(iterations)`.
    public private(set) var schedule: LearningRateSchedule?
    private var constantRate: Double
    /// Number of updates applied so far.
    public internal(set) var iterations = 0
    /// Clips each parameter's gradient to this L2 norm.
    public var clipnorm: Double? { didSet { checkClipping() } }
    /// Clips each gradient element to [−clipvalue, clipvalue].
    public var clipvalue: Double? { didSet { checkClipping() } }
    /// Scales all gradients together so that their joint L2 norm is at most this.
    public var globalClipnorm: Double? { didSet { checkClipping() } }
    /// Decoupled weight decay (AdamW): p −= p · weightDecay · lr before each update.
    public var weightDecay: Double?
    /// The parameters `step()` and `zeroGrad()` work on (set by `init(parameters:)` or `compile`).
    public var parameters: [Tensor]
    private var clippingError: NNError?

    var slots: [ObjectIdentifier: (parameter: Tensor, buffers: [SlotBuffer])] = [:]
    private var scratch: SlotBuffer?

    init(name: String, learningRate: Double, parameters: [Tensor]) {
        self.name = name
        constantRate = learningRate
        self.parameters = parameters
    }

    // MARK: For subclasses

    /// Number of state buffers per parameter, and their initial value.
    var slotCount: Int { 0 }
    var slotInitialValue: Float { 0 }

    /// Updates `n` elements of a parameter `p` with gradient `g` and state `slots`.
    func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ slots: [UnsafeMutablePointer<Float>], _ n: Int, _ step: UpdateStep) {}

    /// Keras' class name and configuration.
    var className: String { "Optimizer" }
    var ownConfig: [String: JSONValue] { [:] }

    // MARK: Learning rate

    /// The learning rate of the next update. Setting it replaces a schedule by a constant rate (callbacks
    /// such as ReduceLROnPlateau do this).
    public var learningRate: Double {
        get { schedule?.learningRate(atStep: iterations) ?? constantRate }
        set { schedule = nil; constantRate = newValue }
    }

    /// Uses `schedule` for the learning rate from now on.
    public func setSchedule(_ schedule: LearningRateSchedule) { self.schedule = schedule }

    private func checkClipping() {
        clippingError = clippingProblem(clipnorm, clipvalue, globalClipnorm)
    }

    private func clippingProblem(_ limits: Double?...) -> NNError? {
        let set = limits.compactMap { $0 }
        return set.count > 1 ? NNError(name, .value, "only one of clipnorm, clipvalue and global_clipnorm can be set") :
            set.contains(where: { !($0 > 0) }) ? NNError(name, .value, "clipping limits must be positive, got \(set[0])") : nil
    }

    /// Sets all three clipping limits at once, refusing (and changing nothing) when more than one is set or
    /// one is not positive, so that a constructor reports the mistake instead of the first `step`.
    public func setClipping(clipnorm: Double?, clipvalue: Double?, globalClipnorm: Double?) throws {
        if let problem = clippingProblem(clipnorm, clipvalue, globalClipnorm) { throw problem }
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.globalClipnorm = globalClipnorm
    }

    // MARK: Updating

    /// Sets the gradients of `parameters` to nil.
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }

    /// Applies one update to each of `parameters` that has a gradient.
    public func step() throws {
        try apply(parameters.compactMap { p in p.grad.map { ($0, p) } })
    }

    /// Applies one update from (gradient, parameter) pairs (Keras' `apply_gradients`).
    public func apply(_ pairs: [(gradient: Tensor, parameter: Tensor)]) throws {
        if let clippingError { throw clippingError }
        for (gradient, parameter) in pairs {
            guard parameter.dtype == .float32, parameter.isContiguous else {
                throw NNError(name, .value, "parameters must be contiguous float32 tensors, got a \(parameter.dtype) tensor of shape \(parameter.shape)\(parameter.isContiguous ? "" : " that is a strided view")")
            }
            guard gradient.shape == parameter.shape else {
                throw NNError(name, .shape, "a gradient of shape \(gradient.shape) does not match its parameter of shape \(parameter.shape)")
            }
        }
        let gradients = try pairs.map { try $0.gradient.detach().float().contiguous() }
        var globalScale: Float = 1
        if let globalClipnorm {
            let norm = try gradients.reduce(0.0) { $0 + (try Optimizer.squaredNorm($1)) }.squareRoot()
            if norm > globalClipnorm { globalScale = Float(globalClipnorm / norm) }
        }
        let step = UpdateStep(learningRate: Float(learningRate), iteration: iterations + 1)
        for ((_, parameter), gradient) in zip(pairs, gradients) {
            var scale = globalScale
            if let clipnorm {
                let norm = try Optimizer.squaredNorm(gradient).squareRoot()
                if norm > clipnorm { scale = Float(clipnorm / norm) }
            }
            try update(parameter, gradient, scale: scale, step: step)
        }
        iterations += 1
    }

    private static func squaredNorm(_ t: Tensor) throws -> Double {
        try t.withUnsafeBufferPointer(as: Float.self) { g in
            var sum = 0.0
            for x in g { sum += Double(x) * Double(x) }
            return sum
        }
    }

    private func update(_ parameter: Tensor, _ gradient: Tensor, scale: Float, step: UpdateStep) throws {
        let n = parameter.count
        let key = ObjectIdentifier(parameter)
        let entry = slots[key] ?? (parameter, (0..<slotCount).map { _ in SlotBuffer(count: n, value: slotInitialValue) })
        slots[key] = entry
        let buffers = entry.buffers.map(\.pointer)
        try parameter.withUnsafeMutableBufferPointer(as: Float.self) { p in
            guard let pBase = p.baseAddress else { return }
            if let weightDecay {
                let factor = 1 - Float(weightDecay) * step.learningRate
                for i in 0..<n { pBase[i] *= factor }
            }
            try gradient.withUnsafeBufferPointer(as: Float.self) { g in
                guard let gBase = g.baseAddress else { return }
                guard scale != 1 || clipvalue != nil else {
                    update(pBase, gBase, buffers, n, step)
                    return
                }
                // Clipped gradients go through one reused scratch buffer.
                let buffer = scratch.flatMap { $0.count >= n ? $0 : nil } ?? SlotBuffer(count: n, value: 0)
                scratch = buffer
                let s = buffer.pointer
                let limit = Float(clipvalue ?? .infinity)
                for i in 0..<n { s[i] = Swift.min(Swift.max(gBase[i] * scale, -limit), limit) }
                update(pBase, s, buffers, n, step)
            }
        }
    }

    /// The number of scalars of optimizer state, counted as Keras does (slots plus the iteration count and
    /// the learning rate); 0 before the first update.
    public var variableCount: Int {
        slots.isEmpty ? 0 : slots.values.reduce(2) { $0 + $1.buffers.reduce(0) { $0 + $1.count } }
    }

    /// Keras' configuration of the optimizer.
    public var config: [String: JSONValue] {
        var config = ownConfig
        config["name"] = .string(name)
        if let schedule {
            config["learning_rate"] = .object(["class_name": .string(schedule.className), "config": .object(schedule.config)])
        } else {
            config["learning_rate"] = .number(constantRate)
        }
        config["clipnorm"] = clipnorm.map { .number($0) } ?? .null
        config["clipvalue"] = clipvalue.map { .number($0) } ?? .null
        config["global_clipnorm"] = globalClipnorm.map { .number($0) } ?? .null
        config["weight_decay"] = weightDecay.map { .number($0) } ?? .null
        return config
    }

    /// Keras' optimizer called `name` with its defaults: sgd, adam, adamw, rmsprop, adagrad.
    public static func named(_ name: String, parameters: [Tensor] = []) throws -> Optimizer {
        guard let kind = OptimizerKind.named(name) else {
            let known = OptimizerKind.all.map(\.name).joined(separator: ", ")
            throw NNError("optimizer", .value, "unknown optimizer '\(name)'; known: \(known)")
        }
        return try kind.make(parameters: parameters)
    }

    static func checkRate(_ rate: Double, op: String) throws {
        guard rate.isFinite, rate >= 0 else { throw NNError(op, .value, "learning_rate must be a finite number ≥ 0, got \(rate)") }
    }
}
