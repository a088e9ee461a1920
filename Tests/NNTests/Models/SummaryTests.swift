import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Summaries compared character for character with Keras 3's (on an 80-column console, as the
    /// reference was made), Tests/NNFixtures/keras_models_reference.json.
    @Suite struct Summaries {
        /// The course's MNIST CNN. 130,890 parameters needs 'same' padding in all three convolutions: the
        /// maps go 28 → 14 → 7 → 3 through the pools, so Flatten gives 3·3·64 = 576 and Dense(128) has
        /// 577·128 = 73,856 (with 'valid' convolutions the maps would shrink to 1×1).
        static func mnistCNN() throws -> Sequential {
            try Sequential([
                InputLayer(shape: [28, 28, 1]),
                Conv2D(32, 3, padding: .same, activation: .relu), MaxPooling2D(2),
                Conv2D(64, 3, padding: .same, activation: .relu), MaxPooling2D(2),
                Conv2D(64, 3, padding: .same, activation: .relu), MaxPooling2D(2),
                Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax),
            ])
        }

        @Test func mnistCNNMatchesKeras() throws {
            NN.clearSession()
            let model = try Summaries.mnistCNN()
            #expect(model.countParams() == 130_890)
            #expect(model.summaryText(columns: 80) == KerasReference.text("summary_mnist_cnn"))
        }

        @Test func functionalWithTwoInputsShowsConnections() throws {
            NN.clearSession()
            let a = try Input(shape: [4], name: "a"), b = try Input(shape: [3])
            let joined = try Concatenate()([a, b])
            let y = try Dense(2)(joined[0])
            let z = try BatchNormalization()(y)
            let model = try Model(inputs: [a, b], outputs: [y, z], name: "two_inputs")
            #expect(model.summaryText(columns: 80) == KerasReference.text("summary_two_inputs"))
        }

        @Test func functionalChainHasNoConnectionsColumn() throws {
            NN.clearSession()
            let x = try Input(shape: [6])
            let h = try Dropout(0.5)(try Dense(4, activation: .relu)(x))
            let model = try Model(inputs: x, outputs: try Dense(1)(h))
            #expect(model.summaryText(columns: 80) == KerasReference.text("summary_functional_chain"))
        }

        @Test func unbuiltSequential() throws {
            NN.clearSession()
            let model = try Sequential([Dense(3)])
            #expect(model.summaryText(columns: 80) == KerasReference.text("summary_unbuilt"))
        }

        @Test func wideTerminalUses88Columns() throws {
            let model = try Summaries.mnistCNN()
            let lines = model.summaryText(columns: 200).split(separator: "\n")
            #expect(lines[1].count == 88)
            #expect(lines.contains { $0.hasPrefix("│ conv2d") && $0.hasSuffix("320 │") })
        }

        /// After training, Keras adds the optimizer's variables: Adam keeps two per parameter, plus its
        /// iteration count and learning rate (the reference LSTM model: 32,204 = 2 · 16,101 + 2).
        @Test func optimizerParamsAfterTraining() throws {
            let model = try Sequential([InputLayer(shape: [4]), Dense(8, activation: .tanh), Dense(1, activation: .sigmoid)])
            try model.compile(optimizer: "adam", loss: "binary_crossentropy")
            var options = FitOptions()
            options.verbose = 0
            try model.fit(x: try Tensor.rand([8, 4]), y: try Tensor.zeros([8, 1]), options: options)
            let text = model.summaryText(columns: 80)
            #expect(text.contains(" Total params: 149 (596.00 B)\n"))
            #expect(text.contains(" Trainable params: 49 (196.00 B)\n"))
            #expect(text.hasSuffix(" Optimizer params: 100 (400.00 B)\n"))
        }

        @Test func wrappingCutsLongWords() {
            #expect(SummaryTable.wrap("batch_normalization (BatchNormalization)", width: 19) == ["batch_normalization", "(BatchNormalizatio…"])
            #expect(SummaryTable.wrap("a[0][0], input_layer_1[0][0]", width: 17) == ["a[0][0],", "input_layer_1[0]…"])
        }
    }
}
