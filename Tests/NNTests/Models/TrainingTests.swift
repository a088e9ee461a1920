import Foundation
import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Small models that must learn, and the semantics of fit: validation split, history, callbacks,
    /// early stopping, NaN losses, interruption, custom steps and the progress output.
    @Suite struct Training {
        static func quiet(_ epochs: Int, batchSize: Int = 32) -> FitOptions {
            var options = FitOptions()
            options.epochs = epochs
            options.batchSize = batchSize
            options.verbose = 0
            return options
        }

        @Test func mlpLearnsXOR() throws {
            Random.manualSeed(11)
            let x = try tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]), y = try tensor([0, 1, 1, 0], [4, 1])
            let model = try Sequential([InputLayer(shape: [2]), Dense(8, activation: .tanh), Dense(1, activation: .sigmoid)])
            try model.compile(optimizer: Adam(learningRate: 0.05), loss: Loss(named: "binary_crossentropy"), metrics: ["accuracy"])
            let history = try model.fit(x: x, y: y, options: Training.quiet(300, batchSize: 4))
            let final = try #require(history["loss"]?.last)
            #expect(final < 0.1, "final loss \(final)")
            #expect(history["accuracy"]?.last == 1)
            let predictions = try floats(try model.predict(x: x, verbose: 0))
            #expect(predictions[0] < 0.5 && predictions[1] > 0.5 && predictions[2] > 0.5 && predictions[3] < 0.5)
        }

        /// y = 3·x1 − 2·x2 + 0.5 without noise: SGD must recover the coefficients.
        @Test func linearRegressionRecoversCoefficients() throws {
            Random.manualSeed(12)
            let x = try Tensor.uniform([200, 2], low: -1, high: 1)
            let y = try x.matmul(try tensor([3, -2], [2, 1])) + 0.5
            let dense = try Dense(1)
            let model = try Sequential([InputLayer(shape: [2]), dense])
            try model.compile(optimizer: SGD(learningRate: 0.1), loss: Loss(named: "mse"), metrics: ["mae"])
            let history = try model.fit(x: x, y: y, options: Training.quiet(60, batchSize: 16))
            #expect(close(try floats(try #require(dense.kernel).value), [3, -2], tolerance: 1e-3))
            #expect(close(try floats(try #require(dense.bias).value), [0.5], tolerance: 1e-3))
            #expect(try #require(history["mae"]?.last) < 1e-3)
        }

        @Test func softmaxClassifierSeparatesBlobs() throws {
            Random.manualSeed(13)
            let centres: [[Float]] = [[-3, 0], [3, 0], [0, 4]]
            var points: [Float] = [], labels: [Int64] = []
            for i in 0..<300 {
                let c = i % 3
                let noise = try floats(try Tensor.randn([2]))
                points += [centres[c][0] + noise[0] * 0.7, centres[c][1] + noise[1] * 0.7]
                labels.append(Int64(c))
            }
            let x = try tensor(points, [300, 2]), y = try Tensor(labels).oneHot(classes: 3)
            let model = try Sequential([InputLayer(shape: [2]), Dense(3, activation: .softmax)])
            try model.compile(optimizer: Adam(learningRate: 0.05), loss: Loss(named: "categorical_crossentropy"), metrics: ["accuracy"])
            try model.fit(x: x, y: y, options: Training.quiet(30))
            let results = try model.evaluate(x: x, y: y, verbose: 0)
            #expect(try #require(results["accuracy"]) > 0.97)
            // Integer labels with the sparse loss train the same way.
            try model.compile(optimizer: Adam(learningRate: 0.05), loss: Loss(named: "sparse_categorical_crossentropy"), metrics: ["accuracy"])
            let sparse = try model.evaluate([x], [try Tensor(labels)], verbose: 0)
            #expect(close(try #require(sparse["accuracy"]), try #require(results["accuracy"])))
        }

        /// Samples 0..<10 with validation_split 0.2: samples 8 and 9 validate, 0..<8 train (shuffled).
        @Test func validationSplitTakesTheLastSamplesBeforeShuffling() throws {
            let x = try Tensor.arange(start: 0, end: 10).reshape([10, 1]), y = try Tensor.zeros([10, 1])
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            var trained: [[Float]] = [], validated: [Float] = []
            var options = Training.quiet(2, batchSize: 3)
            options.validationSplit = 0.2
            options.trainStep = { batch in
                trained.append(try floats(batch.x[0]))
                return ["loss": 1]
            }
            options.testStep = { batch in
                validated += try floats(batch.x[0])
                return ["loss": 2]
            }
            let history = try model.fit([x], [y], options: options)
            #expect(validated == [8, 9, 8, 9])
            #expect(trained.count == 6)
            #expect(trained[0...2].joined().sorted() == [0, 1, 2, 3, 4, 5, 6, 7])
            #expect(trained[3...5].joined().sorted() == [0, 1, 2, 3, 4, 5, 6, 7])
            #expect(trained.joined().map { $0 } != (Array(0..<8) + Array(0..<8)).map { Float($0) }, "shuffled")
            #expect(history["loss"] == [1, 1] && history["val_loss"] == [2, 2])
            #expect(history.params == ["verbose": 0, "epochs": 2, "steps": 3])
            #expect(history.epochs == [0, 1])
        }

        @Test func historyHasMetricsAndValidation() throws {
            let x = try Tensor.rand([20, 3]), y = try Tensor.rand([20, 1]).gt(0.5).float()
            let model = try Sequential([InputLayer(shape: [3]), Dense(1, activation: .sigmoid)])
            try model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy", "precision"])
            var options = Training.quiet(3)
            options.validationData = (x: [x], y: [y])
            options.shuffle = false
            let history = try model.fit(x: x, y: y, options: options)
            #expect(history.keys == ["accuracy", "loss", "precision", "val_accuracy", "val_loss", "val_precision"])
            #expect(history.keys.allSatisfy { history[$0]?.count == 3 })
            // Validation on the training data after the last epoch equals evaluate.
            let evaluated = try model.evaluate(x: x, y: y, verbose: 0)
            #expect(close(try #require(history["val_loss"]?.last), try #require(evaluated["loss"])))
        }

        final class Recorder: Callback {
            var events: [String] = []
            override func onTrainBegin(logs: [String: Double]) throws { events.append("train_begin") }
            override func onTrainEnd(logs: [String: Double]) throws { events.append("train_end") }
            override func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws { events.append("epoch_begin \(epoch)") }
            override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
                events.append("epoch_end \(epoch) " + logs.keys.sorted().joined(separator: ","))
            }
            override func onBatchBegin(_ batch: Int, logs: [String: Double]) throws { events.append("batch_begin \(batch)") }
            override func onBatchEnd(_ batch: Int, logs: [String: Double]) throws { events.append("batch_end \(batch)") }
        }

        @Test func callbacksAreCalledInOrder() throws {
            let model = try Sequential([InputLayer(shape: [2]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            let recorder = Recorder()
            var options = Training.quiet(2, batchSize: 2)
            options.callbacks = [recorder]
            options.validationSplit = 0.25
            try model.fit(x: try Tensor.rand([4, 2]), y: try Tensor.rand([4, 1]), options: options)
            #expect(recorder.events == ["train_begin",
                                        "epoch_begin 0", "batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1", "epoch_end 0 loss,val_loss",
                                        "epoch_begin 1", "batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1", "epoch_end 1 loss,val_loss",
                                        "train_end"])
            #expect(recorder.model === model)
        }

        /// val_loss 1.0, 0.5, 0.7, 0.8: with patience 2 training stops after epoch 3 (0-based) and the
        /// weights of epoch 1 come back. Each epoch sets the weight to its epoch number.
        @Test func earlyStoppingRestoresBestWeights() throws {
            let dense = try Dense(1, activation: .linear, useBias: false)
            let model = try Sequential([InputLayer(shape: [1]), dense])
            try model.compile(optimizer: SGD(), loss: Loss(named: "mse"))
            let validationLosses = [1.0, 0.5, 0.7, 0.8, 0.9, 1.0]
            var epochSeen = 0
            var options = Training.quiet(6, batchSize: 4)
            options.validationData = (x: [try Tensor.zeros([1, 1])], y: [try Tensor.zeros([1, 1])])
            options.trainStep = { batch in
                epochSeen = batch.epoch
                try dense.kernel!.assign(try Tensor.full([1, 1], value: Double(batch.epoch)))
                return ["loss": 0]
            }
            options.testStep = { _ in ["loss": validationLosses[epochSeen]] }
            let stopping = try EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true)
            options.callbacks = [stopping]
            let history = try model.fit(x: try Tensor.zeros([4, 1]), y: try Tensor.zeros([4, 1]), options: options)
            #expect(history["val_loss"] == [1.0, 0.5, 0.7, 0.8])
            #expect(stopping.stoppedEpoch == 3 && stopping.bestEpoch == 1)
            #expect(try floats(try #require(dense.kernel).value) == [1])
        }

        @Test func earlyStoppingOnAccuracyWaitsForIncrease() throws {
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            let values = [0.5, 0.6, 0.6, 0.6, 0.9]
            var options = Training.quiet(5)
            options.trainStep = { batch in ["accuracy": values[batch.epoch], "loss": 1] }
            options.callbacks = [try EarlyStopping(monitor: "accuracy", minDelta: 0.05, patience: 1)]
            let history = try model.fit(x: try Tensor.zeros([2, 1]), options: options)
            #expect(history["accuracy"] == [0.5, 0.6, 0.6])
        }

        /// As Keras' TerminateOnNaN: the epoch ends, its logs are kept, no weight takes the NaN step.
        @Test func nanLossStopsTrainingAndKeepsTheHistory() throws {
            var values = [Float](repeating: 0.5, count: 100)
            values[70] = .nan
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            var options = Training.quiet(2)
            options.shuffle = false
            let console = Training.fakeConsole(terminal: false)
            options.console = console
            let history = try model.fit(x: try tensor(values, [100, 1]), y: try Tensor.zeros([100, 1]), options: options)
            #expect(history.epochs == [0])
            #expect(history.history["loss"]?.first?.isNaN == true)
            #expect(console.text.contains("Epoch 1, batch 3 of 4: the loss became NaN, training stopped"), "\(console.text)")
            #expect(model.weights.allSatisfy { (try? $0.value.toArray(Float.self).allSatisfy(\.isFinite)) == true })
        }

        @Test func interruptionStopsBetweenBatches() throws {
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: "sgd", loss: "mse")
            var polls = 0
            var options = Training.quiet(3, batchSize: 1)
            options.shouldStop = {
                polls += 1
                return polls == 7
            }
            expectNNError(.interrupted, "epoch 3, batch 1") {
                try model.fit(x: try Tensor.zeros([3, 1]), y: try Tensor.zeros([3, 1]), options: options)
            }
        }

        /// The VAE case: compiled with an optimizer only, fit with inputs only and a custom step that does
        /// its own update; the returned values are averaged over the epoch by batch size.
        @Test func customTrainStepLogsWeightedAverages() throws {
            let dense = try Dense(2)
            let model = try Sequential([InputLayer(shape: [3]), dense])
            try model.compile(optimizer: Adam(learningRate: 0.01))
            let before = try floats(try #require(dense.kernel).value)
            var options = Training.quiet(1, batchSize: 4)
            options.shuffle = false
            options.trainStep = { batch in
                let optimizer = try #require(model.optimizer)
                optimizer.parameters = model.parameters
                optimizer.zeroGrad()
                let loss = try model(batch.x[0], training: true).pow(2).mean()
                try loss.backward()
                try optimizer.step()
                return ["loss": Double(batch.index + 1), "kl": 2]
            }
            let history = try model.fit(x: try Tensor.rand([10, 3]), options: options)
            // Batches of 4, 4, 2 with losses 1, 2, 3: (4 + 8 + 6) / 10.
            #expect(history["loss"] == [1.8] && history["kl"] == [2])
            #expect(try floats(try #require(dense.kernel).value) != before)
        }

        @Test func multiOutputLossesAreSummedAndLogged() throws {
            let x = try Input(shape: [2])
            let a = try Dense(1, name: "first")(x), b = try Dense(1, name: "second")(x)
            let model = try Model(inputs: [x], outputs: [a, b])
            try model.compile(optimizer: SGD(), losses: [Loss(named: "mse"), Loss(named: "mae")], metrics: ["mae"])
            let data = try Tensor.rand([8, 2]), target = try Tensor.rand([8, 1])
            let history = try model.fit([data], [target, target], options: Training.quiet(1))
            #expect(history.keys == ["first_loss", "first_mae", "loss", "second_loss", "second_mae"])
            let sum = try #require(history["first_loss"]?[0]) + (try #require(history["second_loss"]?[0]))
            #expect(close(try #require(history["loss"]?[0]), sum))
        }

        @Test func fitErrors() throws {
            let model = try Sequential([InputLayer(shape: [2]), Dense(1)])
            expectNNError(.usage, "compiled first") { try model.fit(x: try Tensor.rand([4, 2]), y: try Tensor.rand([4, 1])) }
            try model.compile(optimizer: "sgd", loss: "mse")
            expectNNError(.shape, "4 samples") { try model.fit(x: try Tensor.rand([4, 2]), y: try Tensor.rand([5, 1])) }
            expectNNError(.value, "targets y are needed") { try model.fit(x: try Tensor.rand([4, 2])) }
            var options = FitOptions()
            options.validationSplit = 0.1
            expectNNError(.value, "not enough") { try model.fit(x: try Tensor.rand([1, 2]), y: try Tensor.rand([1, 1]), options: options) }
            expectNNError(.value, "unknown loss") { try model.compile(optimizer: "sgd", loss: "crossentropyy") }
        }

        /// A fake clock makes the times predictable: every reading advances 10 ms.
        static func fakeConsole(terminal: Bool) -> CapturingConsole {
            var t = 0.0
            return CapturingConsole(isTerminal: terminal, clock: { t += 0.01; return t })
        }

        @Test func progressLinesLookLikeKeras() throws {
            Random.manualSeed(5)
            let model = try Sequential([InputLayer(shape: [2]), Dense(1, activation: .sigmoid)])
            try model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"])
            let x = try Tensor.rand([80, 2]), y = try Tensor.rand([80, 1]).gt(0.5).float()
            let console = Training.fakeConsole(terminal: false)
            var options = FitOptions()
            options.epochs = 2
            options.validationSplit = 0.2
            options.console = console
            try model.fit(x: x, y: y, options: options)
            let lines = console.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == 5 && lines[0] == "Epoch 1/2" && lines[2] == "Epoch 2/2" && lines[4] == "")
            let pattern = #"^2/2 ━{20} \d+s \d+ms/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$"#
            #expect(lines[1].range(of: pattern, options: .regularExpression) != nil, "\(lines[1])")
            #expect(lines[3].range(of: pattern, options: .regularExpression) != nil, "\(lines[3])")

            let brief = Training.fakeConsole(terminal: false)
            options.verbose = 2
            options.console = brief
            options.epochs = 1
            try model.fit(x: x, y: y, options: options)
            #expect(brief.text.range(of: #"^Epoch 1/1\n2/2 - \d+s - \d+ms/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}\n$"#,
                                     options: .regularExpression) != nil, "\(brief.text)")

            let terminal = Training.fakeConsole(terminal: true)
            options.verbose = 1
            options.console = terminal
            try model.fit(x: x, y: y, options: options)
            #expect(terminal.text.hasPrefix("Epoch 1/1\n\r\u{1B}[1m1/2\u{1B}[0m \u{1B}[32m━━━━━━━━━━\u{1B}[0m\u{1B}[37m━━━━━━━━━━\u{1B}[0m"))
            // Redrawn in place: the first batch, then (after the 50 ms interval) the finished line.
            let redraws = terminal.text.components(separatedBy: "\r")
            #expect(redraws.count >= 3 && redraws.last!.hasSuffix("\n") && redraws.last!.contains("val_loss"))
        }

        @Test func progressNumberFormats() {
            #expect(ProgressBar.formatStepTime(0.0012) == " 1ms/step")
            #expect(ProgressBar.formatStepTime(2.4) == " 2s/step")
            #expect(ProgressBar.formatStepTime(0.00085) == " 850us/step")
            #expect(ProgressBar.formatValues([("loss", 0.53214), ("mae", 0.0001234)]) == " - loss: 0.5321 - mae: 1.2340e-04")
            #expect(ProgressBar.formatValues([("r2", -0.25)]) == " - r2: -0.2500")
            #expect(ProgressBar.formatValues([("r2", -0.25)], signed: true) == " - r2: -2.5000e-01")
            #expect(ProgressBar.eta(75) == "1:15" && ProgressBar.eta(3725) == "1:02:05" && ProgressBar.eta(12.7) == "12s")
        }
    }
}
