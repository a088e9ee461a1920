import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Configurations as saved files and Keras write them reach the layers in any of Keras' forms, and a
    /// wrong form is reported with the option's Keras name and the value as Lua writes it.
    @Suite struct OptionFormTests {
        func layer(_ className: String, _ json: String) throws -> Layer {
            try NN.layer(className: className, config: try #require(JSONValue.parse(json).objectValue))
        }

        @Test func sizesAsOneNumberOrAList() throws {
            let conv = try #require(try layer("Conv2D", #"{"filters": 2, "kernel_size": 3, "strides": [2, 1], "dilation_rate": 2}"#) as? Conv2D)
            #expect(conv.kernelSize == [3, 3])
            #expect(conv.options.strides == [2, 1])
            #expect(conv.options.dilationRate == [2, 2])
            let pool = try #require(try layer("MaxPooling1D", #"{"pool_size": 3, "strides": 2}"#) as? MaxPooling1D)
            #expect(pool.poolSize == [3] && pool.strides == [2])
            let crop = try #require(try layer("Cropping2D", #"{"cropping": [1, [2, 0]]}"#) as? Cropping2D)
            #expect(crop.edges.map { [$0.before, $0.after] } == [[1, 1], [2, 0]])
        }

        @Test func wrongFormsSpeakLua() {
            expectNNError(.value, "Conv2D: option 'strides' must be an integer or a list of integers, got {{6}, 6}") {
                _ = try layer("Conv2D", #"{"filters": 2, "kernel_size": 3, "strides": [[6], 6]}"#)
            }
            expectNNError(.value, "Conv2D: option 'dilation_rate' must be a positive integer or a list of 2 of them, got {1, 2, 3}") {
                _ = try layer("Conv2D", #"{"filters": 2, "kernel_size": 3, "dilation_rate": [1, 2, 3]}"#)
            }
            expectNNError(.value, "Dense: option 'use_bias' must be a boolean, got 'yes'") {
                _ = try layer("Dense", #"{"units": 2, "use_bias": "yes"}"#)
            }
            expectNNError(.value, "LSTM: option 'return_sequences' must be a boolean, got 1") {
                _ = try layer("LSTM", #"{"units": 2, "return_sequences": 1}"#)
            }
            expectNNError(.value, "Dense: option 'kernel_initializer' must be an initializer's name or {class_name = ..., config = {...}}, got {a = 1}") {
                _ = try layer("Dense", #"{"units": 2, "kernel_initializer": {"a": 1}}"#)
            }
            expectNNError(.value, "ZeroPadding2D: option 'padding' must be an integer ≥ 0, a list {rows, columns}, or {{top, bottom}, {left, right}}, got {1, 2, 3}") {
                _ = try layer("ZeroPadding2D", #"{"padding": [1, 2, 3]}"#)
            }
        }

        @Test func stridesWithDilationAreAccepted() throws {
            var options = ConvolutionOptions()
            options.strides = [2]
            options.dilationRate = [2]
            let conv = try Conv2D(4, kernelSize: [5], options: options)
            // floor((32 − (5 − 1)·2 − 1) / 2) + 1 = 12, PyTorch's formula.
            let output = try conv([Input(shape: [32, 32, 3])])[0]
            #expect(output.shape == SymbolicShape([nil, 12, 12, 4]))
        }
    }
}
