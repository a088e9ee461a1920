#if canImport(Glibc)
import Glibc
#endif
import CKernels
import Tensors

/// Adam (Keras 3): m += (g − m)(1 − β1); v += (g² − v)(1 − β2); with amsgrad v̂ = max(v̂, v);
/// p −= lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε).
public class Adam: Optimizer {
    public let beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool

    public convenience init(learningRate: Double = OptimizerKind.defaultNumber("adam", "learning_rate"),
                            beta1: Double = OptimizerKind.defaultNumber("adam", "beta_1"),
                            beta2: Double = OptimizerKind.defaultNumber("adam", "beta_2"),
                            epsilon: Double = OptimizerKind.defaultNumber("adam", "epsilon"),
                            amsgrad: Bool = OptimizerKind.defaultFlag("adam", "amsgrad"),
                            parameters: [Tensor] = []) throws {
        try self.init(name: "adam", learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad, parameters: parameters)
    }

    init(name: String, learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool, parameters: [Tensor]) throws {
        try Optimizer.checkRate(learningRate, op: name)
        guard (0..<1).contains(beta1), (0..<1).contains(beta2), epsilon > 0 else {
            throw NNError(name, .value, "beta_1 and beta_2 must lie in [0, 1) and epsilon be positive, got \(beta1), \(beta2), \(epsilon)")
        }
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        super.init(name: name, learningRate: learningRate, parameters: parameters)
    }

    override var slotCount: Int { amsgrad ? 3 : 2 }
    override var className: String { "Adam" }
    override var ownConfig: [String: JSONValue] {
        ["beta_1": .number(beta1), "beta_2": .number(beta2), "epsilon": .number(epsilon), "amsgrad": .bool(amsgrad)]
    }

    override func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ slots: [UnsafeMutablePointer<Float>], _ n: Int, _ step: UpdateStep) {
        let t = Double(step.iteration)
        let alpha = Float(Double(step.learningRate) * (1 - Glibc.pow(beta2, t)).squareRoot() / (1 - Glibc.pow(beta1, t)))
        let m = slots[0], v = slots[1], b1 = Float(1 - beta1), b2 = Float(1 - beta2), eps = Float(epsilon)
        let vMax: UnsafeMutablePointer<Float>? = amsgrad ? slots[2] : nil
        // One vectorized pass (the buffers never alias); AMSGrad's running maximum takes the loop below.
        var i = 0
        if vMax == nil {
            lunette_adam(p, g, m, v, Int64(n), alpha, b1, b2, eps)
            i = n
        }
        while i < n {
            m[i] += (g[i] - m[i]) * b1
            v[i] += (g[i] * g[i] - v[i]) * b2
            var denominator = v[i]
            if let vMax {
                vMax[i] = Swift.max(vMax[i], v[i])
                denominator = vMax[i]
            }
            p[i] -= alpha * m[i] / (denominator.squareRoot() + eps)
            i += 1
        }
    }
}

/// Adam with decoupled weight decay (Keras 3's AdamW, weight_decay 0.004): p −= p·wd·lr, then Adam.
public final class AdamW: Adam {
    public init(learningRate: Double = OptimizerKind.defaultNumber("adamw", "learning_rate"),
                weightDecay: Double = OptimizerKind.defaultNumber("adamw", "weight_decay"),
                beta1: Double = OptimizerKind.defaultNumber("adamw", "beta_1"),
                beta2: Double = OptimizerKind.defaultNumber("adamw", "beta_2"),
                epsilon: Double = OptimizerKind.defaultNumber("adamw", "epsilon"),
                amsgrad: Bool = OptimizerKind.defaultFlag("adamw", "amsgrad"),
                parameters: [Tensor] = []) throws {
        guard weightDecay >= 0 else { throw NNError("adamw", .value, "weight_decay must not be negative, got \(weightDecay)") }
        try super.init(name: "adamw", learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad, parameters: parameters)
        self.weightDecay = weightDecay
    }

    override var className: String { "AdamW" }
}
