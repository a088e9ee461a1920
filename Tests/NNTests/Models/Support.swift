import Foundation
import Testing
@testable import NN
@testable import Tensors

/// The model-level suites run one after another: they share the random generator and the automatic
/// layer names (which summaries show).
@Suite(.serialized) struct ModelsSuite {}

/// Keras 3's numbers and texts, made once by Tests/NNFixtures/make_keras_models_reference.py.
enum KerasReference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("NNFixtures/keras_models_reference.json")
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

func floatValues(_ t: Tensor) throws -> [Float] { try t.toArray(Float.self) }

func makeTensor(_ values: [Float], _ shape: [Int]) throws -> Tensor { try Tensor(values, shape: shape) }

func isClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance * Swift.max(1, Swift.abs($1)) }
}

func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-5) -> Bool {
    Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b))
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
