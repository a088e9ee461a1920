/// How `Autograd.gradcheck` perturbs and how strictly it compares. The defaults suit float32: a step of
/// 1e-3 keeps the truncation error of central differences (ε² times the third derivative) near 1e-6,
/// while float32 rounding of the sum (≈6e-8 relative), amplified by 1/2ε, stays well under
/// `absoluteTolerance` for sums of moderate size; a wrong formula (a missing term, a wrong sign or
/// factor) does not.
public struct GradientCheckOptions: Sendable {
    /// The step ε of the central differences (f(x + ε) − f(x − ε)) / 2ε.
    public var epsilon: Double
    /// An element passes when |analytic − numeric| ≤ absoluteTolerance + relativeTolerance·|numeric|.
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    /// Records the graph while evaluating `f` for the differences: needed when `f` itself differentiates
    /// (checking second derivatives through `Autograd.grad(createGraph: true)`); slower otherwise.
    public var recordWhileEvaluating: Bool

    public init(epsilon: Double = 1e-3, absoluteTolerance: Double = 2e-3, relativeTolerance: Double = 1e-2,
                recordWhileEvaluating: Bool = false) {
        self.epsilon = epsilon
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.recordWhileEvaluating = recordWhileEvaluating
    }
}

/// What `Autograd.gradcheck` found: how many gradient elements it compared, how many were out of
/// tolerance, and the element furthest out (relative to its own tolerance).
public struct GradientCheckResult: CustomStringConvertible, Sendable {
    /// One compared element of one input's gradient.
    public struct Element: Sendable {
        /// Which input (0-based, among all inputs given).
        public let input: Int
        /// Its position in that input (0-based per dimension).
        public let position: [Int]
        public let analytic: Double
        public let numeric: Double
        /// The largest difference its tolerance allows.
        public let allowed: Double

        public var error: Double { abs(analytic - numeric) }
    }

    public let checked: Int
    public let failures: Int
    /// The element with the largest error over allowed error; nil when there was nothing to compare.
    public let worst: Element?

    public var passed: Bool { failures == 0 }

    public var description: String {
        guard let worst else { return "gradcheck: no element compared" }
        let verdict = passed ? "all \(checked) elements agree" : "\(failures) of \(checked) elements differ"
        return "gradcheck: \(verdict); worst: input \(worst.input) at \(worst.position): analytic \(worst.analytic), "
            + "numeric \(worst.numeric), error \(worst.error) (allowed \(worst.allowed))"
    }
}

extension Autograd {
    /// Checks the gradients autograd computes for `f` against central finite differences, as
    /// torch.autograd.gradcheck and Torch7's nn.Jacobian do.
    ///
    /// Rather than the whole Jacobian, it compares one vector-Jacobian product per input: the gradient
    /// of L = Σₖ wₖ ⊙ outputₖ with fixed weights w in [0.5, 1.5) (drawn from a private generator, so the
    /// global random stream is not disturbed), which one backward pass gives and which a wrong partial
    /// derivative changes. Each element of each input that requires grad is moved by ±ε in place, L is
    /// evaluated in float32 and summed in Double, and the element is restored; `f` may therefore read
    /// the inputs through captured references (a layer's weights) as well as through its argument.
    /// Inputs that do not require grad are constants; one given twice is checked once. The inputs' `grad`
    /// fields are left alone.
    public static func gradcheck(_ inputs: [Tensor], options: GradientCheckOptions = GradientCheckOptions(),
                                 _ f: ([Tensor]) throws -> [Tensor]) throws -> GradientCheckResult {
        // A tensor given twice is one variable: its gradient is the sum of both uses.
        var seen = Set<ObjectIdentifier>()
        let variables = inputs.enumerated().filter { $0.element.requiresGrad && seen.insert(ObjectIdentifier($0.element)).inserted }
        guard !variables.isEmpty else {
            throw TensorError("gradcheck", .autograd, "no input requires grad, so there is no gradient to check")
        }
        for (k, input) in variables where !input.isLeaf {
            throw TensorError("gradcheck", .autograd, "input \(index: k) is computed from other tensors; gradcheck perturbs leaves (made directly, with requiresGrad)")
        }

        let outputs = try withGradients(enabled: true) { try f(inputs) }
        var generator = SeededGenerator(seed: 7)
        let weights = try outputs.map { output in
            try Tensor((0..<output.count).map { _ in 0.5 + generator.nextFloat() }, shape: output.shape.array)
        }
        let analytic = try Autograd.grad(outputs: outputs.filter(\.requiresGrad),
                                         inputs: variables.map(\.element),
                                         gradOutputs: zip(outputs, weights).filter { $0.0.requiresGrad }.map(\.1),
                                         allowUnused: true)
        let flatWeights = try weights.map { try $0.toArray(Float.self) }
        func weightedSum() throws -> Double {
            let values = try withGradients(enabled: options.recordWhileEvaluating) {
                try f(inputs).map { try $0.toArray(Float.self) }
            }
            return zip(values, flatWeights).reduce(0.0) { sum, pair in
                zip(pair.0, pair.1).reduce(sum) { $0 + Double($1.0) * Double($1.1) }
            }
        }

        var checked = 0, failures = 0
        var worst: (ratio: Double, element: GradientCheckResult.Element)?
        for ((k, input), gradient) in zip(variables, analytic) {
            let derivatives = try gradient.map { try $0.toArray(Float.self) } ?? [Float](repeating: 0, count: input.count)
            for i in 0..<input.count {
                let numeric = try ElementPerturbation(input, element: i).centralDifference(epsilon: Float(options.epsilon), weightedSum)
                let allowed = options.absoluteTolerance + options.relativeTolerance * abs(numeric)
                let element = GradientCheckResult.Element(input: k, position: input.shape.position(ofFlatIndex: i),
                                                          analytic: Double(derivatives[i]), numeric: numeric, allowed: allowed)
                checked += 1
                if element.error > allowed || element.error.isNaN { failures += 1 }
                let ratio = element.error.isNaN ? .infinity : element.error / allowed
                if worst.map({ ratio > $0.ratio }) ?? true { worst = (ratio, element) }
            }
        }
        return GradientCheckResult(checked: checked, failures: failures, worst: worst?.element)
    }

    /// `gradcheck` of a function with one output.
    public static func gradcheck(_ inputs: [Tensor], options: GradientCheckOptions = GradientCheckOptions(),
                                 _ f: ([Tensor]) throws -> Tensor) throws -> GradientCheckResult {
        try gradcheck(inputs, options: options) { [try f($0)] }
    }
}

/// One float32 element of a leaf, moved in place and put back. Its storage version is left as it was:
/// the element always returns to its exact value before anything could observe the change.
private struct ElementPerturbation {
    let address: UnsafeMutablePointer<Float>
    let tensor: Tensor

    init(_ tensor: Tensor, element: Int) throws {
        guard tensor.dtype == .float32 else {
            throw TensorError("gradcheck", .dtype, "inputs that require grad are float32, this one is \(tensor.dtype)")
        }
        var offset = 0, remainder = element
        for dim in stride(from: tensor.rank - 1, through: 0, by: -1) {
            offset += (remainder % tensor.shape[dim]) * tensor.strides[dim]
            remainder /= tensor.shape[dim]
        }
        self.tensor = tensor
        address = tensor.pointer(Float.self) + offset
    }

    /// (L(x + ε) − L(x − ε)) divided by the step float32 actually took.
    func centralDifference(epsilon: Float, _ evaluate: () throws -> Double) throws -> Double {
        try withExtendedLifetime(tensor) {
            let original = address.pointee
            defer { address.pointee = original }
            let up = original + epsilon, down = original - epsilon
            address.pointee = up
            let plus = try evaluate()
            address.pointee = down
            let minus = try evaluate()
            return (plus - minus) / (Double(up) - Double(down))
        }
    }
}

private extension Shape {
    /// The per-dimension position of the `flat`-th element in row-major order.
    func position(ofFlatIndex flat: Int) -> [Int] {
        var position = [Int](repeating: 0, count: rank), remainder = flat
        for dim in stride(from: rank - 1, through: 0, by: -1) where self[dim] > 0 {
            position[dim] = remainder % self[dim]
            remainder /= self[dim]
        }
        return position
    }
}
