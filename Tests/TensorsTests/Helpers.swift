import Testing
@testable import Tensors

/// All suites run one after another: they share the process-wide random generator and memory counters.
@Suite(.serialized) struct TensorsTests {}

/// A float32 tensor from values and a shape (tests only; the shapes given are always valid).
func tensor(_ values: [Float], _ shape: [Int]) throws -> Tensor { try Tensor(values, shape: shape) }

func floats(_ t: Tensor) throws -> [Float] { try t.toArray(Float.self) }
func ints(_ t: Tensor) throws -> [Int64] { try t.toArray(Int64.self) }

func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance * Swift.max(1, Swift.abs($1)) }
}

/// A parameter for gradient checks: random values in [-1, 1) (optionally kept away from 0), requiring grad.
func parameter(_ shape: [Int], awayFromZero: Bool = false, positive: Bool = false) throws -> Tensor {
    var t = try Tensor.uniform(shape, low: -1, high: 1)
    if awayFromZero { t = try t.sign() * (t.abs() + 0.2) }
    if positive { t = try t.abs() + 0.2 }
    return try t.contiguous().detach().setRequiresGrad()
}

/// Finite-difference gradient check. The analytic gradient of the loss L = Σ w ⊙ f(inputs) (w random,
/// fixed) is compared with central differences (L(x + ε) − L(x − ε)) / 2ε, ε = 1e-3, where L is computed
/// in float32 by `f` and accumulated in Double. Tolerance: |analytic − numeric| ≤ 2e-3 + 1e-2·|numeric|,
/// which float32 rounding (≈1e-7 relative, amplified by 1/ε) stays well inside while a wrong formula
/// does not.
func checkGradients(_ inputs: [Tensor], recordWhileEvaluating: Bool = false,
                    sourceLocation: SourceLocation = #_sourceLocation,
                    _ f: ([Tensor]) throws -> Tensor) throws {
    let output = try f(inputs)
    Random.manualSeed(7)
    let weights = try Tensor.uniform(Array(output.shape), low: 0.5, high: 1.5)
    let w = try floats(weights)
    for x in inputs { x.grad = nil }
    try (output * weights).sum().backward()

    func loss() throws -> Double {
        let values = try Autograd.withGradients(enabled: recordWhileEvaluating) { try floats(f(inputs)) }
        return zip(values, w).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    let epsilon: Float = 1e-3
    for (k, x) in inputs.enumerated() {
        let analytic = try x.grad.map(floats) ?? [Float](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let original = try x.withUnsafeBufferPointer(as: Float.self) { $0[i] }
            func set(_ v: Float) throws { try x.withUnsafeMutableBufferPointer(as: Float.self) { $0[i] = v } }
            try set(original + epsilon)
            let plus = try loss()
            try set(original - epsilon)
            let minus = try loss()
            try set(original)
            let numeric = (plus - minus) / (2 * Double(epsilon))
            let difference = Swift.abs(Double(analytic[i]) - numeric)
            #expect(difference <= 2e-3 + 1e-2 * Swift.abs(numeric),
                    "input \(k) element \(i): analytic \(analytic[i]) numeric \(numeric)", sourceLocation: sourceLocation)
        }
    }
}

/// Checks second derivatives: the gradient of `f` (taken with `createGraph`, weighted by a fixed random
/// tensor) must itself have the gradient that finite differences give.
func checkSecondDerivatives(_ inputs: [Tensor], sourceLocation: SourceLocation = #_sourceLocation,
                            _ f: ([Tensor]) throws -> Tensor) throws {
    Random.manualSeed(11)
    let probe = try Tensor.uniform(Array(try Autograd.withoutGradients { try f(inputs) }.shape), low: 0.5, high: 1.5)
    try checkGradients(inputs, recordWhileEvaluating: true, sourceLocation: sourceLocation) { xs in
        let grads = try Autograd.grad(outputs: [(f(xs) * probe).sum()], inputs: xs, createGraph: true, allowUnused: true)
        return try Tensor.concat(zip(grads, xs).map { g, x in try (g ?? Tensor.zeros(like: x)).reshape([-1]) })
    }
}
