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
    return [
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
