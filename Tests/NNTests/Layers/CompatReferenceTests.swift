import Foundation
import Testing
@testable import NN
@testable import Tensors

/// compat_reference.json (made by make_compat_reference.py): Keras 3 and PyTorch numbers for the layers
/// and option forms added for Keras compatibility.
enum CompatReference {
    nonisolated(unsafe) static let json: [String: Any] = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = tests.appendingPathComponent("NNFixtures/compat_reference.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    static func entry(_ section: String, _ key: String) throws -> [String: Any] {
        try #require((json[section] as? [String: Any])?[key] as? [String: Any], "\(section).\(key) missing")
    }
}

extension ModelsSuite {
    @Suite struct CompatReferenceTests {
        /// Forward values of the pooling, padding and cropping layers against Keras.
        func checkForward(_ key: String, _ layer: Layer, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let entry = try CompatReference.entry("layer_values", key)
            let x = try KerasLayerValues.tensor(entry["input"])
            let symbolic = try layer([Input(shape: Array(x.shape.array.dropFirst()))])[0]
            let y = try layer([x], training: false)[0]
            let expected = try KerasLayerValues.tensor((entry["outputs"] as? [Any])?.first)
            #expect(y.shape == expected.shape, "\(key): shape \(y.shape), Keras \(expected.shape)", sourceLocation: sourceLocation)
            #expect(symbolic.shape.dims == [nil] + expected.shape.array.dropFirst().map { Optional($0) },
                    "\(key): symbolic shape \(symbolic.shape)", sourceLocation: sourceLocation)
            let a = try floats(y), b = try floats(expected)
            #expect(close(a, b, tolerance: 1e-6), "\(key): max difference \(maxDifference(a, b))", sourceLocation: sourceLocation)
        }

        @Test func poolingPaddingCropping() throws {
            try checkForward("max_pooling1d_valid", MaxPooling1D(poolSize: [2]))
            var options = WindowPooling.Options()
            options.strides = [2]
            options.padding = .same
            try checkForward("max_pooling1d_same_stride", MaxPooling1D(poolSize: [3], options: options))
            options.padding = .valid
            try checkForward("average_pooling1d_valid_stride", AveragePooling1D(poolSize: [3], options: options))
            options = WindowPooling.Options()
            options.padding = .same
            try checkForward("average_pooling1d_same", AveragePooling1D(poolSize: [2], options: options))
            try checkForward("zero_padding1d", ZeroPadding1D(.array([.number(1), .number(2)])))
            try checkForward("zero_padding2d", ZeroPadding2D(try JSONValue.parse("[[1, 2], [0, 3]]")))
            try checkForward("cropping1d", Cropping1D(.array([.number(2), .number(1)])))
            try checkForward("cropping2d", Cropping2D(try JSONValue.parse("[[1, 0], [2, 1]]")))
        }

        /// Convolutions with strides and dilation together, forward and backward, against PyTorch.
        @Test(arguments: ["conv2d_valid_s2_d2", "conv2d_valid_s21_d12", "conv2d_same_s2_d2", "conv1d_valid_s2_d3", "conv1d_same_s3_d2"])
        func stridedDilated(_ key: String) throws {
            let entry = try CompatReference.entry("strided_dilated", key)
            let kernel = try KerasLayerValues.tensor(entry["kernel"]), bias = try KerasLayerValues.tensor(entry["bias"])
            var options = ConvolutionOptions()
            options.strides = try #require(entry["strides"] as? [Int])
            options.dilationRate = try #require(entry["dilation_rate"] as? [Int])
            options.padding = try #require(Padding(rawValue: entry["padding"] as? String ?? ""))
            let size = try #require(entry["kernel_size"] as? [Int]), filters = kernel.shape.array.last!
            let layer: Convolution = size.count == 1 ? try Conv1D(filters, kernelSize: size[0], options: options)
                                                     : try Conv2D(filters, kernelSize: size, options: options)
            let x = try KerasLayerValues.tensor(entry["input"]).setRequiresGrad()
            let symbolic = try layer([Input(shape: Array(x.shape.array.dropFirst()))])[0]
            try layer.setWeights([kernel, bias])
            let y = try layer([x], training: true)[0]
            let expected = try KerasLayerValues.tensor(entry["output"])
            #expect(y.shape == expected.shape, "\(key): shape \(y.shape), PyTorch \(expected.shape)")
            #expect(Array(symbolic.shape.dims.dropFirst()) == expected.shape.array.dropFirst().map { Optional($0) })
            let got = try floats(y), want = try floats(expected)
            #expect(close(got, want, tolerance: 1e-5), "\(key) output: max difference \(maxDifference(got, want))")
            try (y * KerasLayerValues.tensor(entry["output_weights"])).sum().backward()
            let grads: [(String, Tensor?)] = [("input_grad", x.grad), ("kernel_grad", layer.kernel?.value.grad), ("bias_grad", layer.bias?.value.grad)]
            for (name, grad) in grads {
                let got = try floats(try #require(grad, "\(key): no \(name)"))
                let want = try floats(KerasLayerValues.tensor(entry[name]))
                #expect(close(got, want, tolerance: 1e-4), "\(key) \(name): max difference \(maxDifference(got, want))")
            }
        }

        /// The homework's fruit autoencoder with non-square kernels, pools and upsampling: Keras' shapes and counts.
        @Test func fruitAutoencoder() throws {
            let reference = try #require(CompatReference.json["fruit_autoencoder"] as? [String: Any])
            func conv(_ filters: Int, _ size: [Int], _ activation: Activation, same: Bool = true) throws -> Layer {
                var options = ConvolutionOptions()
                options.activation = ActivationFunction(activation)
                options.padding = same ? .same : .valid
                return try Conv2D(filters, kernelSize: size, options: options)
            }
            func pool(_ size: Int, _ stride: Int) throws -> Layer {
                var options = WindowPooling.Options()
                options.strides = [stride, stride]
                return try MaxPooling2D(poolSize: [size, size], options: options)
            }
            let model = try Sequential([
                InputLayer(shape: [100, 100, 3]), conv(50, [6, 6], .tanh), pool(4, 4), conv(50, [5, 5], .tanh), pool(4, 6),
                conv(1, [3, 3], .tanh, same: false), conv(1, [1, 2], .elu, same: false), UpSampling2D(size: [5, 5]),
                conv(50, [3, 3], .tanh), UpSampling2D(size: [5, 5]), conv(100, [5, 5], .tanh), UpSampling2D(size: [2, 4]),
                conv(3, [6, 6], .sigmoid),
            ])
            let layers = try #require(reference["layers"] as? [[String: Any]])
            #expect(layers.count == model.layers.count)
            for (layer, want) in zip(model.layers, layers) {
                #expect(layer.typeName == want["class"] as? String)
                #expect(layer.countParams() == want["params"] as? Int, "\(layer.label)")
                let shape = try layer.output.shape.dims.dropFirst().map { $0 ?? -1 }
                #expect(shape == want["output_shape"] as? [Int], "\(layer.label): \(shape)")
            }
            #expect(model.countParams() == reference["total_params"] as? Int)
        }
    }
}
