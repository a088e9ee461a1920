import Testing
import Tensors
@testable import NN

extension FunctionalTests {
    /// Finite-difference checks of the fused recurrent sequences through every output (sequence, last
    /// hidden state, last cell state), with and without initial states, forwards and backwards.
    @Suite struct RecurrentGradientTests {
        init() { Random.manualSeed(31) }

        /// The sum of all outputs weighted differently, so every path back matters.
        func combined(_ output: RecurrentOutput) throws -> Tensor {
            var total = try output.sequence.reshape([-1])
            total = try Tensor.concat([total, output.lastHidden.mul(0.7).reshape([-1])])
            if let cell = output.lastCell { total = try Tensor.concat([total, cell.mul(-1.3).reshape([-1])]) }
            return total
        }

        @Test(arguments: [false, true])
        func lstm(goBackwards: Bool) throws {
            let x = try parameter([2, 4, 3]), w = try parameter([3, 8], scale: 0.6), u = try parameter([2, 8], scale: 0.6)
            let b = try parameter([8]), h0 = try parameter([2, 2]), c0 = try parameter([2, 2])
            try checkGradients([x, w, u, b, h0, c0]) {
                try combined(Functional.lstm($0[0], kernel: $0[1], recurrentKernel: $0[2], bias: $0[3], initialHidden: $0[4],
                                             initialCell: $0[5], goBackwards: goBackwards))
            }
            try checkGradients([x, w, u]) {
                try combined(Functional.lstm($0[0], kernel: $0[1], recurrentKernel: $0[2], goBackwards: goBackwards,
                                             activation: .sigmoid, recurrentActivation: .hardSigmoid))
            }
        }

        @Test(arguments: [false, true])
        func gru(goBackwards: Bool) throws {
            let x = try parameter([2, 4, 3]), w = try parameter([3, 9], scale: 0.6), u = try parameter([3, 9], scale: 0.6)
            let b = try parameter([2, 9]), h0 = try parameter([2, 3])
            try checkGradients([x, w, u, b, h0]) {
                try combined(Functional.gru($0[0], kernel: $0[1], recurrentKernel: $0[2], bias: $0[3], initialHidden: $0[4],
                                            goBackwards: goBackwards))
            }
            try checkGradients([x, w, u]) {
                try combined(Functional.gru($0[0], kernel: $0[1], recurrentKernel: $0[2], goBackwards: goBackwards, activation: .linear))
            }
        }

        @Test(arguments: [false, true])
        func simpleRNN(goBackwards: Bool) throws {
            let x = try parameter([3, 5, 2]), w = try parameter([2, 4], scale: 0.6), u = try parameter([4, 4], scale: 0.6)
            let b = try parameter([4]), h0 = try parameter([3, 4])
            try checkGradients([x, w, u, b, h0]) {
                try combined(Functional.simpleRNN($0[0], kernel: $0[1], recurrentKernel: $0[2], bias: $0[3], initialHidden: $0[4],
                                                  goBackwards: goBackwards))
            }
            try checkGradients([x, w, u]) {
                try combined(Functional.simpleRNN($0[0], kernel: $0[1], recurrentKernel: $0[2], goBackwards: goBackwards, activation: .sigmoid))
            }
        }

        @Test func batchSplitBetweenCores() throws {
            // Batches of at least 2 × cores run each part's whole time loop on its own thread.
            let x = try parameter([6, 3, 2]), h0 = try parameter([6, 3]), c0 = try parameter([6, 3])
            let w4 = try parameter([2, 12], scale: 0.6), u4 = try parameter([3, 12], scale: 0.6)
            let w3 = try parameter([2, 9], scale: 0.6), u3 = try parameter([3, 9], scale: 0.6), b3 = try parameter([2, 9])
            let w1 = try parameter([2, 3], scale: 0.6), u1 = try parameter([3, 3], scale: 0.6)
            try checkGradients([x, u4, h0, c0]) {
                try combined(Functional.lstm($0[0], kernel: w4, recurrentKernel: $0[1], initialHidden: $0[2], initialCell: $0[3]))
            }
            try checkGradients([x, u3, b3, h0]) {
                try combined(Functional.gru($0[0], kernel: w3, recurrentKernel: $0[1], bias: $0[2], initialHidden: $0[3], goBackwards: true))
            }
            try checkGradients([x, u1, h0]) {
                try combined(Functional.simpleRNN($0[0], kernel: w1, recurrentKernel: $0[1], initialHidden: $0[2]))
            }
        }

        @Test func goBackwardsRunsTheReversedSequence() throws {
            // Backwards over x equals forwards over x reversed in time, step for step.
            let x = try Tensor.randn([2, 5, 3]), w = try Tensor.randn([3, 8]) * 0.5, u = try Tensor.randn([2, 8]) * 0.5
            let backwards = try Functional.lstm(x, kernel: w, recurrentKernel: u, goBackwards: true)
            let reversed = try Functional.lstm(x.flip([1]).contiguous(), kernel: w, recurrentKernel: u)
            #expect(close(try floats(backwards.sequence), try floats(reversed.sequence)))
            #expect(close(try floats(backwards.lastCell!), try floats(reversed.lastCell!)))
        }
    }
}
