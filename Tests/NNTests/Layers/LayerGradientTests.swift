import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Finite-difference gradients through every layer: its inputs and its trainable weights, with all the
    /// outputs a layer gives (return_state, merge_mode none) in the checked sum.
    @Suite struct LayerGradientTests {
        init() { Random.manualSeed(31) }

        /// Builds `layer` for inputs of `shapes` (batch first) and checks the gradients of all its outputs
        /// with respect to fresh random inputs and its parameters. `spread` gives inputs with distinct values
        /// 0.05 apart (no near-ties for max pooling).
        func check(_ layer: Layer, _ shapes: [Int]..., training: Bool = false, spread: Bool = false, epsilon: Float = 1e-2,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            let inputs = try shapes.map { shape in
                guard spread else { return try parameter(shape) }
                let count = shape.reduce(1, *)
                return try (Tensor.randperm(count).float() * 0.05 - Double(count) * 0.025).reshape(shape).contiguous().detach().setRequiresGrad()
            }
            _ = try layer(try shapes.map { try Input(shape: Array($0.dropFirst())) })
            let parameters = layer.parameters
            #expect(!parameters.isEmpty || layer.weights.isEmpty, "\(layer.label) has weights but none trainable", sourceLocation: sourceLocation)
            try checkGradients(inputs + parameters, epsilon: epsilon, sourceLocation: sourceLocation) { values in
                let outputs = try layer(Array(values.prefix(inputs.count)), training: training)
                return try Tensor.concat(outputs.map { try $0.reshape([-1]) }, dim: 0)
            }
        }

        @Test func coreLayers() throws {
            try check(Dense(3, activation: .tanh), [2, 4])
            try check(Dense(2, activation: .linear, useBias: false), [2, 3, 4])
            try check(ActivationLayer(.softmax), [2, 5])
            try check(ActivationLayer(ActivationFunction(.gelu)), [2, 3])
            try check(Flatten(), [2, 2, 3])
            try check(Reshape([3, -1]), [2, 2, 3])
            try check(Permute([2, 1]), [2, 3, 4])
            try check(RepeatVector(3), [2, 4])
            try check(Lambda({ try $0 * $0 }), [2, 3])
            try check(GlobalAveragePooling2D(), [2, 3, 3, 2])
            try check(GlobalMaxPooling2D(), [2, 3, 3, 2], spread: true, epsilon: 1e-3)
            let embedding = try Embedding(inputDim: 5, outputDim: 3)
            _ = try embedding([Input(shape: [4], dtype: .int64)])
            let indices = try Tensor([0, 4, 4, 2, 1, 3, 0, 0] as [Int64], shape: [2, 4])
            try checkGradients(embedding.parameters) { _ in try embedding(indices) }
            let dropout = try Dropout(0.4)
            let x = try parameter([3, 5])
            try checkGradients([x]) { values in
                Random.manualSeed(5)  // the same mask at every evaluation
                return try dropout(values[0], training: true)
            }
        }

        @Test func mergingLayers() throws {
            try check(Concatenate(), [2, 3], [2, 2])
            for layer in try [Add(), Subtract(), Multiply(), Average()] as [Layer] { try check(layer, [2, 3], [2, 3]) }
            try check(Maximum(), [2, 3], [2, 3], spread: true, epsilon: 1e-3)
            try check(Minimum(), [2, 3], [2, 3], spread: true, epsilon: 1e-3)
        }

        @Test func convolutionLayers() throws {
            var options = ConvolutionOptions()
            options.strides = [2]
            options.padding = .same
            options.activation = .sigmoid  // fused into the kernel
            try check(Conv2D(3, kernelSize: [3], options: options), [2, 5, 4, 2])
            options = ConvolutionOptions()
            options.dilationRate = [2, 1]
            options.activation = ActivationFunction(.elu)  // applied after the kernel
            try check(Conv2D(2, kernelSize: [2, 3], options: options), [1, 6, 5, 2])
            options = ConvolutionOptions()
            options.padding = .causal
            options.dilationRate = [2]
            options.activation = .tanh
            try check(Conv1D(3, kernelSize: 3, options: options), [2, 6, 2])
            options = ConvolutionOptions()
            options.useBias = false
            options.strides = [2]
            try check(Conv1D(2, kernelSize: 2, options: options), [2, 7, 3])
            var transpose = Conv2DTranspose.Options()
            transpose.strides = [2, 3]
            transpose.padding = .same
            transpose.activation = .tanh
            try check(Conv2DTranspose(2, kernelSize: [3, 2], options: transpose), [2, 3, 2, 3])
            transpose = Conv2DTranspose.Options()
            transpose.strides = [2]
            transpose.outputPadding = [1]
            try check(Conv2DTranspose(2, kernelSize: [3], options: transpose), [1, 3, 3, 2])
        }

        @Test func poolingAndUpsamplingLayers() throws {
            try check(MaxPooling2D(2), [2, 4, 5, 2], spread: true, epsilon: 1e-3)
            try check(MaxPooling2D(3, strides: 2, padding: .same), [1, 5, 6, 2], spread: true, epsilon: 1e-3)
            var options = Pooling2D.Options()
            options.strides = [2, 1]
            try check(AveragePooling2D(poolSize: [3, 2], options: options), [2, 5, 4, 2])
            try check(AveragePooling2D(2, padding: .same), [1, 3, 5, 2])
            try check(UpSampling2D(size: [2, 3]), [1, 2, 3, 2])
            try check(UpSampling2D(size: [3, 2], interpolation: .bilinear), [1, 3, 2, 2])
        }

        @Test func normalizationLayers() throws {
            try check(BatchNormalization(), [4, 2, 3], training: true)
            try check(BatchNormalization(), [4, 2, 3], training: false)
            var options = BatchNormalization.Options()
            options.center = false
            try check(BatchNormalization(options: options), [5, 3], training: true)
            try check(LayerNormalization(), [3, 2, 4])
        }

        @Test func recurrentLayers() throws {
            try check(SimpleRNN(3, options: recurrent(sequences: true)), [2, 4, 2])
            try check(SimpleRNN(3, options: recurrent(state: true, backwards: true)), [2, 4, 2])
            try check(LSTM(3, options: recurrent(sequences: true, state: true)), [2, 4, 2])
            try check(LSTM(2, options: recurrent(backwards: true)), [3, 5, 2])
            try check(GRU(3, options: recurrent(sequences: true, state: true)), [2, 4, 2])
            try check(GRU(2, options: recurrent(sequences: true, backwards: true)), [2, 5, 3])
            var noBias = recurrent(sequences: true)
            noBias.useBias = false
            try check(LSTM(2, options: noBias), [2, 3, 2])
            // Initial states as extra inputs.
            try check(LSTM(3, options: recurrent(sequences: true)), [2, 4, 2], [2, 3], [2, 3])
            try check(GRU(3), [2, 4, 2], [2, 3])
        }

        @Test func bidirectionalLayers() throws {
            try check(Bidirectional(LSTM(2, options: recurrent(sequences: true))), [2, 4, 2])
            try check(Bidirectional(GRU(2), mergeMode: .sum), [2, 4, 2])
            try check(Bidirectional(SimpleRNN(2, options: recurrent(sequences: true)), mergeMode: .mul), [2, 3, 2])
            try check(Bidirectional(LSTM(2, options: recurrent(state: true)), mergeMode: .ave), [2, 3, 2])
            try check(Bidirectional(GRU(2, options: recurrent(sequences: true)), mergeMode: .none), [2, 3, 2])
        }
    }
}
