#if canImport(Glibc)
import Glibc
#endif

/// A learning rate that depends on the optimizer's step count (Keras' `LearningRateSchedule`): the
/// optimizer asks for the rate of step `iterations` (0 for the first update).
public protocol LearningRateSchedule {
    func learningRate(atStep step: Int) -> Double
    /// Keras' class name and configuration, for saving and display.
    var className: String { get }
    var config: [String: JSONValue] { get }
}

/// initial · rate^(step / decaySteps), the exponent cut to an integer with `staircase`.
public struct ExponentialDecay: LearningRateSchedule {
    public let initialLearningRate: Double, decaySteps: Int, decayRate: Double, staircase: Bool

    public init(initialLearningRate: Double, decaySteps: Int, decayRate: Double, staircase: Bool = false) throws {
        guard decaySteps > 0, decayRate > 0 else {
            throw NNError("ExponentialDecay", .value, "decay_steps and decay_rate must be positive, got \(decaySteps) and \(decayRate)")
        }
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    public func learningRate(atStep step: Int) -> Double {
        var exponent = Double(step) / Double(decaySteps)
        if staircase { exponent.round(.down) }
        return initialLearningRate * Glibc.pow(decayRate, exponent)
    }

    public var className: String { "ExponentialDecay" }
    public var config: [String: JSONValue] {
        ["initial_learning_rate": .number(initialLearningRate), "decay_steps": .number(Double(decaySteps)),
         "decay_rate": .number(decayRate), "staircase": .bool(staircase)]
    }
}

/// values[0] up to boundaries[0] (inclusive), values[1] up to boundaries[1], ..., the last value after.
public struct PiecewiseConstantDecay: LearningRateSchedule {
    public let boundaries: [Int], values: [Double]

    public init(boundaries: [Int], values: [Double]) throws {
        guard values.count == boundaries.count + 1, zip(boundaries, boundaries.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw NNError("PiecewiseConstantDecay", .value, "needs increasing boundaries and one more value than boundaries, got \(boundaries.count) boundaries and \(values.count) values")
        }
        self.boundaries = boundaries
        self.values = values
    }

    public func learningRate(atStep step: Int) -> Double {
        values[boundaries.firstIndex(where: { step <= $0 }) ?? boundaries.count]
    }

    public var className: String { "PiecewiseConstantDecay" }
    public var config: [String: JSONValue] {
        ["boundaries": .array(boundaries.map { .number(Double($0)) }), "values": .array(values.map { .number($0) })]
    }
}

/// Cosine decay from the initial rate (or, after a linear warm-up of `warmupSteps`, from
/// `warmupTarget`) down to alpha times it over `decaySteps`, then constant.
public struct CosineDecay: LearningRateSchedule {
    public let initialLearningRate: Double, decaySteps: Int, alpha: Double, warmupTarget: Double?, warmupSteps: Int

    public init(initialLearningRate: Double, decaySteps: Int, alpha: Double = 0, warmupTarget: Double? = nil, warmupSteps: Int = 0) throws {
        guard decaySteps > 0, warmupSteps >= 0 else {
            throw NNError("CosineDecay", .value, "decay_steps must be positive and warmup_steps not negative, got \(decaySteps) and \(warmupSteps)")
        }
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.alpha = alpha
        self.warmupTarget = warmupTarget
        self.warmupSteps = warmupSteps
    }

    private func decayed(_ step: Int, from rate: Double) -> Double {
        let fraction = Double(Swift.min(step, decaySteps)) / Double(decaySteps)
        return rate * ((1 - alpha) * 0.5 * (1 + cos(Double.pi * fraction)) + alpha)
    }

    public func learningRate(atStep step: Int) -> Double {
        guard let warmupTarget else { return decayed(step, from: initialLearningRate) }
        let s = Swift.min(step, decaySteps + warmupSteps)
        if s < warmupSteps {
            return initialLearningRate + (warmupTarget - initialLearningRate) * Double(s) / Double(warmupSteps)
        }
        return decayed(s - warmupSteps, from: warmupTarget)
    }

    public var className: String { "CosineDecay" }
    public var config: [String: JSONValue] {
        ["initial_learning_rate": .number(initialLearningRate), "decay_steps": .number(Double(decaySteps)), "alpha": .number(alpha),
         "warmup_target": warmupTarget.map { .number($0) } ?? .null, "warmup_steps": .number(Double(warmupSteps))]
    }
}

/// initial / (1 + rate · step / decaySteps), the quotient cut to an integer with `staircase`.
public struct InverseTimeDecay: LearningRateSchedule {
    public let initialLearningRate: Double, decaySteps: Int, decayRate: Double, staircase: Bool

    public init(initialLearningRate: Double, decaySteps: Int, decayRate: Double, staircase: Bool = false) throws {
        guard decaySteps > 0, decayRate >= 0 else {
            throw NNError("InverseTimeDecay", .value, "decay_steps must be positive and decay_rate not negative, got \(decaySteps) and \(decayRate)")
        }
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
    }

    public func learningRate(atStep step: Int) -> Double {
        var t = Double(step) / Double(decaySteps)
        if staircase { t.round(.down) }
        return initialLearningRate / (1 + decayRate * t)
    }

    public var className: String { "InverseTimeDecay" }
    public var config: [String: JSONValue] {
        ["initial_learning_rate": .number(initialLearningRate), "decay_steps": .number(Double(decaySteps)),
         "decay_rate": .number(decayRate), "staircase": .bool(staircase)]
    }
}
