import CKernels

/// Stochastic gradient descent with optional momentum and Nesterov momentum (Keras 3):
/// m = momentum·m − lr·g; p += m (or p += momentum·m − lr·g with Nesterov); p −= lr·g without momentum.
public final class SGD: Optimizer {
    public let momentum: Double
    public let nesterov: Bool

    public init(learningRate: Double = OptimizerKind.defaultNumber("sgd", "learning_rate"),
                momentum: Double = OptimizerKind.defaultNumber("sgd", "momentum"),
                nesterov: Bool = OptimizerKind.defaultFlag("sgd", "nesterov"),
                parameters: [Tensor] = []) throws {
        try Optimizer.checkRate(learningRate, op: "SGD")
        guard momentum >= 0, momentum <= 1 else { throw NNError("SGD", .value, "momentum must lie in [0, 1], got \(momentum)") }
        self.momentum = momentum
        self.nesterov = nesterov
        super.init(name: "sgd", learningRate: learningRate, parameters: parameters)
    }

    override var slotCount: Int { momentum > 0 ? 1 : 0 }
    override var className: String { "SGD" }
    override var ownConfig: [String: JSONValue] { ["momentum": .number(momentum), "nesterov": .bool(nesterov)] }

    override func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ slots: [UnsafeMutablePointer<Float>], _ n: Int, _ step: UpdateStep) {
        let lr = step.learningRate
        guard momentum > 0 else {
            lunette_sgd(p, g, Int64(n), lr)
            return
        }
        let m = slots[0], mu = Float(momentum)
        if nesterov {
            for i in 0..<n {
                m[i] = mu * m[i] - lr * g[i]
                p[i] += mu * m[i] - lr * g[i]
            }
        } else {
            for i in 0..<n {
                m[i] = mu * m[i] - lr * g[i]
                p[i] += m[i]
            }
        }
    }
}

import Tensors
