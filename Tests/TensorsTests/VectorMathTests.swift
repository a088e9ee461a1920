import CKernels
import Foundation
import Testing
@testable import Tensors

extension TensorsTests {
    /// The vector kernels of exp, sigmoid and tanh (the instruction set this processor dispatches to) against
    /// double-precision references: within 4 ulps across the float range that does not overflow, and the
    /// special values exact.
    @Suite struct VectorMathTests {
        /// A sweep from −110 to 95 with steps that hit many exponents and fractions, and the special values.
        static let inputs: [Float] = stride(from: -110.0, through: 95.0, by: 0.0137).map { Float($0) }
            + [0, -0, 1e-30, -1e-30, 0.625, -0.625, 20, -20, 88.7, -103.9, .infinity, -.infinity, .nan]

        static func ulps(_ value: Float, _ reference: Double) -> Double {
            if value.isNaN || reference.isNaN { return value.isNaN && reference.isNaN ? 0 : .infinity }
            if Double(value) == reference { return 0 }
            if Float(reference).isInfinite { return value == Float(reference) ? 0 : .infinity }
            let spacing = Double(Float(reference).ulp)
            return abs(Double(value) - reference) / Swift.max(spacing, Double(Float.leastNonzeroMagnitude))
        }

        func check(_ name: String, _ kernel: (Tensor) throws -> Tensor, _ reference: (Double) -> Double) throws {
            let x = try Tensor(Self.inputs, shape: [Self.inputs.count])
            let y = try kernel(x).toArray(Float.self)
            var worst = 0.0, at: Float = 0
            for (input, value) in zip(Self.inputs, y) {
                let error = Self.ulps(value, reference(Double(input)))
                if error > worst { worst = error; at = input }
            }
            #expect(worst <= 4, "\(name) on \(String(cString: lunette_vector_isa())): \(worst) ulps at x = \(at)")
        }

        @Test func exp() throws {
            try check("exp", { try $0.exp() }) { x in Foundation.exp(x) }
        }

        @Test func sigmoid() throws {
            try check("sigmoid", { try $0.sigmoid() }) { x in 1 / (1 + Foundation.exp(-x)) }
        }

        @Test func tanh() throws {
            try check("tanh", { try $0.tanh() }) { x in Foundation.tanh(x) }
        }
    }
}
