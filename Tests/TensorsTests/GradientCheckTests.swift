import Testing
@testable import Tensors

extension TensorsTests {
    /// The library's finite-difference check itself: it finds a wrong backward, names the element, and
    /// leaves the inputs, their gradients and the global random stream as they were.
    @Suite struct GradientCheckTests {
        /// x² with a backward that is wrong by `factor` (2x·factor instead of 2x).
        func square(_ x: Tensor, backwardFactor factor: Double) throws -> Tensor {
            let output = try Autograd.withoutGradients { try x * x }
            return Autograd.record("square", inputs: [x], output: output, saving: [x]) { g in [try g * x * (2 * factor)] }
        }

        @Test func agreesWithACorrectBackwardAndFindsAWrongOne() throws {
            let x = try tensor([0.5, -0.1, 4, 0.25], [2, 2]).setRequiresGrad()
            let good = try Autograd.gradcheck([x]) { try square($0[0], backwardFactor: 1) }
            #expect(good.passed && good.checked == 4 && good.failures == 0, "\(good)")

            let bad = try Autograd.gradcheck([x]) { try square($0[0], backwardFactor: 1.5) }
            #expect(bad.failures == 4)
            let worst = try #require(bad.worst)
            // The largest error is at x = 4: analytic 12·w against numeric 8·w.
            #expect(worst.input == 0 && worst.position == [1, 0])
            #expect(Swift.abs(worst.analytic / worst.numeric - 1.5) < 1e-2, "\(bad)")
            #expect(bad.description.contains("4 of 4 elements differ"))
        }

        @Test func leavesInputsGradientsAndRandomNumbersAlone() throws {
            let x = try tensor([0.5, -1, 2], [3]).setRequiresGrad()
            let grad = try tensor([7, 7, 7], [3])
            x.grad = grad
            let constant = try tensor([1, 2, 3], [3])
            Random.manualSeed(3)
            let expected = try floats(Tensor.rand([4]))
            Random.manualSeed(3)
            let result = try Autograd.gradcheck([x, constant]) { try ($0[0] * $0[1]).exp() }
            #expect(result.passed && result.checked == 3, "\(result)")
            #expect(try floats(Tensor.rand([4])) == expected)
            #expect(try floats(x) == [0.5, -1, 2])
            #expect(x.grad === grad)
            #expect(try floats(grad) == [7, 7, 7])
        }

        @Test func checksStridedInputsAndRefusesWhatItCannotPerturb() throws {
            let base = try tensor([1, 2, 3, 4, 5, 6], [2, 3])
            let columns = try base.t().detach().setRequiresGrad()   // a leaf viewing the storage with strides
            let result = try Autograd.gradcheck([columns]) { try $0[0].sin().sum(dims: [1]) }
            #expect(result.passed && result.checked == 6, "\(result)")
            #expect(throws: TensorError.self) { try Autograd.gradcheck([base]) { $0[0] } }
            let derived = try tensor([1], [1]).setRequiresGrad() * 2.0
            #expect(throws: TensorError.self) { try Autograd.gradcheck([derived]) { $0[0] } }
        }
    }
}
