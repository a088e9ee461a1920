import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct AutogradTests {
        @Test func leavesAccumulate() throws {
            let w = try tensor([1, 2, 3], [3]).setRequiresGrad()
            try (w * w).sum().backward()
            #expect(try floats(w.grad!) == [2, 4, 6])
            try w.sum().backward()
            #expect(try floats(w.grad!) == [3, 5, 7])
            w.grad = nil
            try (w * 3.0).sum().backward()
            #expect(try floats(w.grad!) == [3, 3, 3])
        }

        @Test func diamondGraph() throws {
            // y = a·b + a, both paths reach a.
            let a = try tensor([2], [1]).setRequiresGrad(), b = try tensor([5], [1]).setRequiresGrad()
            let y = try a * b + a
            try (y * y).sum().backward() // d/da (ab + a)² = 2(ab + a)(b + 1) = 2·12·6
            #expect(try floats(a.grad!) == [144] && floats(b.grad!) == [48])
        }

        @Test func gradientWithRespectToIntermediateTensors() throws {
            let x = try tensor([1, 2, 3], [3]).setRequiresGrad()
            let h = try x * 2.0       // an "activation"
            let score = try (h * h).sum()
            let grads = try Autograd.grad(outputs: [score], inputs: [h, x])
            #expect(try floats(grads[0]!) == [4, 8, 12]) // 2h
            #expect(try floats(grads[1]!) == [8, 16, 24]) // 2h · 2
            #expect(x.grad == nil)                         // grad() leaves .grad alone
            let unused = try tensor([1], [1]).setRequiresGrad()
            #expect(throws: TensorError.self) { try Autograd.grad(outputs: [x.sum()], inputs: [unused]) }
            let maybe = try Autograd.grad(outputs: [x.sum()], inputs: [unused], allowUnused: true)
            #expect(maybe[0] == nil)
            #expect(throws: TensorError.self) { try Autograd.grad(outputs: [x.sum()], inputs: [tensor([1], [1])]) }
        }

        @Test func nonScalarOutputsNeedAGradient() throws {
            let x = try tensor([1, 2], [2]).setRequiresGrad()
            let y = try x * 3.0
            #expect(throws: TensorError.self) { try y.backward() }
            try y.backward(gradient: tensor([1, 10], [2]))
            #expect(try floats(x.grad!) == [3, 30])
            #expect(throws: TensorError.self) { try (x * 1.0).backward(gradient: tensor([1], [1])) }
        }

        @Test func graphIsFreedUnlessRetained() throws {
            let x = try tensor([1, 2], [2]).setRequiresGrad()
            let loss = try x.exp().sum()
            try loss.backward(retainGraph: true)
            try loss.backward()
            #expect(close(try floats(x.grad!), [2 * 2.7182817, 2 * 7.389056]))
            #expect(throws: TensorError.self) { try loss.backward() }
        }

        @Test func noGradModeAndDetach() throws {
            let w = try tensor([1, 2], [2]).setRequiresGrad()
            #expect(Autograd.isGradEnabled)
            let y = try Autograd.withoutGradients {
                #expect(!Autograd.isGradEnabled)
                return try w * 2.0
            }
            #expect(Autograd.isGradEnabled && !y.requiresGrad)
            let d = try (w * 2.0).detach()
            #expect(!d.requiresGrad && d.isLeaf)
            #expect(throws: TensorError.self) { try d.backward() }
            // Gradients flow only through the attached path.
            try (w * w.detach()).sum().backward()
            #expect(try floats(w.grad!) == [1, 2])
            #expect(throws: TensorError.self) { try (w * 2.0).setRequiresGrad() }
            #expect(throws: TensorError.self) { try Tensor.arange(3).setRequiresGrad() }
        }

        @Test func inPlaceOnGraphTensorsIsRefused() throws {
            let w = try tensor([1, 2], [2]).setRequiresGrad()
            let e = #expect(throws: TensorError.self) { try w.add_(1) }
            #expect(e?.kind == .autograd && e?.description.hasPrefix("add_: in-place") == true)
            #expect(throws: TensorError.self) { try (w * 2.0).mul_(2) }
            #expect(throws: TensorError.self) { try Tensor.zeros([2]).add_(w) }
            // An optimizer step: allowed without gradients.
            try (w * w).sum().backward()
            try Autograd.withoutGradients { try w.add_(w.grad!, alpha: -0.5) }
            #expect(try floats(w) == [0, 0])
        }

        @Test func changesToSavedTensorsAreDetected() throws {
            let w = try tensor([1, 2], [2]).setRequiresGrad(), x = try tensor([3, 4], [2])
            let product = try x * w
            try x.add_(1) // mul saved x for w's gradient
            let e = #expect(throws: TensorError.self) { try product.sum().backward() }
            #expect(e?.kind == .autograd && e?.description.contains("mul needs a tensor that an in-place operation changed") == true)
            let y = try w.exp()
            try y.detach().mul_(2) // exp's backward reads its output
            #expect(throws: TensorError.self) { try y.sum().backward() }
            // add reads neither input: changing one afterwards is harmless.
            let z = try x + w
            try x.add_(1)
            try z.sum().backward()
            #expect(try floats(w.grad!) == [1, 1])
        }

        @Test func customOperations() throws {
            // A "cube" operation with its own kernel and backward, as the NN library defines fused kernels.
            func cube(_ x: Tensor) throws -> Tensor {
                let values = try Autograd.withoutGradients { try x * x * x }
                return Autograd.record("cube", inputs: [x], output: values) { g in [try g * x * x * 3.0] }
            }
            let x = try parameter([4])
            try checkGradients([x]) { try cube($0[0]) }
            // A first-order custom backward refuses second derivatives instead of giving wrong ones.
            func square(_ x: Tensor) throws -> Tensor {
                let values = try Autograd.withoutGradients { try x * x }
                return Autograd.recordFirstOrder("square", inputs: [x], output: values) { g in [try g * x * 2.0] }
            }
            let y = try square(x).sum()
            let first = try Autograd.grad(outputs: [y], inputs: [x], createGraph: true)[0]!
            #expect(close(try floats(first), try floats(x * 2.0)))
            let e = #expect(throws: TensorError.self) { try Autograd.grad(outputs: [first.sum()], inputs: [x]) }
            #expect(e?.description.contains("second derivatives") == true)
            // A backward that returns the wrong shape is reported, naming the operation.
            let bad = Autograd.record("bad", inputs: [x], output: try x.detach().sum()) { _ in [try Tensor.zeros([3])] }
            let badError = #expect(throws: TensorError.self) { try bad.backward() }
            #expect(badError?.op == "bad")
        }

        @Test func backwardReleasesSavedTensors() throws {
            let w = try Tensor.ones([1 << 18]).setRequiresGrad() // 1 MB
            let before = Storage.liveBytes
            var loss = try (w.exp() * w.sin()).sum()              // saves 1 MB activations
            #expect(Storage.liveBytes - before >= 2 << 20)
            try loss.backward()
            // The loss tensor (and its graph) is still alive, but the saved activations are gone;
            // what remains is w.grad (1 MB) and small scalars.
            #expect(Storage.liveBytes - before < (1 << 20) + 4096)
            loss = Tensor(scalar: 0)
        }

        @Test func longGraphsAreFreedWithoutRecursion() throws {
            let x = try tensor([1], [1]).setRequiresGrad()
            var y = x
            for _ in 0..<100_000 { y = try y + 1.0 }
            y = try x * 1.0 // drops the 100,000-node chain at once
            #expect(y.requiresGrad)
        }

        @Test func gradientsThroughViewsAndBroadcasting() throws {
            let bias = try tensor([0, 0, 0], [3]).setRequiresGrad()
            let x = try Tensor.ones([4, 3])
            try (x + bias).sum().backward()
            #expect(try floats(bias.grad!) == [4, 4, 4]) // summed over the broadcast batch
            let w = try tensor([1, 2, 3, 4, 5, 6], [2, 3]).setRequiresGrad()
            try w.t().narrow(0, start: 1, length: 2).select(1, 0).sum().backward()
            #expect(try floats(w.grad!) == [0, 1, 1, 0, 0, 0])
        }
    }
}
