import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Functional graphs, Sequential models, nesting, shared weights and autograd through models.
    @Suite struct ModelGraphs {
        /// y = x·W + b checked by hand for a Dense layer with set weights.
        @Test func denseComputesByHand() throws {
            let dense = try Dense(2)
            _ = try dense([Input(shape: [3])])
            try dense.setWeights([try tensor([1, 0, 0, 1, 1, 1], [3, 2]), try tensor([0.5, -0.5], [2])])
            let y = try dense(try tensor([1, 2, 3, 0, 0, 1], [2, 3]))
            #expect(try floats(y) == [4.5, 4.5, 1.5, 0.5])
            // Over the last axis of a rank-3 input too.
            #expect(try dense(try tensor([1, 2, 3], [1, 1, 3])).shape == [1, 1, 2])
        }

        @Test func functionalModelRunsItsGraph() throws {
            let a = try Input(shape: [2]), b = try Input(shape: [2])
            let sum = try Add()([a, b])
            let joined = try Concatenate()([sum[0], b])
            let model = try Model(inputs: [a, b], outputs: joined)
            let out = try model([try tensor([1, 2], [1, 2]), try tensor([10, 20], [1, 2])])
            #expect(try floats(out[0]) == [11, 22, 10, 20])
            #expect(model.layers.map(\.typeName) == ["InputLayer", "InputLayer", "Add", "Concatenate"])
            expectNNError(.shape, "expected 2 inputs, got 1") { _ = try model([try tensor([1, 2], [1, 2])]) }
            expectNNError(.shape, "expected the input 2") { _ = try model([try tensor([1, 2], [1, 2]), try tensor([1, 2, 3], [1, 3])]) }
        }

        @Test func sharedLayersShareWeights() throws {
            let shared = try Dense(3)
            let a = try Input(shape: [4]), b = try Input(shape: [4])
            let model = try Model(inputs: [a, b], outputs: [try shared(a), try shared(b)])
            #expect(model.weights.count == 2)
            #expect(model.countParams() == 15)
            let x = try Tensor.rand([2, 4])
            let outs = try model([x, x])
            #expect(try outs[0].allClose(outs[1]))
            #expect(shared.inboundNodes.count == 2)
        }

        /// An autoencoder's encoder is a sub-model of the same layers: training one changes the other.
        @Test func subModelsShareLayers() throws {
            let x = try Input(shape: [6])
            let code = try Dense(2, activation: .relu, name: "code")(x)
            let decoded = try Dense(6)(code)
            let autoencoder = try Model(inputs: x, outputs: decoded)
            let encoder = try Model(inputs: x, outputs: code)
            #expect(encoder.weights.count == 2 && encoder.weights.allSatisfy { w in autoencoder.weights.contains { $0 === w } })
            let sample = try Tensor.rand([3, 6])
            let before = try encoder(sample)
            try autoencoder.layer(named: "code").weights[1].assign(try Tensor.full([2], value: 5))
            #expect(try !encoder(sample).allClose(before))
        }

        /// Grad-CAM: a model whose outputs are an inner layer's activation and the prediction; the
        /// gradient of a score with respect to the activation comes from autograd through the model call.
        @Test func innerOutputsAreReachableWithGradients() throws {
            let model = try Sequential([InputLayer(shape: [4]), Dense(3, activation: .relu, name: "hidden"), Dense(2, activation: .softmax)])
            let probe = try Model(inputs: model.inputs, outputs: [try model.layer(named: "hidden").output] + (try model.outputs))
            let outs = try probe([try Tensor.rand([5, 4])])
            #expect(outs[0].shape == [5, 3] && outs[1].shape == [5, 2])
            let score = try outs[1].narrow(1, start: 0, length: 1).sum()
            let grads = try Autograd.grad(outputs: [score], inputs: [outs[0]])
            #expect(try #require(grads[0]).shape == [5, 3])
            #expect(try model.layer(at: 0).name == "hidden")
            expectNNError(.value, "no layer named 'nope'") { _ = try model.layer(named: "nope") }
            expectNNError(.value, "out of range") { _ = try model.layer(at: 7) }
        }

        @Test func modelsNestAsLayers() throws {
            let encoder = try Sequential([InputLayer(shape: [8]), Dense(4, name: "enc")], name: "encoder")
            let decoder = try Sequential([InputLayer(shape: [4]), Dense(8, name: "dec")], name: "decoder")
            let autoencoder = try Sequential([InputLayer(shape: [8]), encoder, decoder])
            #expect(autoencoder.countParams() == 36 + 40)
            #expect(try autoencoder(try Tensor.rand([2, 8])).shape == [2, 8])
            let text = autoencoder.summaryText(columns: 80)
            #expect(text.contains("│ encoder (Sequential)") && text.contains("(None, 4)") && text.contains("36 │"))
        }

        @Test func sequentialBuildsFromData() throws {
            let model = try Sequential([Dense(4), Dense(1)])
            #expect(!model.hasGraph)
            expectNNError(.usage, "no inputs yet") { _ = try model.inputs }
            #expect(try model(try Tensor.rand([3, 5])).shape == [3, 1])
            #expect(model.hasGraph && model.countParams() == 24 + 5)
            #expect(try model.layer(named: model.layers[0].name).output.shape.dims == [nil, 4])
        }

        @Test func trainableFlagFreezesWeights() throws {
            let model = try Sequential([InputLayer(shape: [3]), Dense(2), BatchNormalization()])
            #expect(model.trainableWeights.count == 4 && model.nonTrainableWeights.count == 2)
            model.layers[0].trainable = false
            #expect(model.trainableWeights.count == 2)
            #expect(!model.layers[0].weights[0].value.requiresGrad)
            model.trainable = false
            #expect(model.parameters.isEmpty)
            #expect(model.summaryText().contains(" Trainable params: 0 (0.00 B)"))
        }

        @Test func lambdaTakesAsManyInputsAsItsFirstCall() throws {
            let product = try Lambda(anyInputCount: { try $0[0] * $0[1] })
            let a = try Input(shape: [2]), b = try Input(shape: [2])
            let model = try Model(inputs: [a, b], outputs: [try product([a, b])[0]])
            let y = try model([try Tensor.full([1, 2], value: 3), try Tensor.full([1, 2], value: 2)])[0]
            #expect(try y.sum().item() == 12)
            #expect(product.inputCountRange == 2...2)
            #expect(try product.config()["input_count"] == .number(2))
            let single = try Lambda(anyInputCount: { try $0[0] + 1 })
            #expect(try single(try Tensor.zeros([1, 2])).sum().item() == 2)
            expectNNError(.shape, "expected 1 input, got 2") { _ = try single([try Tensor.zeros([1]), try Tensor.zeros([1])]) }
        }

        @Test func layersThatRunWithoutKernels() throws {
            let x = try tensor([1, 2, 3, 4, 5, 6], [1, 2, 3])
            #expect(try floats(try Flatten()(x)) == [1, 2, 3, 4, 5, 6])
            #expect(try Reshape([3, -1])(x).shape == [1, 3, 2])
            #expect(try floats(try Permute([2, 1])(x)) == [1, 4, 2, 5, 3, 6])
            #expect(try floats(try RepeatVector(2)(try tensor([1, 2], [1, 2]))) == [1, 2, 1, 2])
            #expect(try floats(try ActivationLayer(.relu)(try tensor([-1, 2], [1, 2]))) == [0, 2])
            #expect(try floats(try GlobalAveragePooling2D()(try tensor([1, 2, 3, 4], [1, 2, 2, 1]))) == [2.5])
            #expect(try floats(try GlobalMaxPooling2D()(try tensor([1, 2, 3, 4], [1, 2, 2, 1]))) == [4])
            let embedding = try Embedding(inputDim: 3, outputDim: 2)
            let looked = try embedding(try Tensor([2, 0, 2] as [Int64], shape: [1, 3]))
            let table = try floats(try #require(embedding.embeddings).value)
            #expect(looked.shape == [1, 3, 2])
            #expect(try floats(looked) == [table[4], table[5], table[0], table[1], table[4], table[5]])
            expectNNError(.shape, "0..<3") { _ = try embedding(try Tensor([3] as [Int64], shape: [1, 1])) }
            let lambda = try Lambda({ try $0 * 2 })
            #expect(try lambda([Input(shape: [3])])[0].shape.dims == [nil, 3])
            #expect(try floats(try lambda(try tensor([1, 2], [1, 2]))) == [2, 4])
            #expect(try floats(try Average()([try tensor([1, 3], [1, 2]), try tensor([3, 5], [1, 2])])[0]) == [2, 4])
            #expect(try floats(try Subtract()([try tensor([1, 3], [1, 2]), try tensor([3, 5], [1, 2])])[0]) == [-2, -2])
        }

        @Test func dropoutScalesInTrainingOnly() throws {
            Random.manualSeed(3)
            let dropout = try Dropout(0.5)
            let x = try Tensor.ones([1000])
            #expect(try dropout(x, training: false).allClose(x))
            let y = try floats(try dropout(x, training: true))
            #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
            let kept = y.filter { $0 > 0 }.count
            #expect(kept > 430 && kept < 570)
        }

        @Test func activationsByName() throws {
            let x = try tensor([-1, 0, 2], [1, 3])
            func apply(_ name: String) throws -> [Float] { try floats(try ActivationFunction(named: name)(x)) }
            #expect(close(try apply("selu"), [Float(1.0507009873554805 * 1.6732632423543772 * (exp(-1.0) - 1)), 0, Float(2 * 1.0507009873554805)]))
            #expect(close(try apply("swish"), [Float(-1 / (1 + exp(1.0))), 0, Float(2 / (1 + exp(-2.0)))]))
            // gelu(x) = x·Φ(x): Φ(−1) = 0.15865525, Φ(2) = 0.97724987.
            #expect(close(try apply("gelu"), [-0.15865525, 0, 2 * 0.97724987]))
            #expect(close(try apply("leaky_relu"), [-0.2, 0, 2]))
            #expect(close(Double(try apply("softmax").reduce(0, +)), 1))
            expectNNError(.value, "unknown activation 'relux'") { _ = try ActivationFunction(named: "relux") }
            let p = try tensor([0.5, -1], [2]).setRequiresGrad()
            try ActivationFunction(named: "gelu")(p).sum().backward()
            // d/dx x·Φ(x) = Φ(x) + x·φ(x): at 0.5 → 0.69146246 + 0.5·0.35206533; at −1 → 0.15865525 − 0.24197072.
            #expect(close(try floats(try #require(p.grad)), [0.86749512, -0.08331547], tolerance: 1e-5))
        }
    }
}

import Foundation
