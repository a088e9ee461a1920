import Foundation
import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite {
    /// Learning-rate callbacks, resuming from an epoch, and evaluate/predict output.
    @Suite struct Callbacks {
        func model() throws -> Sequential {
            let model = try Sequential([InputLayer(shape: [1]), Dense(1)])
            try model.compile(optimizer: SGD(learningRate: 0.1), loss: Loss(named: "mse"))
            return model
        }

        @Test func schedulerSetsTheRateEachEpoch() throws {
            let model = try model()
            var seen: [Double] = []
            var options = Training.quiet(3)
            options.trainStep = { _ in
                seen.append(model.optimizer!.learningRate)
                return ["loss": 1]
            }
            options.callbacks = [LearningRateScheduler { epoch, rate in epoch == 0 ? rate : rate / 2 }]
            try model.fit(x: try Tensor.zeros([2, 1]), options: options)
            #expect(seen == [0.1, 0.05, 0.025])
        }

        /// Losses 1, 1, 1, 0.5, 0.5, 0.5 with patience 2, factor 0.5, cooldown 1 (Keras' rules, by hand):
        /// two epochs without improvement halve the rate after epoch 2; epoch 3 is the cooldown and
        /// improves; two flat epochs after it halve the rate again after epoch 5.
        @Test func reduceOnPlateauFollowsKeras() throws {
            let model = try model()
            let losses = [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5]
            var rates: [Double] = []
            var options = Training.quiet(7)
            options.trainStep = { batch in
                rates.append(model.optimizer!.learningRate)
                return ["loss": losses[batch.epoch]]
            }
            options.callbacks = [try ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, cooldown: 1)]
            try model.fit(x: try Tensor.zeros([2, 1]), options: options)
            #expect(rates == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025])
        }

        /// With verbose 1 the callbacks say what they do, in Keras' words, on fit's console (epochs from 1).
        @Test func verboseCallbacksReportTheirActions() throws {
            let model = try model()
            let losses = [1.0, 0.5, 0.7, 0.8, 0.9]
            let console = Training.fakeConsole(terminal: false)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-verbose-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var options = Training.quiet(5)
            options.console = console
            options.trainStep = { batch in ["loss": losses[batch.epoch]] }
            let stopping = try EarlyStopping(monitor: "loss", patience: 2, restoreBestWeights: true)
            let scheduler = LearningRateScheduler { epoch, rate in epoch == 1 ? 0.25 : rate }
            let plateau = try ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1)
            let checkpoint = try ModelCheckpoint(filepath: folder + "/m-{epoch}.st", monitor: "loss", saveBestOnly: true, saveWeightsOnly: true)
            for callback in [stopping, scheduler, plateau, checkpoint] as [Callback] { callback.verbose = 1 }
            options.callbacks = [stopping, scheduler, plateau, checkpoint]
            try model.fit(x: try Tensor.zeros([2, 1]), options: options)
            let lines = console.text.split(separator: "\n").map(String.init)
            #expect(lines == [
                "Epoch 1: LearningRateScheduler setting learning rate to 0.1.",
                "Epoch 1: loss improved from inf to 1.00000, saving model to \(folder)/m-1.st",
                "Epoch 2: LearningRateScheduler setting learning rate to 0.25.",
                "Epoch 2: loss improved from 1.00000 to 0.50000, saving model to \(folder)/m-2.st",
                "Epoch 3: LearningRateScheduler setting learning rate to 0.25.",
                "Epoch 3: ReduceLROnPlateau reducing learning rate to 0.125.",
                "Epoch 3: loss did not improve from 0.50000",
                "Epoch 4: LearningRateScheduler setting learning rate to 0.125.",
                "Epoch 4: ReduceLROnPlateau reducing learning rate to 0.0625.",
                "Epoch 4: loss did not improve from 0.50000",
                "Epoch 4: early stopping",
                "Restoring model weights from the end of the best epoch: 2.",
            ], "\(console.text)")
        }

        @Test func initialEpochResumes() throws {
            let model = try model()
            let console = Training.fakeConsole(terminal: false)
            var options = FitOptions()
            options.epochs = 4
            options.initialEpoch = 2
            options.console = console
            let history = try model.fit(x: try Tensor.zeros([2, 1]), y: try Tensor.zeros([2, 1]), options: options)
            #expect(history.epochs == [2, 3])
            #expect(console.text.hasPrefix("Epoch 3/4\n") && console.text.contains("Epoch 4/4\n"))
        }

        @Test func evaluateAndPredictWriteProgress() throws {
            let model = try model()
            let console = Training.fakeConsole(terminal: false)
            let results = try model.evaluate(x: try Tensor.zeros([40, 1]), y: try Tensor.zeros([40, 1]), console: console)
            #expect(results["loss"] != nil)
            #expect(console.text.range(of: #"^2/2 ━{20} \d+s \d+ms/step - loss: \d\.\d{4}(e[+-]\d+)?\n$"#, options: .regularExpression) != nil, "\(console.text)")
            let quiet = Training.fakeConsole(terminal: false)
            #expect(try model.predict(x: try Tensor.zeros([70, 1]), console: quiet).shape == [70, 1])
            #expect(quiet.text.hasPrefix("3/3 ━━━━━━━━━━━━━━━━━━━━ "))
        }
    }
}
