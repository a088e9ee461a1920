import Foundation
import NN
import Tensors

/// The NN library's training loop and optimizers: a Keras-style `fit` epoch of small MLPs (forward,
/// loss, backward, Adam update, metrics, shuffled batches) and a fused optimizer step. The PyTorch side
/// of the same work is bench/python/models.py.
func modelBenchmarks() -> [Benchmark] {
    Random.manualSeed(1)
    func mlp(inputs: Int, hidden: Int, classes: Int, samples: Int) -> (Sequential, Tensor, Tensor) {
        let model = try! Sequential([InputLayer(shape: [inputs]), Dense(hidden, activation: .relu), Dense(classes, activation: .softmax)])
        try! model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"])
        let x = try! Tensor.randn([samples, inputs])
        let y = try! Tensor.randint(low: 0, high: classes, [samples]).oneHot(classes: classes)
        return (model, x, y)
    }
    func epoch(_ setup: (Sequential, Tensor, Tensor), batchSize: Int) -> () throws -> Void {
        var options = FitOptions()
        options.batchSize = batchSize
        options.verbose = 0
        return { try setup.0.fit(x: setup.1, y: setup.2, options: options) }
    }
    let small = mlp(inputs: 10, hidden: 32, classes: 3, samples: 3200)
    let mnist = mlp(inputs: 784, hidden: 128, classes: 10, samples: 6400)
    let parameters = [try! Tensor.randn([1000, 1000]).setRequiresGrad()]
    parameters[0].grad = try! Tensor.randn([1000, 1000])
    let adam = try! Adam(parameters: parameters)
    let sgd = try! SGD(learningRate: 0.01, momentum: 0.9, parameters: parameters)
    return trainingWorkloads().map { workload in
        var setup: ModelWorkload.Setup?
        return Benchmark(name: workload.title, unit: ("samples", Double(workload.samples)), budget: workload.budget) {
            if setup == nil { setup = workload.make() }
            try workload.epoch(setup!)
        }
    } + [
        Benchmark(name: "fit epoch MLP 10-32-3, 3200 samples, batch 32", unit: ("samples", 3200), run: epoch(small, batchSize: 32)),
        Benchmark(name: "fit epoch MLP 784-128-10, 6400 samples, batch 32", unit: ("samples", 6400), run: epoch(mnist, batchSize: 32)),
        Benchmark(name: "fit epoch MLP 784-128-10, 6400 samples, batch 128", unit: ("samples", 6400), run: epoch(mnist, batchSize: 128)),
        Benchmark(name: "predict MLP 784-128-10, 6400 samples, batch 32", unit: ("samples", 6400)) {
            _ = try mnist.0.predict(x: mnist.1, verbose: 0)
        },
        Benchmark(name: "Adam step, 1M parameters", unit: ("parameters", 1e6)) { try adam.step() },
        Benchmark(name: "SGD momentum step, 1M parameters", unit: ("parameters", 1e6)) { try sgd.step() },
    ]
}

/// A model trained for whole `fit` epochs on data held in memory, as in the experiments; the same work in
/// PyTorch is in bench/python/models.py under the same `key`.
struct ModelWorkload {
    typealias Setup = (model: Sequential, x: Tensor, y: Tensor)
    let key: String, title: String, samples: Int, batchSize: Int
    var budget: Double = 4
    let build: () throws -> Sequential
    let data: () throws -> (Tensor, Tensor)

    func make() -> Setup {
        Random.manualSeed(1)
        let model = try! build()
        let (x, y) = try! data()
        return (model, x, y)
    }

    func epoch(_ setup: Setup) throws {
        var options = FitOptions()
        options.batchSize = batchSize
        options.verbose = 0
        try setup.model.fit(x: setup.x, y: setup.y, options: options)
    }
}

/// The experiments' models: (a) the MNIST CNN, (b) the ECG LSTM, (c) the Reuters MLP, (d) the
/// colorization autoencoder.
func trainingWorkloads() -> [ModelWorkload] { [
    ModelWorkload(key: "mnist_cnn", title: "fit epoch MNIST CNN 32-64-64 conv + dense 128, 1280 samples, batch 64",
                  samples: 1280, batchSize: 64, build: {
        let model = try Sequential([
            InputLayer(shape: [28, 28, 1]),
            Conv2D(32, 3, padding: .same, activation: .relu), MaxPooling2D(2),
            Conv2D(64, 3, padding: .same, activation: .relu), MaxPooling2D(2),
            Conv2D(64, 3, padding: .same, activation: .relu), MaxPooling2D(2),
            Flatten(), Dense(128, activation: .relu), Dense(10, activation: .softmax),
        ])
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"])
        return model
    }, data: {
        (try Tensor.uniform([1280, 28, 28, 1], low: 0, high: 1),
         try Tensor.randint(low: 0, high: 10, [1280]).oneHot(classes: 10))
    }),
    ModelWorkload(key: "ecg_lstm", title: "fit epoch LSTM(50) + dense 1 on 140 steps, 640 samples, batch 32",
                  samples: 640, batchSize: 32, build: {
        let model = try Sequential([InputLayer(shape: [140, 1]), LSTM(50), Dense(1, activation: .sigmoid)])
        try model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"])
        return model
    }, data: {
        (try Tensor.randn([640, 140, 1]), try Tensor.randint(low: 0, high: 2, [640, 1]).float())
    }),
    ModelWorkload(key: "reuters_mlp", title: "fit epoch MLP 1000-64-64-46, 8192 samples, batch 512",
                  samples: 8192, batchSize: 512, build: {
        let model = try Sequential([InputLayer(shape: [1000]), Dense(64, activation: .relu), Dense(64, activation: .relu),
                                    Dense(46, activation: .softmax)])
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"])
        return model
    }, data: {
        (try Tensor.randint(low: 0, high: 2, [8192, 1000]).float(),
         try Tensor.randint(low: 0, high: 46, [8192]).oneHot(classes: 46))
    }),
    ModelWorkload(key: "colorization", title: "fit epoch colorization autoencoder 100x100, 20 samples, batch 10",
                  samples: 20, batchSize: 10, budget: 8, build: {
        let model = try Sequential([
            InputLayer(shape: [100, 100, 1]),
            Conv2D(256, 5, padding: .same, activation: .relu), MaxPooling2D(2),
            Conv2D(128, 3, padding: .same, activation: .relu), MaxPooling2D(2),
            Conv2D(64, 3, padding: .same, activation: .relu), UpSampling2D(),
            Conv2D(128, 3, padding: .same, activation: .relu), UpSampling2D(),
            Conv2D(3, 3, padding: .same, activation: .sigmoid),
        ])
        try model.compile(optimizer: "adam", loss: "mse")
        return model
    }, data: {
        (try Tensor.uniform([20, 100, 100, 1], low: 0, high: 1), try Tensor.uniform([20, 100, 100, 3], low: 0, high: 1))
    }),
] }

/// `lunette-bench peak KEY [EPOCHS]`: trains workload KEY for EPOCHS whole epochs (2 by default) in this
/// process and prints its peak resident memory (VmHWM), to compare with `models.py --peak KEY`.
func peakMemory(_ key: String, epochs: Int) throws {
    guard let workload = trainingWorkloads().first(where: { $0.key == key }) else {
        print("unknown workload \(key); one of \(trainingWorkloads().map(\.key))")
        return
    }
    let setup = workload.make()
    for _ in 0..<epochs { try workload.epoch(setup) }
    print("\(key) peak memory (VmHWM) after \(epochs) epochs: \(residentPeak())")
}

/// The VmHWM line of /proc/self/status ("123456 kB").
func residentPeak() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.map { $0.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces) } ?? "unknown"
}
