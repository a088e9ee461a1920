import LuaHost
import NN
import Tensors

/// `nn.functional`: the kernels behind the layers, for custom work (as PyTorch's F), each
/// differentiable in its tensor arguments. Layouts are Keras': images NHWC, sequences (batch, steps,
/// features), kernels as Keras stores them; options keep Keras' names and defaults.
///
///   conv1d(x, kernel, {bias =, strides = 1, padding = 'valid', dilation = 1, activation = 'linear'})
///   conv2d(x, kernel, {bias =, strides = 1, padding = 'valid', dilation = 1, activation = 'linear'})
///   conv2d_transpose(x, kernel, {bias =, strides = 1, padding = 'valid', output_padding =, dilation = 1, activation =})
///   max_pool2d / avg_pool2d(x, pool_size, {strides = pool_size, padding = 'valid'}); max_pool1d / avg_pool1d
///   global_avg_pool2d / global_max_pool2d / global_avg_pool1d / global_max_pool1d(x, {keepdims = false})
///   dropout(x, rate, {training = true, noise_shape =})
///   embedding(ids, weights)                     -- ids are 0-based rows of weights, as Keras' Embedding
///   batch_norm(x, {gamma =, beta =, epsilon = 1e-3, mean =, variance =})
///       with mean and variance: inference; without: batch statistics, returning output, mean, variance
///   layer_norm(x, {gamma =, beta =, axes = 1, epsilon = 1e-3})  -- axes: how many trailing axes
///   simple_rnn(x, kernel, recurrent_kernel, {bias =, initial_state =, go_backwards =, activation = 'tanh'})
///   gru(...), lstm(...) (also recurrent_activation = 'sigmoid'; lstm's initial_state is {h, c})
///       return the sequence (batch, steps, units), the last hidden state, and for lstm the last cell state
///   upsample2d(x, size, {interpolation = 'nearest'})
/// Sizes, strides and dilations of 2-D operations are a number or {rows, columns}.
func declareFunctional(in table: LuaModule) {
    declareConvolutions(in: table)
    declarePooling(in: table)
    declareNormalization(in: table)
    declareRecurrent(in: table)
    table.function("dropout") { call in
        let x = try call.tensor(1)
        let rate: Double = try call.argument(2)
        let options = try call.options(3)
        let training = try options.value("training", default: true)
        let noiseShape = try options.with("noise_shape") { $0.isMissing ? nil : try $0.table(expected: "a table of sizes").array(of: Int.self) }
        try options.rejectUnknown()
        return call.push(try Functional.dropout(x, rate: rate, training: training, noiseShape: noiseShape))
    }
    table.function("embedding") { call in
        call.push(try Functional.embedding(call.tensor(1), weights: call.tensor(2)))
    }
    table.function("upsample2d") { call in
        let x = try call.tensor(1)
        let size = try call.pair(2, "size")
        let options = try call.options(3)
        let interpolation = try options.choice("interpolation", among: UpsamplingInterpolation.allCases.map(\.rawValue), default: "nearest")
        try options.rejectUnknown()
        return call.push(try Functional.upsample2d(x, factors: size, interpolation: UpsamplingInterpolation(rawValue: interpolation) ?? .nearest))
    }
}

private func declareConvolutions(in table: LuaModule) {
    table.function("conv1d") { call in
        let x = try call.tensor(1), kernel = try call.tensor(2)
        let options = try call.options(3)
        let result = try Functional.conv1d(x, kernel: kernel, bias: options.tensor("bias"), stride: options.value("strides", default: 1),
                                           padding: options.padding(among: [.valid, .same, .causal]),
                                           dilation: options.value("dilation", default: 1), activation: options.fusedActivation())
        try options.rejectUnknown()
        return call.push(result)
    }
    table.function("conv2d") { call in
        let x = try call.tensor(1), kernel = try call.tensor(2)
        let options = try call.options(3)
        let result = try Functional.conv2d(x, kernel: kernel, bias: options.tensor("bias"), strides: options.pair("strides") ?? (1, 1),
                                           padding: options.padding(among: [.valid, .same]),
                                           dilation: options.pair("dilation") ?? (1, 1), activation: options.fusedActivation())
        try options.rejectUnknown()
        return call.push(result)
    }
    table.function("conv2d_transpose") { call in
        let x = try call.tensor(1), kernel = try call.tensor(2)
        let options = try call.options(3)
        let result = try Functional.conv2dTranspose(x, kernel: kernel, bias: options.tensor("bias"), strides: options.pair("strides") ?? (1, 1),
                                                    padding: options.padding(among: [.valid, .same]), outputPadding: options.pair("output_padding"),
                                                    dilation: options.pair("dilation") ?? (1, 1), activation: options.fusedActivation())
        try options.rejectUnknown()
        return call.push(result)
    }
}

private func declarePooling(in table: LuaModule) {
    let pools2d: [(String, (Tensor, (Int, Int), (Int, Int)?, Padding) throws -> Tensor)] = [
        ("max_pool2d", { try Functional.maxPool2d($0, poolSize: $1, strides: $2, padding: $3) }),
        ("avg_pool2d", { try Functional.avgPool2d($0, poolSize: $1, strides: $2, padding: $3) }),
    ]
    for (name, pool) in pools2d {
        table.function(name) { call in
            let x = try call.tensor(1)
            let size = try call.pair(2, "pool_size")
            let options = try call.options(3)
            let result = try pool(x, size, options.pair("strides"), options.padding(among: [.valid, .same]))
            try options.rejectUnknown()
            return call.push(result)
        }
    }
    let pools1d: [(String, (Tensor, Int, Int?, Padding) throws -> Tensor)] = [
        ("max_pool1d", { try Functional.maxPool1d($0, poolSize: $1, stride: $2, padding: $3) }),
        ("avg_pool1d", { try Functional.avgPool1d($0, poolSize: $1, stride: $2, padding: $3) }),
    ]
    for (name, pool) in pools1d {
        table.function(name) { call in
            let x = try call.tensor(1)
            let size: Int = try call.argument(2)
            let options = try call.options(3)
            let result = try pool(x, size, options.optional("strides"), options.padding(among: [.valid, .same]))
            try options.rejectUnknown()
            return call.push(result)
        }
    }
    let globalPools: [(String, (Tensor, Bool) throws -> Tensor)] = [
        ("global_avg_pool2d", Functional.globalAvgPool2d), ("global_max_pool2d", Functional.globalMaxPool2d),
        ("global_avg_pool1d", Functional.globalAvgPool1d), ("global_max_pool1d", Functional.globalMaxPool1d),
    ]
    for (name, pool) in globalPools {
        table.function(name) { call in
            let x = try call.tensor(1)
            let options = try call.options(2)
            let keepDims = try options.value("keepdims", default: false)
            try options.rejectUnknown()
            return call.push(try pool(x, keepDims))
        }
    }
}

private func declareNormalization(in table: LuaModule) {
    table.function("batch_norm") { call in
        let x = try call.tensor(1)
        let options = try call.options(2)
        let gamma = try options.tensor("gamma"), beta = try options.tensor("beta")
        let epsilon = try options.value("epsilon", default: 1e-3)
        let mean = try options.tensor("mean"), variance = try options.tensor("variance")
        try options.rejectUnknown()
        if let mean, let variance {
            return call.push(try Functional.batchNormInference(x, mean: mean, variance: variance, gamma: gamma, beta: beta, epsilon: epsilon))
        }
        guard mean == nil, variance == nil else {
            throw LuaError.message("\(call.name): give both 'mean' and 'variance' (inference), or neither (batch statistics)")
        }
        let result = try Functional.batchNormTraining(x, gamma: gamma, beta: beta, epsilon: epsilon)
        return call.push(tensors: result.output, result.mean, result.variance)
    }
    table.function("layer_norm") { call in
        let x = try call.tensor(1)
        let options = try call.options(2)
        let result = try Functional.layerNorm(x, gamma: options.tensor("gamma"), beta: options.tensor("beta"),
                                              axes: options.value("axes", default: 1), epsilon: options.value("epsilon", default: 1e-3))
        try options.rejectUnknown()
        return call.push(result)
    }
}

private func declareRecurrent(in table: LuaModule) {
    table.function("simple_rnn") { call in
        let (x, kernel, recurrent) = (try call.tensor(1), try call.tensor(2), try call.tensor(3))
        let options = try call.options(4)
        let output = try Functional.simpleRNN(x, kernel: kernel, recurrentKernel: recurrent, bias: options.tensor("bias"),
                                              initialHidden: options.tensor("initial_state"),
                                              goBackwards: options.value("go_backwards", default: false),
                                              activation: options.recurrentActivation("activation", default: .tanh))
        try options.rejectUnknown()
        return call.push(tensors: output.sequence, output.lastHidden)
    }
    table.function("gru") { call in
        let (x, kernel, recurrent) = (try call.tensor(1), try call.tensor(2), try call.tensor(3))
        let options = try call.options(4)
        let output = try Functional.gru(x, kernel: kernel, recurrentKernel: recurrent, bias: options.tensor("bias"),
                                        initialHidden: options.tensor("initial_state"),
                                        goBackwards: options.value("go_backwards", default: false),
                                        activation: options.recurrentActivation("activation", default: .tanh),
                                        recurrentActivation: options.recurrentActivation("recurrent_activation", default: .sigmoid))
        try options.rejectUnknown()
        return call.push(tensors: output.sequence, output.lastHidden)
    }
    table.function("lstm") { call in
        let (x, kernel, recurrent) = (try call.tensor(1), try call.tensor(2), try call.tensor(3))
        let options = try call.options(4)
        let states = try options.with("initial_state") { element -> [Tensor]? in
            if element.isMissing { return nil }
            let list = try element.table(expected: "a list {h, c} of two tensors")
            guard list.count == 2 else { throw element.invalid("must hold two tensors {h, c}, got \(list.count) elements") }
            return try (1...2).map { k in try list.withElement(k) { try $0.object(TensorLua.luaClass) } }
        }
        let output = try Functional.lstm(x, kernel: kernel, recurrentKernel: recurrent, bias: options.tensor("bias"),
                                         initialHidden: states?[0], initialCell: states?[1],
                                         goBackwards: options.value("go_backwards", default: false),
                                         activation: options.recurrentActivation("activation", default: .tanh),
                                         recurrentActivation: options.recurrentActivation("recurrent_activation", default: .sigmoid))
        try options.rejectUnknown()
        guard let cell = output.lastCell else { return call.push(tensors: output.sequence, output.lastHidden) }
        return call.push(tensors: output.sequence, output.lastHidden, cell)
    }
}

private extension LuaCall {
    /// A size of a 2-D operation: a number for both axes, or {rows, columns}.
    func pair(_ index: Int32, _ what: String) throws -> (Int, Int) {
        if let size = Int.read(state, index) { return (size, size) }
        guard type(index) == .table else { throw mismatch(index, expected: "a \(what): an integer or {rows, columns}") }
        let values = try table(index).array(of: Int.self)
        guard values.count == 2 else { throw invalid(index, "must hold two integers {rows, columns}, got \(values.count)") }
        return (values[0], values[1])
    }
}

private extension LuaOptions {
    /// A tensor option, nil when absent.
    func tensor(_ key: String) throws -> Tensor? { try object(key, TensorLua.luaClass) }

    /// A 2-D size option: a number for both axes or {rows, columns}; nil when absent.
    func pair(_ key: String) throws -> (Int, Int)? {
        try with(key) { element in
            if element.isMissing { return nil }
            if let size = Int.read(element.state, element.index) { return (size, size) }
            let values = try element.table(expected: "an integer or {rows, columns}").array(of: Int.self)
            guard values.count == 2 else { throw element.invalid("must hold two integers {rows, columns}, got \(values.count)") }
            return (values[0], values[1])
        }
    }

    /// `padding`, one of the given kinds (causal only for 1-D convolutions).
    func padding(among allowed: [Padding]) throws -> Padding {
        let name = try choice("padding", among: allowed.map(\.rawValue), default: "valid")
        return Padding(rawValue: name) ?? .valid
    }

    /// The activation a convolution kernel applies to its output: linear, relu, sigmoid or tanh.
    func fusedActivation() throws -> FusedActivation {
        FusedActivation(rawValue: try choice("activation", among: FusedActivation.allCases.map(\.rawValue), default: "linear")) ?? .linear
    }

    func recurrentActivation(_ key: String, default defaultValue: RecurrentActivation) throws -> RecurrentActivation {
        let name = try choice(key, among: RecurrentActivation.allCases.map(\.rawValue), default: defaultValue.rawValue)
        return RecurrentActivation(rawValue: name) ?? defaultValue
    }
}
