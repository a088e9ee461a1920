import Foundation
import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// save/load round trips, the safetensors layout read independently, atomic writes, checkpoints.
    @Suite struct Saving {
        /// Reads a safetensors header with Foundation's JSON parser (not the library's reader).
        static func header(_ path: String) throws -> (json: [String: Any], dataStart: Int, data: Data) {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            let json = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any]
            return (try #require(json), 8 + length, data)
        }

        @Test func roundTripKeepsWeightsAndPredictions() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let model = try Sequential([InputLayer(shape: [4]), Dense(8, activation: .relu), Dropout(0.2), Dense(3, activation: .softmax)])
            let path = folder + "/model.safetensors"
            try model.save(path)
            let loaded = try NN.load(path)
            #expect(loaded is Sequential && loaded.name == model.name)
            #expect(loaded.layers.map(\.typeName) == ["Dense", "Dropout", "Dense"])
            for (a, b) in zip(model.weights, loaded.weights) {
                #expect(a !== b && a.name == b.name)
                #expect(try floats(a.value) == (try floats(b.value)))
            }
            let x = try Tensor.rand([5, 4])
            #expect(try floats(try model(x)) == (try floats(try loaded(x))))
            #expect(try (loaded.layers[0] as? Dense)?.options.activation.name == "relu")
            // No temporary file is left beside the target.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
        }

        /// The file is plain safetensors: 8-byte length, JSON header (padded to 8), F32 data at the offsets.
        @Test func fileParsesIndependently() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let dense = try Dense(2, name: "dense")
            let model = try Sequential([InputLayer(shape: [3]), dense])
            try dense.setWeights([try tensor([1, 2, 3, 4, 5, 6], [3, 2]), try tensor([-1, 0.5], [2])])
            let path = folder + "/w.safetensors"
            try model.saveWeights(path)
            let (json, start, data) = try Saving.header(path)
            #expect((start - 8) % 8 == 0)
            let kernel = try #require(json["dense/kernel"] as? [String: Any])
            #expect(kernel["dtype"] as? String == "F32" && kernel["shape"] as? [Int] == [3, 2])
            let offsets = try #require(kernel["data_offsets"] as? [Int])
            let values = (0..<6).map { i -> Float in
                let base = start + offsets[0] + 4 * i
                return Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[base + $1]) << (8 * UInt32($1)) })
            }
            #expect(values == [1, 2, 3, 4, 5, 6])
            #expect((json["__metadata__"] as? [String: String])?["format"] == "lunette")
            #expect(json.keys.sorted() == ["__metadata__", "dense/bias", "dense/kernel"])
            // Weights only: load needs the architecture.
            expectNNError(.value, "weights only") { _ = try NN.load(path) }
            let other = try Sequential([InputLayer(shape: [3]), Dense(2, name: "dense")])
            try other.loadWeights(path)
            #expect(try floats(other.weights[1].value) == [-1, 0.5])
        }

        @Test func functionalNestedAndRecurrentArchitecturesRebuild() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let encoder = try Sequential([InputLayer(shape: [6]), Dense(3, name: "code")], name: "encoder")
            let a = try Input(shape: [6], name: "a"), b = try Input(shape: [5, 2], name: "b")
            var options = RecurrentOptions()
            options.returnSequences = true
            let recurrent = try Bidirectional(LSTM(4, options: options))(b)
            let pooled = try Flatten()(recurrent)
            let joined = try Concatenate()([try encoder(a), pooled])
            let norm = try BatchNormalization()(joined[0])
            let model = try Model(inputs: [a, b], outputs: [norm, try Dense(1)(norm)], name: "mixed")
            let path = folder + "/mixed.safetensors"
            try model.save(path)
            let loaded = try NN.load(path)
            #expect(loaded.summaryText(columns: 120) == model.summaryText(columns: 120))
            #expect(loaded.namedWeights.map(\.name) == model.namedWeights.map(\.name))
            #expect(model.namedWeights.map(\.name).contains("encoder/code/kernel"))
            #expect(model.namedWeights.map(\.name).contains { $0.hasSuffix("/forward_lstm_") == false && $0.contains("forward_lstm") })
            for ((_, w1), (_, w2)) in zip(model.namedWeights, loaded.namedWeights) {
                #expect(try floats(w1.value) == (try floats(w2.value)))
            }
        }

        @Test func lambdaLayersNeedTheirFunctionAgain() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let double = { (t: Tensor) throws -> Tensor in try t * 2 }
            let model = try Sequential([InputLayer(shape: [2]), Dense(2), Lambda(double, name: "twice"),
                                        Dense(1, activation: .custom(name: "cube") { try $0.pow(3) })])
            let path = folder + "/lambda.safetensors"
            try model.save(path)
            expectNNError(.value, "Lambda layer 'twice'", "functions") { _ = try NN.load(path) }
            expectNNError(.value, "cube") { _ = try NN.load(path, functions: ["twice": double]) }
            let loaded = try NN.load(path, functions: ["twice": double, "cube": { try $0.pow(3) }])
            let x = try Tensor.rand([3, 2])
            #expect(try floats(try loaded(x)) == (try floats(try model(x))))
        }

        @Test func loadErrorsAreClear() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            expectNNError(.io, "no such file") { _ = try NN.load(folder + "/missing.safetensors") }
            try Data([1, 2, 3]).write(to: URL(fileURLWithPath: folder + "/short"))
            expectNNError(.io, "not a valid safetensors file") { _ = try NN.load(folder + "/short") }
            var bogus = Data([200, 0, 0, 0, 0, 0, 0, 0])
            bogus.append(Data("{}".utf8))
            try bogus.write(to: URL(fileURLWithPath: folder + "/bogus"))
            expectNNError(.io, "exceeds the file") { _ = try NN.load(folder + "/bogus") }
            let small = try Sequential([InputLayer(shape: [2]), Dense(2, name: "d")])
            try small.saveWeights(folder + "/small")
            let wider = try Sequential([InputLayer(shape: [3]), Dense(2, name: "d")])
            expectNNError(.shape, "d/kernel", "(3, 2)", "(2, 2)") { try wider.loadWeights(folder + "/small") }
            // The same architecture under other automatic names loads by position; a different one does not.
            let first = try Sequential([InputLayer(shape: [2]), Dense(3), Dense(1)])
            try first.saveWeights(folder + "/first")
            let again = try Sequential([InputLayer(shape: [2]), Dense(3), Dense(1)])
            #expect(again.layers[0].name != first.layers[0].name)
            try again.loadWeights(folder + "/first")
            #expect(try again.weights.map { try floats($0.value) } == first.weights.map { try floats($0.value) })
            let other = try Sequential([InputLayer(shape: [2]), Dense(1), Dense(3)])
            expectNNError(.value, "lacks the weights") { try other.loadWeights(folder + "/first") }
            let unbuilt = try Sequential([Dense(2)])
            expectNNError(.usage, "not built") { try unbuilt.save(folder + "/x") }
            expectNNError(.io, "does not exist") { try small.save(folder + "/no/such/folder/x") }
        }

        @Test func checkpointFormatsPathsAndSavesBest() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(try ModelCheckpoint.format("m-{epoch:02d}-{val_loss:.2f}.st", values: ["epoch": 3, "val_loss": 0.12345], strict: true) == "m-03-0.12.st")
            #expect(try ModelCheckpoint.format("{epoch}{{x}}", values: ["epoch": 12], strict: true) == "12{x}")
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            let losses = [0.9, 0.5, 0.7]
            var options = Training.quiet(3)
            options.trainStep = { batch in ["loss": losses[batch.epoch]] }
            options.callbacks = [try ModelCheckpoint(filepath: folder + "/best-{epoch}.st", monitor: "loss", saveBestOnly: true, saveWeightsOnly: true)]
            try model.fit(x: try Tensor.zeros([2, 1]), options: options)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["best-1.st", "best-2.st"])
        }
    }
}
