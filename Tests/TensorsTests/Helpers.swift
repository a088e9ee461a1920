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

/// The library's finite-difference check (`Autograd.gradcheck`: central differences of a weighted sum
/// of the outputs) at the tolerance these tests have always used: ε = 1e-3 and
/// |analytic − numeric| ≤ 2e-3 + 1e-2·|numeric|, which float32 rounding (≈1e-7 relative, amplified by
/// 1/ε) stays well inside while a wrong formula does not.
func checkGradients(_ inputs: [Tensor], recordWhileEvaluating: Bool = false,
                    sourceLocation: SourceLocation = #_sourceLocation,
                    _ f: ([Tensor]) throws -> Tensor) throws {
    let options = GradientCheckOptions(epsilon: 1e-3, absoluteTolerance: 2e-3, relativeTolerance: 1e-2,
                                       recordWhileEvaluating: recordWhileEvaluating)
    let result = try Autograd.gradcheck(inputs, options: options, f)
    #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
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
