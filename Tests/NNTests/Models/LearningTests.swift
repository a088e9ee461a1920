import Testing
@testable import NN
@testable import Tensors

extension ModelsSuite.Training {
    /// 8x8 grey images of one bar, vertical (class 0) or horizontal (class 1), at a random row or column,
    /// with noise: the convolution, pooling and dense layers must learn to tell them apart on fresh images.
    @Test func smallCNNLearnsBarOrientation() throws {
        Random.manualSeed(21)
        func bars(_ count: Int) throws -> (Tensor, Tensor) {
            var pixels = try floats(try Tensor.uniform([count, 8, 8, 1], low: 0, high: 0.3))
            var labels: [Int64] = []
            let positions = try Tensor.randint(low: 1, high: 7, [count]).toArray(Int64.self)
            for i in 0..<count {
                let horizontal = i % 2 == 1, line = Int(positions[i])
                for j in 0..<8 { pixels[i * 64 + (horizontal ? line * 8 + j : j * 8 + line)] += 1 }
                labels.append(horizontal ? 1 : 0)
            }
            return (try tensor(pixels, [count, 8, 8, 1]), try Tensor(labels).oneHot(classes: 2))
        }
        let (x, y) = try bars(256), (testX, testY) = try bars(128)
        let model = try Sequential([InputLayer(shape: [8, 8, 1]), Conv2D(4, 3, padding: .same, activation: .relu), MaxPooling2D(2),
                                    Conv2D(8, 3, activation: .relu), Flatten(), Dense(2, activation: .softmax)])
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: Loss(named: "categorical_crossentropy"), metrics: ["accuracy"])
        let history = try model.fit(x: x, y: y, options: Self.quiet(12))
        let losses = try #require(history["loss"])
        #expect(losses.last! < losses.first! / 4, "loss \(losses.first!) → \(losses.last!)")
        let accuracy = try #require(try model.evaluate(x: testX, y: testY, verbose: 0)["accuracy"])
        #expect(accuracy > 0.95, "held-out accuracy \(accuracy)")
    }

    /// 10-step sequences of one feature uniform in [-1, 1]; the label says whether their sum is positive:
    /// the LSTM must integrate the whole sequence into its state.
    @Test func lstmLearnsTheSignOfASequenceSum() throws {
        Random.manualSeed(22)
        func sequences(_ count: Int) throws -> (Tensor, Tensor) {
            let x = try Tensor.uniform([count, 10, 1], low: -1, high: 1)
            let y = try x.sum(1).gt(0).float()
            return (x, y)
        }
        let (x, y) = try sequences(256), (testX, testY) = try sequences(256)
        let model = try Sequential([InputLayer(shape: [10, 1]), LSTM(8), Dense(1, activation: .sigmoid)])
        try model.compile(optimizer: Adam(learningRate: 0.03), loss: Loss(named: "binary_crossentropy"), metrics: ["accuracy"])
        let history = try model.fit(x: x, y: y, options: Self.quiet(12))
        let losses = try #require(history["loss"])
        #expect(losses.last! < 0.3, "loss \(losses.first!) → \(losses.last!)")
        let accuracy = try #require(try model.evaluate(x: testX, y: testY, verbose: 0)["accuracy"])
        #expect(accuracy > 0.9, "held-out accuracy \(accuracy)")
    }
}
