import LuaHost
import NN
import Tensors

/// `nn.functional`: the kernels behind the layers, for custom work (as PyTorch's F), each
/// differentiable in its tensor arguments. Layouts are Keras': images NHWC, sequences (batch, steps,
/// features), kernels as Keras stores them; options keep Keras' names and the defaults of `Functional`.
/// Sizes, strides and dilations of 2-D operations are a number or {rows, columns}.
func declareFunctional(in table: LuaModule) {
    declareConvolutions(in: table)
    declarePooling(in: table)
    declareNormalization(in: table)
    declareRecurrent(in: table)
    table.declare("dropout", LuaSignature(
        parameters: [input, LuaParameter("rate", .number, "the fraction of elements set to 0, in [0, 1)")],
        options: [LuaOption("training", .boolean, default: .boolean(true), "drop only while training; false gives x"),
                  LuaOption("noise_shape", .list(.integer), "the mask's shape, broadcast over x (default: x's)")],
        returns: "a tensor", summary: "Sets a random fraction of the elements to 0 and scales the others by 1 / (1 - rate) (PyTorch's `F.dropout`).",
        example: "tensor.manual_seed(1)\nprint(nn.functional.dropout(tensor.ones{2, 4}, 0.5))")) { call in
        let x = try call.tensor(1)
        let rate: Double = try call.argument(2)
        let options = try call.options(3)
        let training: Bool = try options.value("training")
        let noiseShape = try options.with("noise_shape") { $0.isMissing ? nil : try $0.table(expected: "a table of sizes").array(of: Int.self) }
        try options.rejectUnknown()
        return call.push(try Functional.dropout(x, rate: rate, training: training, noiseShape: noiseShape))
    }
    table.declare("embedding", LuaSignature(
        parameters: [LuaParameter("ids", .tensor, "0-based rows of weights, as Keras' Embedding"), LuaParameter("weights", .tensor, "the table of vectors, one row per id")],
        returns: "a tensor of ids' shape and one more dimension", summary: "Looks up rows of weights (PyTorch's `F.embedding`, with Keras' 0-based ids).",
        example: "print(nn.functional.embedding(tensor{2, 0}:long(), tensor{{1, 1}, {2, 2}, {3, 3}}))")) { call in
        call.push(try Functional.embedding(call.tensor(1), weights: call.tensor(2)))
    }
    table.declare("upsample2d", LuaSignature(
        parameters: [input, LuaParameter("size", pair, "the factors for rows and columns")],
        options: [LuaOption("interpolation", .choice(UpsamplingInterpolation.allCases.map(\.rawValue)), default: .string(UpsamplingInterpolation.nearest.rawValue),
                            "how new pixels are filled")],
        returns: "a tensor", summary: "Enlarges NHWC images by whole factors (Keras' `UpSampling2D` as a function).",
        example: "print(nn.functional.upsample2d(tensor.ones{1, 2, 2, 1}, 2):shape())")) { call in
        let x = try call.tensor(1)
        let size = try call.pair(2, "size")
        let options = try call.options(3)
        let interpolation = UpsamplingInterpolation(rawValue: try options.value("interpolation")) ?? .nearest
        try options.rejectUnknown()
        return call.push(try Functional.upsample2d(x, factors: size, interpolation: interpolation))
    }
}

private var input: LuaParameter { LuaParameter("x", .tensor, "the input") }
private var pair: LuaValueKind { LuaValueKind.oneOf([.integer, .list(.integer)]) }
private var bias: LuaOption { LuaOption("bias", .tensor, "added to each output channel") }
private var fusedActivation: LuaOption { LuaOption("activation", .choice(FusedActivation.allCases.map(\.rawValue)), default: .string(FusedActivation.linear.rawValue),
                                        "applied as the kernel writes its output") }

private func padding(_ allowed: [Padding]) -> LuaOption {
    LuaOption("padding", .choice(allowed.map(\.rawValue)), default: .string(Padding.valid.rawValue), "'valid': no padding; 'same': output size input / stride")
}

private func declareConvolutions(in table: LuaModule) {
    let kernel = LuaParameter("kernel", .tensor, "the kernel as Keras stores it: (k, in, out) in 1-D, (kh, kw, in, out) in 2-D")
    table.declare("conv1d", LuaSignature(
        parameters: [input, kernel],
        options: [bias, LuaOption("strides", .integer, default: .integer(1), "the step"), padding([.valid, .same, .causal]),
                  LuaOption("dilation", .integer, default: .integer(1), "the spacing of kernel elements"), fusedActivation],
        returns: "a tensor", summary: "1-D convolution over (batch, steps, channels) (PyTorch's `F.conv1d` with Keras' layout).",
        example: "print(nn.functional.conv1d(tensor.ones{1, 5, 2}, tensor.ones{3, 2, 4}):shape())")) { call in
        let x = try call.tensor(1), kernel = try call.tensor(2)
        let options = try call.options(3)
        let result = try Functional.conv1d(x, kernel: kernel, bias: options.tensor("bias"), stride: options.value("strides"),
                                           padding: options.padding(), dilation: options.value("dilation"), activation: options.fusedActivation())
        try options.rejectUnknown()
        return call.push(result)
    }
    let strides = LuaOption("strides", pair, default: .integer(1), "the step, for both axes or {rows, columns}")
    let dilation = LuaOption("dilation", pair, default: .integer(1), "the spacing of kernel elements")
    table.declare("conv2d", LuaSignature(
        parameters: [input, kernel], options: [bias, strides, padding([.valid, .same]), dilation, fusedActivation],
        returns: "a tensor", summary: "2-D convolution over NHWC images (PyTorch's `F.conv2d` with Keras' layout).",
        example: "print(nn.functional.conv2d(tensor.ones{1, 5, 5, 2}, tensor.ones{3, 3, 2, 4}):shape())")) { call in
        let x = try call.tensor(1), kernel = try call.tensor(2)
        let options = try call.options(3)
        let result = try Functional.conv2d(x, kernel: kernel, bias: options.tensor("bias"), strides: options.pair("strides"),
                                           padding: options.padding(), dilation: options.pair("dilation"), activation: options.fusedActivation())
        try options.rejectUnknown()
        return call.push(result)
    }
    table.declare("conv2d_transpose", LuaSignature(
        parameters: [input, LuaParameter("kernel", .tensor, "(kh, kw, out, in), as Keras stores it")],
        options: [bias, strides, padding([.valid, .same]),
                  LuaOption("output_padding", pair, "extra rows and columns at the bottom and right (default: none)"), dilation, fusedActivation],
        returns: "a tensor", summary: "Transposed 2-D convolution over NHWC images, the gradient of conv2d (PyTorch's `F.conv_transpose2d` with Keras' layout).",
        example: "print(nn.functional.conv2d_transpose(tensor.ones{1, 3, 3, 2}, tensor.ones{2, 2, 4, 2}, {strides = 2}):shape())")) { call in
        let x = try call.tensor(1), kernel = try call.tensor(2)
        let options = try call.options(3)
        let result = try Functional.conv2dTranspose(x, kernel: kernel, bias: options.tensor("bias"), strides: options.pair("strides"),
                                                    padding: options.padding(), outputPadding: options.optionalPair("output_padding"),
                                                    dilation: options.pair("dilation"), activation: options.fusedActivation())
        try options.rejectUnknown()
        return call.push(result)
    }
}

private func declarePooling(in table: LuaModule) {
    let pools2d: [(String, String, (Tensor, (Int, Int), (Int, Int)?, Padding) throws -> Tensor)] = [
        ("max_pool2d", "the maximum", { try Functional.maxPool2d($0, poolSize: $1, strides: $2, padding: $3) }),
        ("avg_pool2d", "the mean", { try Functional.avgPool2d($0, poolSize: $1, strides: $2, padding: $3) }),
    ]
    for (name, what, pool) in pools2d {
        table.declare(name, LuaSignature(
            parameters: [input, LuaParameter("pool_size", pair, "the window, for both axes or {rows, columns}")],
            options: [LuaOption("strides", pair, default: .described("the pool size"), "the step"), padding([.valid, .same])],
            returns: "a tensor", summary: "\(what.prefix(1).uppercased() + what.dropFirst()) over windows of NHWC images (PyTorch's `F.\(name)` with Keras' layout).",
            example: "print(nn.functional.\(name)(tensor.arange(1, 17):float():view(1, 4, 4, 1), 2):view(-1))")) { call in
            let x = try call.tensor(1)
            let size = try call.pair(2, "pool_size")
            let options = try call.options(3)
            let result = try pool(x, size, options.optionalPair("strides"), options.padding())
            try options.rejectUnknown()
            return call.push(result)
        }
    }
    let pools1d: [(String, String, (Tensor, Int, Int?, Padding) throws -> Tensor)] = [
        ("max_pool1d", "the maximum", { try Functional.maxPool1d($0, poolSize: $1, stride: $2, padding: $3) }),
        ("avg_pool1d", "the mean", { try Functional.avgPool1d($0, poolSize: $1, stride: $2, padding: $3) }),
    ]
    for (name, what, pool) in pools1d {
        table.declare(name, LuaSignature(
            parameters: [input, LuaParameter("pool_size", .integer, "the window")],
            options: [LuaOption("strides", .integer, default: .described("the pool size"), "the step"), padding([.valid, .same])],
            returns: "a tensor", summary: "\(what.prefix(1).uppercased() + what.dropFirst()) over windows of steps of (batch, steps, features) (PyTorch's `F.\(name)` with Keras' layout).",
            example: "print(nn.functional.\(name)(tensor{1, 5, 2, 4}:view(1, 4, 1), 2):view(-1))")) { call in
            let x = try call.tensor(1)
            let size: Int = try call.argument(2)
            let options = try call.options(3)
            let result = try pool(x, size, options.optional("strides"), options.padding())
            try options.rejectUnknown()
            return call.push(result)
        }
    }
    let globalPools: [(String, String, (Tensor, Bool) throws -> Tensor)] = [
        ("global_avg_pool2d", "The mean over height and width of NHWC images", Functional.globalAvgPool2d),
        ("global_max_pool2d", "The maximum over height and width of NHWC images", Functional.globalMaxPool2d),
        ("global_avg_pool1d", "The mean over the steps of (batch, steps, features)", Functional.globalAvgPool1d),
        ("global_max_pool1d", "The maximum over the steps of (batch, steps, features)", Functional.globalMaxPool1d),
    ]
    for (name, summary, pool) in globalPools {
        table.declare(name, LuaSignature(
            parameters: [input], options: [LuaOption("keepdims", .boolean, default: .boolean(false), "keep the pooled axes with size 1")],
            returns: "a tensor", summary: summary + " (Keras' global pooling as a function).",
            example: "print(nn.functional.\(name)(tensor.ones\(name.hasSuffix("2d") ? "{2, 3, 3, 4}" : "{2, 4, 5}")):shape())")) { call in
            let x = try call.tensor(1)
            let options = try call.options(2)
            let keepDims: Bool = try options.value("keepdims")
            try options.rejectUnknown()
            return call.push(try pool(x, keepDims))
        }
    }
}

private func declareNormalization(in table: LuaModule) {
    let gamma = LuaOption("gamma", .tensor, "the scale, one per feature (default: none)")
    let beta = LuaOption("beta", .tensor, "the offset, one per feature (default: none)")
    let epsilon = LuaOption("epsilon", .number, default: .number(1e-3), "added to the variance")
    table.declare("batch_norm", LuaSignature(
        parameters: [input],
        options: [gamma, beta, epsilon, LuaOption("mean", .tensor, "with variance: the statistics to normalize with (inference)"),
                  LuaOption("variance", .tensor, "with mean: the statistics to normalize with")],
        returns: "with mean and variance, a tensor; without, the output and the batch's mean and variance",
        summary: "Normalizes each feature (the last axis) with given statistics or with the batch's (PyTorch's `F.batch_norm`).",
        example: "local y, mean = nn.functional.batch_norm(tensor{{1, 2}, {3, 6}})\nprint(y, mean)")) { call in
        let x = try call.tensor(1)
        let options = try call.options(2)
        let gamma = try options.tensor("gamma"), beta = try options.tensor("beta")
        let epsilon: Double = try options.value("epsilon")
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
    table.declare("layer_norm", LuaSignature(
        parameters: [input], options: [gamma, beta, LuaOption("axes", .integer, default: .integer(1), "how many trailing axes are normalized together"), epsilon],
        returns: "a tensor", summary: "Normalizes each sample over its last axes (PyTorch's `F.layer_norm`).",
        example: "print(nn.functional.layer_norm(tensor{{1, 2, 3}}))")) { call in
        let x = try call.tensor(1)
        let options = try call.options(2)
        let result = try Functional.layerNorm(x, gamma: options.tensor("gamma"), beta: options.tensor("beta"),
                                              axes: options.value("axes"), epsilon: options.value("epsilon"))
        try options.rejectUnknown()
        return call.push(result)
    }
}

private func declareRecurrent(in table: LuaModule) {
    let activations = RecurrentActivation.allCases.map(\.rawValue)
    let sequence = LuaParameter("x", .tensor, "the sequences (batch, steps, features)")
    let kernel = LuaParameter("kernel", .tensor, "the input kernel, as Keras stores it (gates side by side)")
    let recurrentKernel = LuaParameter("recurrent_kernel", .tensor, "the recurrent kernel, alike")
    func options(states: String, gated: Bool) -> [LuaOption] {
        [LuaOption("bias", .tensor, "the bias, as Keras stores it (default: none)"),
         LuaOption("initial_state", .described(states), "the starting state (default: zeros)"),
         LuaOption("go_backwards", .boolean, default: .boolean(false), "run over the steps backwards"),
         LuaOption("activation", .choice(activations), default: .string(RecurrentActivation.tanh.rawValue), "the cell's activation")]
            + (gated ? [LuaOption("recurrent_activation", .choice(activations), default: .string(RecurrentActivation.sigmoid.rawValue), "the gates' activation")] : [])
    }
    func example(_ name: String, gates: Int) -> String {
        "local out, h = nn.functional.\(name)(tensor.ones{1, 4, 3}, tensor.ones{3, \(2 * gates)}, tensor.ones{2, \(2 * gates)})\nprint(out:shape(), h:shape())"
    }
    table.declare("simple_rnn", LuaSignature(
        parameters: [sequence, kernel, recurrentKernel], options: options(states: "a tensor (batch, units)", gated: false),
        returns: "the output sequence (batch, steps, units) and the last hidden state",
        summary: "Runs a fully connected recurrent cell over the sequences (Keras' `SimpleRNN` as a function).",
        example: example("simple_rnn", gates: 1))) { call in
        let (x, kernel, recurrent) = (try call.tensor(1), try call.tensor(2), try call.tensor(3))
        let options = try call.options(4)
        let output = try Functional.simpleRNN(x, kernel: kernel, recurrentKernel: recurrent, bias: options.tensor("bias"),
                                              initialHidden: options.tensor("initial_state"), goBackwards: options.value("go_backwards"),
                                              activation: options.recurrentActivation("activation"))
        try options.rejectUnknown()
        return call.push(tensors: output.sequence, output.lastHidden)
    }
    table.declare("gru", LuaSignature(
        parameters: [sequence, kernel, recurrentKernel], options: options(states: "a tensor (batch, units)", gated: true),
        returns: "the output sequence (batch, steps, units) and the last hidden state",
        summary: "Runs a GRU cell over the sequences (Keras' `GRU` as a function, reset_after).",
        example: example("gru", gates: 3))) { call in
        let (x, kernel, recurrent) = (try call.tensor(1), try call.tensor(2), try call.tensor(3))
        let options = try call.options(4)
        let output = try Functional.gru(x, kernel: kernel, recurrentKernel: recurrent, bias: options.tensor("bias"),
                                        initialHidden: options.tensor("initial_state"), goBackwards: options.value("go_backwards"),
                                        activation: options.recurrentActivation("activation"),
                                        recurrentActivation: options.recurrentActivation("recurrent_activation"))
        try options.rejectUnknown()
        return call.push(tensors: output.sequence, output.lastHidden)
    }
    table.declare("lstm", LuaSignature(
        parameters: [sequence, kernel, recurrentKernel], options: options(states: "a list {h, c} of two tensors (batch, units)", gated: true),
        returns: "the output sequence (batch, steps, units), the last hidden state and the last cell state",
        summary: "Runs an LSTM cell over the sequences (Keras' `LSTM` as a function).",
        example: example("lstm", gates: 4))) { call in
        let (x, kernel, recurrent) = (try call.tensor(1), try call.tensor(2), try call.tensor(3))
        let options = try call.options(4)
        let states = try options.with("initial_state") { element -> [Tensor]? in
            if element.isMissing { return nil }
            let list = try element.table(expected: "a list {h, c} of two tensors")
            guard list.count == 2 else { throw element.invalid("must hold two tensors {h, c}, got \(list.count) elements") }
            return try (1...2).map { k in try list.withElement(k) { try $0.object(TensorLua.luaClass) } }
        }
        let output = try Functional.lstm(x, kernel: kernel, recurrentKernel: recurrent, bias: options.tensor("bias"),
                                         initialHidden: states?[0], initialCell: states?[1], goBackwards: options.value("go_backwards"),
                                         activation: options.recurrentActivation("activation"),
                                         recurrentActivation: options.recurrentActivation("recurrent_activation"))
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

    /// A 2-D size option with its declared default: a number for both axes or {rows, columns}.
    func pair(_ key: String) throws -> (Int, Int) {
        if let given = try optionalPair(key) { return given }
        let size: Int = try value(key)
        return (size, size)
    }

    /// A 2-D size option, nil when absent.
    func optionalPair(_ key: String) throws -> (Int, Int)? {
        try with(key) { element in
            if element.isMissing { return nil }
            if let size = Int.read(element.state, element.index) { return (size, size) }
            let values = try element.table(expected: "an integer or {rows, columns}").array(of: Int.self)
            guard values.count == 2 else { throw element.invalid("must hold two integers {rows, columns}, got \(values.count)") }
            return (values[0], values[1])
        }
    }

    func padding() throws -> Padding { Padding(rawValue: try value("padding")) ?? .valid }

    /// The activation a convolution kernel applies to its output.
    func fusedActivation() throws -> FusedActivation { FusedActivation(rawValue: try value("activation")) ?? .linear }

    func recurrentActivation(_ key: String) throws -> RecurrentActivation {
        guard let activation = RecurrentActivation(rawValue: try value(key)) else {
            throw LuaError.message("internal error: \(key) is not a recurrent activation")
        }
        return activation
    }
}
