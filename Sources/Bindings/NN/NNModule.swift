import LuaHost
import NN
import Tensors

/// Registers the module `nn` and its classes; models are shown (`show(model)`) as their summary.
func registerNNModule(in host: LuaHost, notebook: ScriptNotebook) {
    NN.console = LuaConsole()
    host.install(LayerLua.luaClass)
    host.install(ModelLua.luaClass)
    host.install(SymbolicLua.luaClass)
    host.install(CallbackLua.luaClass)
    notebook.showable(ModelLua.luaClass) { model in .text(model.summaryText(columns: NN.console.columns)) }
    host.register(module: "nn", summary: """
        Keras' layers and models: layer constructors (`nn.Dense(10, {activation = 'relu'})`), `nn.Sequential{...}` and \
        the functional `nn.Model(inputs, outputs)` with `nn.Input{...}`, callbacks for fit (`nn.callbacks`), and \
        Keras' losses, metrics, activations and initializers as functions (`nn.losses.mse(y, p)`), with the kernels \
        behind the layers as PyTorch-style functions (`nn.functional`). Class ids are Keras' 0-based ones; dimensions \
        and axes are Lua's, from 1.
        """) { module in
        LayerConstructors.declare(in: module)
        declareModels(in: module)
        declareSpecialLayers(in: module)
        declareLoading(in: module)
        CallbackLua.declare(in: module)
        module.table("callbacks", summary: "Keras' callbacks for `model:fit{callbacks = {...}}`; a Lua table of hooks serves as well.",
                     CallbackLua.declare)
        installNNFunctionTables(into: module)
        module.missing { call in
            // Names of layers and models start with a capital; other missing fields read as nil.
            guard let key = String.read(call.state, 2), key.first?.isUppercase == true else { return 0 }
            let layers = LayerKind.all.flatMap(\.names) + ["Input", "Sequential", "Model", "Lambda", "Bidirectional"]
            let nearest = nearestNames(to: key, among: layers + CallbackLua.names)
            let hint = nearest.isEmpty ? "" : "; did you mean \(nearest.map { "'\($0)'" }.joined(separator: ", "))?"
            throw LuaError.message("nn has no layer '\(key)'\(hint)")
        }
    }
}

private func declareModels(in module: LuaModule) {
    module.declareActive("Input", LuaSignature(
        parameters: [LuaParameter("shape", .described("a table of sizes ({28, 28, 1}) or of options"), "the sizes of one sample, without the batch")],
        options: [LuaOption("shape", .list(.integer), "the sizes, when not given as the list"),
                  LuaOption("name", .string, "the input's name (default: input, input_1...)"),
                  LuaOption("dtype", .described(DTypeName.listed), default: .string("float32"), "the type of the data"),
                  LuaOption("batch_size", .integer, "a fixed batch size (any by default)")],
        returns: "a SymbolicTensor",
        summary: "The input of a model: a symbolic tensor to call layers on (Keras' `Input`). Options go in the same table as the sizes, or in a second one.",
        example: """
            local x = nn.Input{28, 28, 1}
            print(x.shape[2], x.dtype)
            """)) { call in
        let table = try call.table(1, expected: "a table of sizes ({28, 28, 1}) or of options")
        var shape = try table.array(of: Int.self)
        var name: String?, dtype = DType.float32, batchSize: Int?
        func read(_ key: String, _ value: LuaElement) throws {
            switch key {
            case "shape": shape = try value.table(expected: "a list of sizes").array(of: Int.self)
            case "name": name = try value.value(as: String.self)
            case "batch_size": batchSize = try value.value(as: Int.self)
            case "dtype":
                let text: String = try value.value()
                guard let parsed = DTypeName.parse(text) else { throw value.invalid("must be one of \(DTypeName.listed), got '\(text)'") }
                dtype = parsed
            default:
                throw LuaError.message("\(call.name): unknown option '\(key)' (known options: 'batch_size', 'dtype', 'name', 'shape')")
            }
        }
        try table.forEach { key, value in
            if key.type == .number { return }
            try read(try key.value(as: String.self), value)
        }
        if !call.isMissing(2) {
            try call.table(2, expected: "a table of options").forEach { key, value in try read(try key.value(as: String.self), value) }
        }
        guard !shape.isEmpty else { throw LuaError.message("\(call.name): the shape is missing: nn.Input{28, 28, 1} or nn.Input{shape = {28, 28, 1}}") }
        return call.push(try Input(shape: shape, dtype: dtype, batchSize: batchSize, name: name), SymbolicLua.luaClass)
    }

    module.declareActive("Sequential", LuaSignature(
        parameters: [LuaParameter("layers", .list(.object("Layer")), default: "none (add them with model:add)",
                                  "the layers in order; an nn.Input may come first; `name =` may stand among them")],
        options: [LuaOption("name", .string, "the model's name (default: sequential, sequential_1...)")],
        returns: "a Model", summary: "A model that is a plain stack of layers, each feeding the next (Keras' `Sequential`).",
        example: """
            local model = nn.Sequential{nn.Input{4}, nn.Dense(8, {activation = 'relu'}), nn.Dense(1)}
            print(model:count_params())
            """)) { call in
        let options = try call.options(2)
        var name: String? = try options.optional("name")
        var layers: [Layer] = []
        if !call.isMissing(1) {
            let list = try call.table(1, expected: "a list of layers")
            try list.forEach { key, value in
                if key.type == .number { return }
                guard try key.value(as: String.self) == "name" else { throw key.invalid("must be 'name' or a position in the list of layers") }
                name = try value.value(as: String.self)
            }
            for k in stride(from: 1, through: list.count, by: 1) {
                try list.withElement(k) { element in
                    if let input = try? element.object(SymbolicLua.luaClass), let inputLayer = input.layer as? InputLayer {
                        layers.append(inputLayer)
                    } else if let layer = try? element.object(LayerLua.luaClass) {
                        layers.append(layer)
                    } else {
                        layers.append(try element.object(ModelLua.luaClass))
                    }
                }
            }
        }
        try options.rejectUnknown()
        return call.push(layer: try Sequential(layers, name: name))
    }

    let tensors = LuaValueKind.oneOf([.object("SymbolicTensor"), .list(.object("SymbolicTensor"))])
    module.declareActive("Model", LuaSignature(
        parameters: [LuaParameter("inputs", tensors, "the symbolic inputs (nn.Input), or a table of options"),
                     LuaParameter("outputs", tensors, default: "the option outputs", "the symbolic outputs computed from them")],
        options: [LuaOption("inputs", tensors, "the inputs, when the first argument is the options"),
                  LuaOption("outputs", tensors, "the outputs, alike"),
                  LuaOption("name", .string, "the model's name (default: functional, functional_1...)")],
        returns: "a Model", summary: "A model from a graph of layers, from its inputs to its outputs (Keras' functional `Model`).",
        example: """
            local x = nn.Input{3}
            local y = nn.Dense(2)(nn.Dense(4, {activation = 'relu'})(x))
            local model = nn.Model(x, y)
            print(#model.layers, model.output.shape[2])
            """)) { call in
        let keywords = try call.type(1) == .table && call.table(1).count == 0 && (try? call.object(1, SymbolicLua.luaClass)) == nil
        let inputs: [SymbolicTensor], outputs: [SymbolicTensor]
        let options = try call.options(keywords ? 1 : 3)
        if keywords {
            inputs = try options.with("inputs") { try symbolicList($0, "inputs") }
            outputs = try options.with("outputs") { try symbolicList($0, "outputs") }
        } else {
            inputs = try call.symbolicTensors(1, what: "inputs")
            outputs = try call.symbolicTensors(2, what: "outputs")
        }
        let name = try options.optional("name", as: String.self)
        try options.rejectUnknown()
        return call.push(layer: try Model(inputs: inputs, outputs: outputs, name: name))
    }
}

/// `inputs =` or `outputs =` of nn.Model{...}.
private func symbolicList(_ element: LuaElement, _ what: String) throws -> [SymbolicTensor] {
    if let tensor = try? element.object(SymbolicLua.luaClass) { return [tensor] }
    let list = try element.table(expected: "a symbolic tensor or a list of them")
    guard list.count > 0 else { throw element.invalid("is empty; a model needs \(what)") }
    return try (1...list.count).map { k in try list.withElement(k) { try $0.object(SymbolicLua.luaClass) } }
}

private func declareSpecialLayers(in module: LuaModule) {
    module.declareActive("Lambda", LuaSignature(
        parameters: [LuaParameter("function", .function, "function(x) returning a tensor; called on a list of inputs, it gets a list of tensors")],
        options: [LuaOption("output_shape", .list(.integer), "the output's sizes without the batch (default: found by calling the function)"),
                  LuaOption("name", .string, "the layer's name (default: lambda, lambda_1...); loading asks for the function by it")],
        returns: "a Layer", summary: "A layer computed by a Lua function of tensors (Keras' `Lambda`). Saving keeps its name only: give the function again to `nn.load`.",
        example: """
            local double = nn.Lambda(function(x) return x * 2 end)
            print(double(tensor{1, 2}))
            """)) { call in
        let function = try call.function(1)
        let options = try call.options(2)
        let name = try options.optional("name", as: String.self)
        let outputShape = try options.with("output_shape") { element -> [Int]? in
            element.isMissing ? nil : try element.table(expected: "a list of sizes (without the batch)").array(of: Int.self)
        }
        try options.rejectUnknown()
        let what = "Lambda (\(name ?? "lambda"))"
        // One input: the function gets the tensor; a list of inputs: a list of tensors, as in Keras.
        let run: Lambda.Function = { inputs in
            try ActiveCall.invoke(function, what: what, arguments: { call in
                if inputs.count == 1 { call.push(inputs[0]) } else { call.push(list: inputs) }
                return 1
            }, results: { call, first, count in
                guard count >= 1, let tensor = try? call.tensor(first) else {
                    throw LuaError.message("\(what) must return a Tensor, got \(count >= 1 ? call.type(first).name : "nothing")")
                }
                return tensor
            })
        }
        let shape: ((SymbolicShape) throws -> SymbolicShape)? = outputShape.map { sizes in
            { input in SymbolicShape([input.rank > 0 ? input[0] : nil] + sizes.map { Optional($0) }) }
        }
        return call.push(layer: try Lambda(anyInputCount: run, outputShape: shape, name: name))
    }

    module.declareActive("Bidirectional", LuaSignature(
        parameters: [LuaParameter("layer", .object("Layer"), "a recurrent layer (nn.LSTM, nn.GRU, nn.SimpleRNN)")],
        options: [LuaOption("merge_mode", .choice(Bidirectional.MergeMode.allCases.map(\.rawValue)), default: .string(Bidirectional.MergeMode.concat.rawValue),
                            "how the two directions' outputs combine ('none': two outputs)"),
                  LuaOption("name", .string, "the layer's name")],
        returns: "a Layer", summary: "Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges the outputs (Keras' `Bidirectional`).",
        example: """
            local layer = nn.Bidirectional(nn.LSTM(4))
            print(layer(tensor.ones{2, 5, 3}):shape())
            """)) { call in
        guard let recurrent = try call.layer(1) as? Recurrent else {
            throw call.mismatch(1, expected: "a recurrent layer (nn.LSTM, nn.GRU, nn.SimpleRNN)")
        }
        let options = try call.options(2)
        let mode = try options.value("merge_mode", as: String.self)
        let name = try options.optional("name", as: String.self)
        try options.rejectUnknown()
        return call.push(layer: try Bidirectional(recurrent, mergeMode: Bidirectional.MergeMode(rawValue: mode) ?? .concat, name: name))
    }
}

private func declareLoading(in module: LuaModule) {
    let load = LuaSignature(
        parameters: [LuaParameter("path", .string, "a file written by model:save")],
        options: [LuaOption("functions", .described("a table of functions by name"),
                            "the functions saving cannot keep: Lambda layers' by layer name, Lua activations' by the name the error gives (lua_activation...)")],
        returns: "a Model", summary: "Loads a model saved by `model:save`, architecture and weights (Keras' `load_model`).",
        example: """
            local model = nn.Sequential{nn.Input{2}, nn.Dense(1)}
            model:save('model.safetensors')
            print(nn.load('model.safetensors'):count_params())
            """)
    for name in ["load", "load_model"] {
        module.declareActive(name, load) { call in
            let path: String = try call.argument(1)
            let options = try call.options(2)
            var functions: [String: (Tensor) throws -> Tensor] = [:]
            try options.with("functions") { element in
                guard !element.isMissing else { return }
                try element.table(expected: "a table of functions by name").forEach { key, value in
                    let name: String = try key.value()
                    guard value.type == .function else { throw value.mismatch(expected: "a function") }
                    let function = tensorFunction(call.reference(value.index), what: "the function '\(name)'")
                    functions[name] = { try function([$0]) }
                }
            }
            try options.rejectUnknown()
            return call.push(layer: try NN.load(path, functions: functions))
        }
    }
    module.declare("clear_session", LuaSignature(
        summary: "Starts automatic layer names again from dense, conv2d and so on (Keras' `clear_session`).",
        example: """
            nn.clear_session()
            print(nn.Dense(2).name)
            """)) { _ in
        NN.clearSession()
        return 0
    }
}
