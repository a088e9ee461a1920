import Tensors

/// RMSprop (Keras 3): v = ρ·v + (1 − ρ)·g²; centered also a = ρ·a + (1 − ρ)·g and the denominator
/// v − a² + ε, else v + ε; step = lr·g/√denominator, through momentum when momentum > 0.
public final class RMSprop: Optimizer {
    public let rho: Double, momentum: Double, epsilon: Double, centered: Bool

    public init(learningRate: Double = OptimizerKind.defaultNumber("rmsprop", "learning_rate"),
                rho: Double = OptimizerKind.defaultNumber("rmsprop", "rho"),
                momentum: Double = OptimizerKind.defaultNumber("rmsprop", "momentum"),
                epsilon: Double = OptimizerKind.defaultNumber("rmsprop", "epsilon"),
                centered: Bool = OptimizerKind.defaultFlag("rmsprop", "centered"),
                parameters: [Tensor] = []) throws {
        try Optimizer.checkRate(learningRate, op: "rmsprop")
        guard (0...1).contains(rho), (0...1).contains(momentum), epsilon > 0 else {
            throw NNError("rmsprop", .value, "rho and momentum must lie in [0, 1] and epsilon be positive, got \(rho), \(momentum), \(epsilon)")
        }
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        super.init(name: "rmsprop", learningRate: learningRate, parameters: parameters)
    }

    /// velocity, then momentum and average gradient when used.
    override var slotCount: Int { 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0) }
    override var className: String { "RMSprop" }
    override var ownConfig: [String: JSONValue] {
        ["rho": .number(rho), "momentum": .number(momentum), "epsilon": .number(epsilon), "centered": .bool(centered)]
    }

    override func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ slots: [UnsafeMutablePointer<Float>], _ n: Int, _ step: UpdateStep) {
        let lr = step.learningRate, r = Float(rho), eps = Float(epsilon), mu = Float(momentum)
        let velocity = slots[0]
        let momentumBuffer: UnsafeMutablePointer<Float>? = momentum > 0 ? slots[1] : nil
        let average: UnsafeMutablePointer<Float>? = centered ? slots[slots.count - 1] : nil
        for i in 0..<n {
            velocity[i] = r * velocity[i] + (1 - r) * g[i] * g[i]
            var denominator = velocity[i] + eps
            if let average {
                average[i] = r * average[i] + (1 - r) * g[i]
                denominator -= average[i] * average[i]
            }
            let increment = lr * g[i] / denominator.squareRoot()
            if let momentumBuffer {
                momentumBuffer[i] = mu * momentumBuffer[i] + increment
                p[i] -= momentumBuffer[i]
            } else {
                p[i] -= increment
            }
        }
    }
}
