import Testing
@testable import NN
@testable import Tensors

/// One entry of keras_models_reference.json's "layer_values": a layer's input, weights (Keras' order) and
/// outputs as Keras 3 computed them (see make_keras_models_reference.py).
struct KerasLayerValues {
    let entry: [String: Any]

    init(_ key: String) throws {
        entry = try #require(KerasReference.section("layer_values")[key] as? [String: Any], "layer_values.\(key) missing")
    }

    static func tensor(_ description: Any?) throws -> Tensor {
        let object = try #require(description as? [String: Any])
        let shape = try #require(object["shape"] as? [Int]), values = try #require(object["values"] as? [Double])
        return try Tensor(values.map(Float.init), shape: shape)
    }

    func tensor(_ name: String) throws -> Tensor { try Self.tensor(entry[name]) }
    func tensors(_ name: String) throws -> [Tensor] { try (entry[name] as? [Any] ?? []).map(Self.tensor) }
}

extension ModelsSuite {
    /// Forward values of every layer that runs a kernel, against Keras 3.15.1 with the same weights.
    @Suite struct KerasLayerValueTests {
        /// Builds `layer` for the case's input, loads its weights, runs it and compares every output.
        @discardableResult
        func check(_ key: String, _ layer: Layer, training: Bool = false, tolerance: Float = 2e-5,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> KerasLayerValues {
            let values = try KerasLayerValues(key)
            let x = try values.tensor("input")
            _ = try layer([Input(shape: Array(x.shape.array.dropFirst()))])
            try layer.setWeights(try values.tensors("weights"))
            let outputs = try layer([x], training: training)
            let expected = try values.tensors("outputs")
            #expect(outputs.count == expected.count, "\(key): \(outputs.count) outputs, Keras \(expected.count)", sourceLocation: sourceLocation)
            for (i, (got, want)) in zip(outputs, expected).enumerated() {
                #expect(got.shape == want.shape, "\(key) output \(i): shape \(got.shape), Keras \(want.shape)", sourceLocation: sourceLocation)
                let a = try floats(got), b = try floats(want)
                #expect(close(a, b, tolerance: tolerance), "\(key) output \(i): max difference \(maxDifference(a, b))",
                        sourceLocation: sourceLocation)
            }
            return values
        }

        func convolution(strides: [Int] = [1], padding: Padding = .valid, dilation: [Int] = [1],
                         activation: ActivationFunction = .linear, useBias: Bool = true) -> ConvolutionOptions {
            var options = ConvolutionOptions()
            options.strides = strides
            options.padding = padding
            options.dilationRate = dilation
            options.activation = activation
            options.useBias = useBias
            return options
        }

        @Test func convolutions() throws {
            try check("conv2d_valid_relu", Conv2D(3, kernelSize: [3, 2], options: convolution(activation: .relu)))
            try check("conv2d_same_stride2", Conv2D(4, kernelSize: [3], options: convolution(strides: [2], padding: .same)))
            try check("conv2d_same_dilation2_tanh", Conv2D(2, kernelSize: [3], options: convolution(padding: .same, dilation: [2], activation: .tanh)))
            try check("conv2d_valid_stride21_elu_nobias",
                      Conv2D(3, kernelSize: [2, 3], options: convolution(strides: [2, 1], activation: ActivationFunction(.elu), useBias: false)))
            try check("conv1d_causal_dilation2", Conv1D(3, kernelSize: 3, options: convolution(padding: .causal, dilation: [2])))
            try check("conv1d_same_stride2", Conv1D(2, kernelSize: 4, options: convolution(strides: [2], padding: .same, activation: .sigmoid)))
        }

        @Test func transposedConvolutions() throws {
            var options = Conv2DTranspose.Options()
            options.strides = [2]
            options.padding = .same
            try check("conv2d_transpose_same_stride2", Conv2DTranspose(3, kernelSize: [3], options: options))
            options = Conv2DTranspose.Options()
            options.strides = [2, 3]
            options.activation = .relu
            try check("conv2d_transpose_valid_stride23", Conv2DTranspose(2, kernelSize: [3, 2], options: options))
            options = Conv2DTranspose.Options()
            options.strides = [2]
            options.outputPadding = [1]
            try check("conv2d_transpose_output_padding", Conv2DTranspose(2, kernelSize: [3], options: options))
        }

        @Test func poolingAndUpsampling() throws {
            try check("max_pooling2d_valid", MaxPooling2D(2))
            try check("max_pooling2d_same_stride", MaxPooling2D(3, strides: 2, padding: .same))
            var options = Pooling2D.Options()
            options.strides = [2, 1]
            try check("average_pooling2d_valid_stride", AveragePooling2D(poolSize: [3, 2], options: options))
            try check("average_pooling2d_same", AveragePooling2D(2, padding: .same))
            try check("up_sampling2d_nearest", UpSampling2D(size: [2, 3]))
            try check("up_sampling2d_bilinear", UpSampling2D(size: [2, 3], interpolation: .bilinear))
        }

        @Test func batchNormalization() throws {
            let training = try BatchNormalization()
            let values = try check("batch_normalization_training", training, training: true, tolerance: 1e-4)
            // A second training step, then the moving statistics (momentum 0.99, biased batch variance).
            _ = try training(try values.tensor("second_input"), training: true)
            let moving = try values.tensors("moving")
            let mean = try floats(try #require(training.movingMean).value), variance = try floats(try #require(training.movingVariance).value)
            #expect(close(mean, try floats(moving[0]), tolerance: 1e-5), "moving mean \(mean)")
            #expect(close(variance, try floats(moving[1]), tolerance: 1e-5), "moving variance \(variance)")
            try check("batch_normalization_inference", BatchNormalization(), tolerance: 1e-4)
            // Inference leaves the moving statistics alone.
            let before = try floats(try #require(training.movingMean).value)
            _ = try training(try values.tensor("second_input"), training: false)
            #expect(try floats(try #require(training.movingMean).value) == before)
            try check("layer_normalization", LayerNormalization(), tolerance: 1e-4)
        }

        @Test func recurrentLayers() throws {
            try check("simple_rnn_sequences", SimpleRNN(4, options: recurrent(sequences: true)))
            try check("lstm", LSTM(4))
            try check("lstm_sequences_state", LSTM(3, options: recurrent(sequences: true, state: true)))
            try check("lstm_backwards_sequences", LSTM(3, options: recurrent(sequences: true, backwards: true)))
            try check("gru", GRU(4))
            try check("gru_backwards_sequences_state", GRU(3, options: recurrent(sequences: true, state: true, backwards: true)))
        }

        @Test func bidirectional() throws {
            try check("bidirectional_lstm_concat_sequences", Bidirectional(LSTM(3, options: recurrent(sequences: true))))
            try check("bidirectional_gru_sum", Bidirectional(GRU(3), mergeMode: .sum))
            try check("bidirectional_simple_rnn_mul_sequences", Bidirectional(SimpleRNN(3, options: recurrent(sequences: true)), mergeMode: .mul))
            try check("bidirectional_lstm_ave_state", Bidirectional(LSTM(2, options: recurrent(state: true)), mergeMode: .ave))
        }
    }
}
