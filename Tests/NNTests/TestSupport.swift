import Foundation
import Testing
@testable import NN
@testable import Tensors

/// Every NN suite runs one after another: they share the process-wide random generator and the automatic
/// layer names (which summaries show).
@Suite(.serialized) struct NNSuite {
    /// The functional ops (Sources/Tensors/NeuralKernels and Sources/NN/Functional).
    @Suite struct FunctionalTests {}
    /// Layers, models, training and saving.
    @Suite struct ModelsSuite {}
}

typealias FunctionalTests = NNSuite.FunctionalTests
typealias ModelsSuite = NNSuite.ModelsSuite

func tensor(_ values: [Float], _ shape: [Int]) throws -> Tensor { try Tensor(values, shape: shape) }
func floats(_ t: Tensor) throws -> [Float] { try t.toArray(Float.self) }

/// True when every element is within `tolerance` (absolute, or relative for values above 1).
func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance * Swift.max(1, Swift.abs($1)) }
}

func close(_ a: Double, _ b: Double, tolerance: Double = 1e-5) -> Bool {
    Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b))
}

/// The largest absolute difference, for messages.
func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
}

/// A leaf requiring grad with values uniform in [-scale, scale).
func parameter(_ shape: [Int], scale: Double = 1) throws -> Tensor {
    try Tensor.uniform(shape, low: -scale, high: scale).setRequiresGrad()
}

/// The library's finite-difference check (`Autograd.gradcheck`) at the tolerance these tests have always
/// used: ε = 1e-2 by default and |analytic − numeric| ≤ 5e-3 + 1e-2·|numeric|; float32 rounding stays
/// well inside it, a wrong formula (a missing tap, a wrong sign) does not. Functions with kinks (max
/// pooling, relu) take inputs that keep away from them.
func checkGradients(_ inputs: [Tensor], epsilon: Float = 1e-2, sourceLocation: SourceLocation = #_sourceLocation,
                    _ f: ([Tensor]) throws -> Tensor) throws {
    let options = GradientCheckOptions(epsilon: Double(epsilon), absoluteTolerance: 5e-3, relativeTolerance: 1e-2)
    let result = try Autograd.gradcheck(inputs, options: options, f)
    #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
}

/// Expects `body` to throw a `TensorError` whose message contains every one of `fragments`.
func expectError(_ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Any) {
    do {
        _ = try body()
        Issue.record("expected an error mentioning \(fragments)", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        for fragment in fragments {
            #expect(error.description.contains(fragment), "\(error.description) does not mention \(fragment)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

/// A temporary folder for files a test writes, removed afterwards by the caller.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "lunette-nn-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Expects `body` to throw an NNError of `kind` whose message contains each of `fragments`.
func expectNNError(_ kind: NNError.Kind, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected an NNError", sourceLocation: sourceLocation)
    } catch let error as NNError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.description.contains(fragment), "\(error) lacks \(fragment)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected an NNError, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Keras 3's numbers and texts, made once by Tests/NNFixtures/make_keras_models_reference.py.
enum KerasReference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NNFixtures/keras_models_reference.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    static func section(_ name: String) -> [String: Any] { json[name] as? [String: Any] ?? [:] }
    static func text(_ name: String) -> String { json[name] as? String ?? "" }
    static func number(_ section: String, _ key: String) -> Double {
        (self.section(section)[key] as? NSNumber)?.doubleValue ?? .nan
    }
}

/// Recurrent layer options for the layer tests.
func recurrent(sequences: Bool = false, state: Bool = false, backwards: Bool = false) -> RecurrentOptions {
    var options = RecurrentOptions()
    options.returnSequences = sequences
    options.returnState = state
    options.goBackwards = backwards
    return options
}
