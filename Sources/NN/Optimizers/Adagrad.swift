import Tensors

/// Adagrad (Keras 3): a += g²; p −= lr·g/√(a + ε), the accumulator starting at 0.1.
public final class Adagrad: Optimizer {
    public let initialAccumulatorValue: Double, epsilon: Double

    public init(learningRate: Double = OptimizerKind.defaultNumber("adagrad", "learning_rate"),
                initialAccumulatorValue: Double = OptimizerKind.defaultNumber("adagrad", "initial_accumulator_value"),
                epsilon: Double = OptimizerKind.defaultNumber("adagrad", "epsilon"),
                parameters: [Tensor] = []) throws {
        try Optimizer.checkRate(learningRate, op: "adagrad")
        guard initialAccumulatorValue >= 0, epsilon > 0 else {
            throw NNError("adagrad", .value, "initial_accumulator_value must be ≥ 0 and epsilon positive, got \(initialAccumulatorValue) and \(epsilon)")
        }
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
        super.init(name: "adagrad", learningRate: learningRate, parameters: parameters)
    }

    override var slotCount: Int { 1 }
    override var slotInitialValue: Float { Float(initialAccumulatorValue) }
    override var className: String { "Adagrad" }
    override var ownConfig: [String: JSONValue] {
        ["initial_accumulator_value": .number(initialAccumulatorValue), "epsilon": .number(epsilon)]
    }

    override func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ slots: [UnsafeMutablePointer<Float>], _ n: Int, _ step: UpdateStep) {
        let lr = step.learningRate, eps = Float(epsilon), a = slots[0]
        for i in 0..<n {
            a[i] += g[i] * g[i]
            p[i] -= lr * g[i] / (a[i] + eps).squareRoot()
        }
    }
}
