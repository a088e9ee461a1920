import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Parameter counts, weight names and shapes, and output shapes of every layer type against Keras 3's
    /// (Tests/NNFixtures/keras_models_reference.json, "layers"): the same layer options on the same input shapes.
    @Suite struct LayerShapes {
        func check(_ key: String, _ layer: Layer, input: [Int], dtype: DType = .float32,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            let reference = try #require(KerasReference.section("layers")[key] as? [String: Any], sourceLocation: sourceLocation)
            let outputs = try layer([Input(shape: input, dtype: dtype)])
            #expect(layer.countParams() == reference["params"] as? Int, "\(key) params", sourceLocation: sourceLocation)
            let expectedShapes = (reference["shapes"] as? [[Any]] ?? []).map { $0.map { $0 as? Int } }
            #expect(outputs.map(\.shape.dims) == expectedShapes, "\(key) output shapes", sourceLocation: sourceLocation)
            let expectedWeights = (reference["weights"] as? [[Any]] ?? []).map { entry in
                "\(entry[0]) \(entry[1] as? [Int] ?? []) \(entry[2] as? Bool ?? false)"
            }
            let weights = layer.weights.map { "\($0.name) \($0.shape) \($0.trainable)" }
            #expect(weights == expectedWeights, "\(key) weights", sourceLocation: sourceLocation)
        }

        @Test func coreLayers() throws {
            try check("dense", Dense(7), input: [5])
            try check("dense_no_bias_3d", Dense(7, activation: .linear, useBias: false), input: [4, 5])
            try check("embedding", Embedding(inputDim: 1000, outputDim: 64), input: [10], dtype: .int64)
            try check("flatten", Flatten(), input: [3, 4, 5])
            try check("reshape", Reshape([-1, 4]), input: [3, 4, 2])
            try check("permute", Permute([2, 1, 3]), input: [3, 4, 5])
            try check("repeat_vector", RepeatVector(6), input: [5])
            try check("dropout", Dropout(0.5), input: [5])
            try check("activation", ActivationLayer(.relu), input: [5, 2])
        }

        @Test func convolutionLayers() throws {
            try check("conv2d_same", Conv2D(32, 3, padding: .same), input: [28, 28, 1])
            var options = ConvolutionOptions()
            options.strides = [2]
            try check("conv2d_valid_stride2", Conv2D(8, kernelSize: [3, 5], options: options), input: [17, 20, 3])
            options = ConvolutionOptions()
            options.dilationRate = [2]
            try check("conv2d_dilation", Conv2D(4, kernelSize: [3], options: options), input: [20, 20, 2])
            try check("conv2d_same_stride2", Conv2D(4, 3, strides: 2, padding: .same), input: [7, 7, 2])
            try check("conv1d", Conv1D(16, kernelSize: 5), input: [140, 1])
            options = ConvolutionOptions()
            options.strides = [3]
            options.padding = .same
            try check("conv1d_same_stride", Conv1D(6, kernelSize: 4, options: options), input: [50, 2])
            var transpose = Conv2DTranspose.Options()
            transpose.strides = [2]
            transpose.padding = .same
            try check("conv2d_transpose", Conv2DTranspose(16, kernelSize: [3], options: transpose), input: [7, 7, 32])
            transpose = Conv2DTranspose.Options()
            transpose.strides = [2, 3]
            try check("conv2d_transpose_valid", Conv2DTranspose(5, kernelSize: [3, 4], options: transpose), input: [6, 5, 2])
            transpose = Conv2DTranspose.Options()
            transpose.strides = [2]
            transpose.outputPadding = [1]
            try check("conv2d_transpose_output_padding", Conv2DTranspose(3, kernelSize: [3], options: transpose), input: [5, 5, 2])
        }

        @Test func poolingAndNormalizationLayers() throws {
            try check("max_pooling2d", MaxPooling2D(2), input: [28, 28, 3])
            try check("max_pooling2d_same_stride", MaxPooling2D(3, strides: 2, padding: .same), input: [7, 8, 3])
            try check("average_pooling2d", AveragePooling2D(poolSize: [2, 3]), input: [9, 10, 2])
            try check("global_average_pooling2d", GlobalAveragePooling2D(), input: [5, 6, 7])
            try check("global_max_pooling2d_keepdims", GlobalMaxPooling2D(keepdims: true), input: [5, 6, 7])
            try check("up_sampling2d", UpSampling2D(size: [2, 3]), input: [5, 6, 7])
            try check("batch_normalization", BatchNormalization(), input: [5, 6, 7])
            try check("layer_normalization", LayerNormalization(), input: [5, 7])
        }

        @Test func recurrentLayers() throws {
            var options = RecurrentOptions()
            try check("simple_rnn", SimpleRNN(10), input: [20, 3])
            options.returnSequences = true
            try check("simple_rnn_sequences", SimpleRNN(10, options: options), input: [20, 3])
            try check("lstm", LSTM(50), input: [140, 1])
            options.returnState = true
            try check("lstm_state", LSTM(8, options: options), input: [12, 3])
            try check("gru", GRU(16), input: [30, 4])
            options = RecurrentOptions()
            options.returnState = true
            try check("gru_state", GRU(4, options: options), input: [30, 4])
            options = RecurrentOptions()
            options.returnSequences = true
            try check("bidirectional_lstm", Bidirectional(LSTM(8, options: options)), input: [12, 3])
            try check("bidirectional_gru_sum", Bidirectional(GRU(6), mergeMode: .sum), input: [12, 3])
        }

        @Test func lstmForgetGateBiasStartsAtOne() throws {
            let layer = try LSTM(3)
            _ = try layer([Input(shape: [5, 2])])
            let bias = try floats(try #require(layer.bias).value)
            #expect(bias == [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0])
        }

        @Test func glorotUniformStaysWithinKerasLimit() throws {
            // limit = sqrt(6 / (fan_in + fan_out)).
            let dense = try Dense(30)
            _ = try dense([Input(shape: [20])])
            let kernel = try floats(try #require(dense.kernel).value)
            let limit = Float((6.0 / 50.0).squareRoot())
            #expect(kernel.allSatisfy { Swift.abs($0) <= limit })
            #expect(kernel.map { Swift.abs($0) }.max()! > limit * 0.9)
        }

        @Test func automaticNamesFollowKeras() throws {
            NN.clearSession()
            let names = try [Dense(1), Dense(1), Conv2D(1, 1), MaxPooling2D(2), Conv2DTranspose(1, kernelSize: [1]),
                             GlobalAveragePooling2D(), SimpleRNN(1), BatchNormalization(), UpSampling2D()].map(\.name)
            #expect(names == ["dense", "dense_1", "conv2d", "max_pooling2d", "conv2d_transpose", "global_average_pooling2d",
                              "simple_rnn", "batch_normalization", "up_sampling2d"])
            #expect(try Input(shape: [2]).layer.name == "input_layer")
            #expect(try Sequential().name == "sequential")
            let x = try Input(shape: [2])
            #expect(try Model(inputs: x, outputs: x).name == "functional")
        }

        /// The binding's path: a class name and some options; the rest take Keras' defaults.
        @Test func layersFromPartialConfigurations() throws {
            let dense = try #require(try NN.layer(className: "Dense", config: ["units": .number(4), "activation": .string("relu")]) as? Dense)
            #expect(dense.units == 4 && dense.options.activation.name == "relu" && dense.options.useBias)
            let conv = try #require(try NN.layer(className: "Conv2D", config: ["filters": .number(8), "kernel_size": .array([.number(3)]),
                                                                              "padding": .string("same")]) as? Conv2D)
            #expect(conv.kernelSize == [3, 3] && conv.options.padding == .same && conv.options.strides == [1, 1])
            let lstm = try #require(try NN.layer(className: "LSTM", config: ["units": .number(5), "return_sequences": .bool(true)]) as? LSTM)
            #expect(lstm.options.returnSequences && lstm.options.unitForgetBias && lstm.options.recurrentActivation.name == "sigmoid")
            expectNNError(.value, "unknown option 'activaton'") { _ = try NN.layer(className: "Dense", config: ["units": .number(2), "activaton": .string("relu")]) }
            expectNNError(.value, "'units'") { _ = try NN.layer(className: "Dense", config: [:]) }
            let doubled = try NN.layer(className: "Dense", config: ["units": .number(1), "activation": .string("twice"),
                                                                    "kernel_initializer": .string("ones")],
                                       functions: ["twice": { try $0 * 2 }])
            #expect(try doubled(try Tensor.ones([1, 3])).item() == 6)
            expectNNError(.value, "twice") { _ = try NN.layer(className: "Dense", config: ["units": .number(1), "activation": .string("twice")]) }
            expectNNError(.value, "unknown layer type 'Dens'") { _ = try NN.layer(className: "Dens", config: [:]) }
            expectNNError(.value, "option 'padding' must be one of 'valid', 'same', 'causal', got 'full'") { _ = try NN.layer(className: "Conv2D", config: ["filters": .number(1), "kernel_size": .array([.number(1)]), "padding": .string("full")]) }
            expectNNError(.value, "unknown activation 'rellu'; known: ", "relu") { _ = try NN.layer(className: "Dense", config: ["units": .number(1), "activation": .string("rellu")]) }
        }

        @Test func dataOfTheWrongRankGetsAHint() throws {
            let flat = try Sequential([InputLayer(shape: [784]), Dense(10, activation: .softmax)])
            expectNNError(.shape, "(None, 784)", "(2, 28, 28, 1)", "x.reshape([-1, 784])", "Flatten()") { _ = try flat(try Tensor.zeros([2, 28, 28, 1])) }
            let images = try Sequential([InputLayer(shape: [28, 28, 1]), Conv2D(2, 3)])
            expectNNError(.shape, "(2, 28, 28)", "x.reshape([-1, 28, 28, 1])") { _ = try images(try Tensor.zeros([2, 28, 28])) }
            expectNNError(.shape, "(None, 784)", "got (2, 5)") { _ = try flat(try Tensor.zeros([2, 5])) }
            let unflattened = try Sequential([InputLayer(shape: [4, 4, 1]), Dense(3, activation: .softmax)])
            try unflattened.compile(optimizer: "sgd", loss: "categorical_crossentropy")
            expectNNError(.shape, "(2, 4, 4, 3)", "add Flatten()") {
                _ = try unflattened.fit(x: try Tensor.zeros([2, 4, 4, 1]), y: try Tensor.zeros([2, 3]), options: { var o = FitOptions(); o.verbose = 0; return o }())
            }
        }

        /// Values by hand: (1, 2)·(3, 4) = 11; normalized 11 / (√5 · 5).
        @Test func dotContractsOneAxisOfEach() throws {
            let a = try Tensor([1, 2] as [Float], shape: [1, 2]), b = try Tensor([3, 4] as [Float], shape: [1, 2])
            #expect(try Dot(axes: [1])([a, b])[0].toArray(Float.self) == [11])
            let cosine = try Dot(axes: [-1], normalize: true)([a, b])[0].item()
            #expect(Swift.abs(cosine - 11 / (5.0.squareRoot() * 5)) < 1e-6)
            // (1, 2, 2)·(1, 3, 2) over the last axes: rows of a times rows of b.
            let m = try Tensor([1, 0, 0, 1] as [Float], shape: [1, 2, 2])
            let n = try Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [1, 3, 2])
            let product = try Dot(axes: [2])([m, n])[0]
            #expect(product.shape == [1, 2, 3])
            #expect(try product.toArray(Float.self) == [1, 3, 5, 2, 4, 6])
            let x = try Input(shape: [5, 4]), y = try Input(shape: [4, 7])
            #expect(try Dot(axes: [2, 1])([x, y])[0].shape == [nil, 5, 7])
            expectNNError(.shape, "contracted sizes differ") { _ = try Dot(axes: [2])([x, y]) }
            expectNNError(.shape, "axis 0") { _ = try Dot(axes: [0])([try Input(shape: [2]), try Input(shape: [2])]) }
            let loaded = try NN.layer(className: "Dot", config: ["axes": .number(1), "normalize": .bool(true)])
            #expect((loaded as? Dot)?.axes == [1, 1] && (loaded as? Dot)?.normalize == true)
        }

        @Test func hugeSizesAreErrorsNotTraps() throws {
            expectNNError(.shape, "more elements than a tensor can hold") { _ = try Reshape([1 << 32, 1 << 32])([Input(shape: [4])]) }
            expectNNError(.shape, "more elements than a tensor can hold") { _ = try Flatten()([Input(shape: [Int.max, Int.max])]) }
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            var options = FitOptions()
            options.batchSize = Int.max
            options.verbose = 0
            let history = try model.fit(x: try Tensor.zeros([3, 1]), y: try Tensor.zeros([3, 1]), options: options)
            #expect(history.params["steps"] == 1)
            #expect(try model.predict(x: try Tensor.zeros([3, 1]), batchSize: Int.max, verbose: 0).shape == [3, 1])
            expectNNError(.value, "more than 99 characters") { _ = try ModelCheckpoint.format("m-{epoch:99999999999d}", values: ["epoch": 1], strict: true) }
            expectNNError(.value, "as an integer") { _ = try ModelCheckpoint.format("m-{loss:d}", values: ["loss": 1e300], strict: true) }
            #expect(try ModelCheckpoint.format("m-{epoch:03d}-{loss:.2f}", values: ["epoch": 7, "loss": 0.125], strict: true) == "m-007-0.12")
        }

        @Test func badInputsGiveClearErrors() throws {
            let dense = try Dense(10)
            _ = try dense([Input(shape: [784])])
            expectNNError(.shape, "Dense (", "784", "(64, 28, 28, 1)", "Flatten") { _ = try dense(try Tensor.zeros([64, 28, 28, 1])) }
            expectNNError(.value, "units must be positive") { _ = try Dense(0) }
            expectNNError(.shape, "smaller than the kernel") { _ = try Conv2D(4, 5)([Input(shape: [3, 3, 1])]) }
            expectNNError(.shape, "Concatenate") { _ = try Concatenate()([Input(shape: [2, 3]), Input(shape: [4, 5])]) }
            expectNNError(.shape, "Reshape") { _ = try Reshape([7])([Input(shape: [2, 3])]) }
            expectNNError(.value, "permutation") { _ = try Permute([1, 3]) }
            expectNNError(.value, "name") { _ = try Dense(3, name: "a/b") }
            let conv = try Conv2D(2, 3)
            _ = try conv(try Tensor.zeros([1, 5, 5, 1]))
            expectNNError(.shape, "Conv2D (", "(1, 5, 5, 3)") { _ = try conv(try Tensor.zeros([1, 5, 5, 3])) }
            expectNNError(.value, "causal padding is for Conv1D") {
                var options = ConvolutionOptions()
                options.padding = .causal
                _ = try Conv2D(2, kernelSize: [3], options: options)
            }
            expectNNError(.value, "recurrent_activation", "softmax") {
                var options = RecurrentOptions()
                options.recurrentActivation = .softmax
                _ = try LSTM(4, options: options)
            }
        }
    }
}
