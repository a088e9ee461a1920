import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Two updates of each optimizer from the same start and gradients as Keras 3
    /// (keras_models_reference.json, "optimizers"), schedules at several steps, and hand-derived cases.
    @Suite struct Optimizers {
        static func run(_ optimizer: Optimizer) throws -> [[Float]] {
            let reference = KerasReference.section("optimizers")
            let start = (reference["start"] as? [Double] ?? []).map(Float.init)
            let grads = (reference["grads"] as? [[Double]] ?? []).map { $0.map(Float.init) }
            let p = try tensor(start, [start.count]).setRequiresGrad()
            optimizer.parameters = [p]
            var results: [[Float]] = []
            for g in grads {
                p.grad = try tensor(g, [g.count])
                try optimizer.step()
                results.append(try floats(p))
            }
            return results
        }

        func expectKeras(_ key: String, _ optimizer: Optimizer, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let results = (KerasReference.section("optimizers")["results"] as? [String: Any])?[key] as? [[Double]]
            let expected = try #require(results, sourceLocation: sourceLocation).map { $0.map(Float.init) }
            let got = try Optimizers.run(optimizer)
            #expect(got.count == expected.count, sourceLocation: sourceLocation)
            for (step, (a, b)) in zip(got, expected).enumerated() {
                #expect(close(a, b, tolerance: 2e-6), "\(key) step \(step + 1): \(a) vs Keras \(b)", sourceLocation: sourceLocation)
            }
        }

        @Test func matchKeras() throws {
            try expectKeras("sgd", SGD(learningRate: 0.1))
            try expectKeras("sgd_momentum", SGD(learningRate: 0.1, momentum: 0.9))
            try expectKeras("sgd_nesterov", SGD(learningRate: 0.1, momentum: 0.9, nesterov: true))
            try expectKeras("adam", Adam(learningRate: 0.1))
            try expectKeras("adam_amsgrad", Adam(learningRate: 0.1, amsgrad: true))
            try expectKeras("adamw", AdamW(learningRate: 0.1))
            try expectKeras("rmsprop", RMSprop(learningRate: 0.1))
            try expectKeras("rmsprop_centered_momentum", RMSprop(learningRate: 0.1, momentum: 0.5, centered: true))
            try expectKeras("adagrad", Adagrad(learningRate: 0.1))
        }

        @Test func clippingMatchesKeras() throws {
            let clipnorm = try SGD(learningRate: 0.1)
            clipnorm.clipnorm = 0.5
            try expectKeras("sgd_clipnorm", clipnorm)
            let clipvalue = try SGD(learningRate: 0.1)
            clipvalue.clipvalue = 0.25
            try expectKeras("sgd_clipvalue", clipvalue)
            let global = try SGD(learningRate: 0.1)
            global.globalClipnorm = 0.5
            try expectKeras("sgd_global_clipnorm", global)
        }

        /// By hand: momentum 0.5, lr 0.1, g = 1 then 1: m1 = −0.1, p1 = 0.9; m2 = −0.05 − 0.1 = −0.15,
        /// p2 = 0.75. Nesterov: p1 = 1 + 0.5·(−0.1) − 0.1 = 0.85; p2 = 0.85 + 0.5·(−0.15) − 0.1 = 0.675.
        @Test func momentumByHand() throws {
            for (nesterov, expected) in [(false, [Float(0.9), 0.75]), (true, [0.85, 0.675])] {
                let p = try tensor([1], [1]).setRequiresGrad()
                let sgd = try SGD(learningRate: 0.1, momentum: 0.5, nesterov: nesterov, parameters: [p])
                var got: [Float] = []
                for _ in 0..<2 {
                    p.grad = try tensor([1], [1])
                    try sgd.step()
                    got.append(try floats(p)[0])
                }
                #expect(close(got, expected, tolerance: 1e-6), "nesterov \(nesterov): \(got)")
            }
        }

        /// By hand: Adam's first step is lr·g/(|g| + ε/√(1 − β2)) for every element (bias correction makes
        /// m̂ = g and v̂ = g²), so about lr·sign(g), and nothing where g = 0.
        @Test func adamFirstStepByHand() throws {
            let p = try tensor([0, 0, 0], [3]).setRequiresGrad()
            let adam = try Adam(learningRate: 0.01, parameters: [p])
            p.grad = try tensor([2, -0.5, 0], [3])
            try adam.step()
            let shrink = 1e-7 / (1 - 0.999).squareRoot()
            let expected = [Float(-0.01 * 2 / (2 + shrink)), Float(0.01 * 0.5 / (0.5 + shrink)), 0]
            #expect(close(try floats(p), expected, tolerance: 1e-6))
            #expect(adam.iterations == 1)
        }

        /// The eight-lane loop (parameters of 8 or more elements) gives what the one-by-one loop gives.
        @Test func vectorizedAdamMatchesElementwise() throws {
            Random.manualSeed(21)
            let start = try Tensor.randn([21]), grads = [try Tensor.randn([21]), try Tensor.randn([21])]
            let whole = try start.clone().setRequiresGrad()
            let pieces = try (0..<21).map { try start.narrow(0, start: $0, length: 1).clone().setRequiresGrad() }
            let a = try Adam(learningRate: 0.1, parameters: [whole]), b = try Adam(learningRate: 0.1, parameters: pieces)
            for g in grads {
                whole.grad = g
                for (i, p) in pieces.enumerated() { p.grad = try g.narrow(0, start: i, length: 1).clone() }
                try a.step()
                try b.step()
            }
            #expect(close(try floats(whole), try pieces.map { try floats($0)[0] }, tolerance: 1e-6))
        }

        /// By hand, one step from p = 1 with g = 1 and lr = 0.1: Adagrad's accumulator 0.1 + 1 gives
        /// 1 − 0.1/√1.1; RMSprop's velocity 0.1·1 gives 1 − 0.1/√0.1; AdamW first shrinks p by
        /// 1 − 0.004·0.1, then takes Adam's first step of about lr.
        @Test func adagradRmspropAdamWByHand() throws {
            func oneStep(_ make: ([Tensor]) throws -> Optimizer) throws -> Float {
                let p = try tensor([1], [1]).setRequiresGrad()
                let optimizer = try make([p])
                p.grad = try tensor([1], [1])
                try optimizer.step()
                return try floats(p)[0]
            }
            #expect(close([try oneStep { try Adagrad(learningRate: 0.1, parameters: $0) }], [Float(1 - 0.1 / 1.1.squareRoot())], tolerance: 1e-6))
            #expect(close([try oneStep { try RMSprop(learningRate: 0.1, parameters: $0) }], [Float(1 - 0.1 / (0.1 + 1e-7).squareRoot())], tolerance: 1e-6))
            let adamStep = 0.1 / (1 + 1e-7 / 0.001.squareRoot())
            #expect(close([try oneStep { try AdamW(learningRate: 0.1, parameters: $0) }], [Float(1 * (1 - 0.004 * 0.1) - adamStep)], tolerance: 1e-6))
        }

        @Test func schedulesMatchKeras() throws {
            let reference = KerasReference.section("schedules")
            let steps = reference["steps"] as? [Int] ?? []
            let values = reference["values"] as? [String: [Double]] ?? [:]
            let schedules: [String: LearningRateSchedule] = [
                "exponential": try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5),
                "exponential_staircase": try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true),
                "piecewise": try PiecewiseConstantDecay(boundaries: [5, 10], values: [1.0, 0.5, 0.1]),
                "cosine": try CosineDecay(initialLearningRate: 0.1, decaySteps: 20, alpha: 0.1),
                "cosine_warmup": try CosineDecay(initialLearningRate: 0, decaySteps: 20, warmupTarget: 0.1, warmupSteps: 5),
                "inverse_time": try InverseTimeDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5),
                "inverse_time_staircase": try InverseTimeDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true),
            ]
            #expect(values.count == schedules.count)
            for (name, schedule) in schedules {
                let expected = try #require(values[name])
                let got = steps.map { schedule.learningRate(atStep: $0) }
                #expect(zip(got, expected).allSatisfy { close($0, $1, tolerance: 1e-6) }, "\(name): \(got) vs Keras \(expected)")
            }
        }

        /// The optimizer asks the schedule for the rate of its step count; setting a rate replaces it.
        @Test func scheduleFollowsIterationsAndRateIsSettable() throws {
            let p = try tensor([0], [1]).setRequiresGrad()
            let sgd = try SGD(parameters: [p])
            sgd.setSchedule(try PiecewiseConstantDecay(boundaries: [0], values: [1, 0.5]))
            #expect(sgd.learningRate == 1)
            p.grad = try tensor([1], [1])
            try sgd.step()
            #expect(try floats(p) == [-1])
            #expect(sgd.learningRate == 0.5)
            sgd.learningRate = 0.25
            #expect(sgd.schedule == nil && sgd.learningRate == 0.25)
        }

        @Test func zeroGradAndErrors() throws {
            let p = try tensor([1, 2], [2]).setRequiresGrad()
            let adam = try Optimizer.named("adam", parameters: [p])
            try (p * p).sum().backward()
            #expect(p.grad != nil)
            adam.zeroGrad()
            #expect(p.grad == nil)
            try adam.step()
            #expect(try floats(p) == [1, 2])
            expectNNError(.value, "unknown optimizer 'adamm'") { _ = try Optimizer.named("adamm") }
            let both = try SGD()
            both.clipnorm = 1
            both.clipvalue = 1
            p.grad = try tensor([1, 1], [2])
            both.parameters = [p]
            expectNNError(.value, "only one of clipnorm") { try both.step() }
            let checked = try SGD()
            expectNNError(.value, "only one of clipnorm") { try checked.setClipping(clipnorm: 1, clipvalue: 2, globalClipnorm: nil) }
            expectNNError(.value, "must be positive") { try checked.setClipping(clipnorm: nil, clipvalue: nil, globalClipnorm: -1) }
            expectNNError(.value, "must be positive") { try checked.setClipping(clipnorm: .nan, clipvalue: nil, globalClipnorm: nil) }
            #expect(checked.clipnorm == nil && checked.clipvalue == nil && checked.globalClipnorm == nil)
            try checked.setClipping(clipnorm: nil, clipvalue: 0.5, globalClipnorm: nil)
            #expect(checked.clipvalue == 0.5)
            expectNNError(.shape, "does not match") { try adam.apply([(try tensor([1], [1]), p)]) }
        }
    }
}
