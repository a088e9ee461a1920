import CLua
import LuaHost
import NN
import Tensors

// The Lua module `nn`: Keras' layers and models (see LayerConstructors.swift, LayerClass.swift,
// ModelClass.swift, ModelTraining.swift, LuaCallbacks.swift), and
//
//   nn.Input{28, 28, 1} or nn.Input{shape = {28, 28, 1}, name =, dtype = 'float32', batch_size =}
//   nn.Sequential{layers...} or nn.Sequential() with model:add(layer); an nn.Input may come first
//   nn.Model(inputs, outputs, {name =}) or nn.Model{inputs =, outputs =, name =}: tables for several
//   nn.Lambda(function(t) return ... end, {output_shape = {sizes without the batch}, name =}); called on a
//     list of inputs, the function gets a list of tensors, as in Keras (function(x) return x[1] * x[2] end)
//   nn.Bidirectional(nn.LSTM(32), {merge_mode = 'concat'})
//   nn.load(path, {functions = {name = fn}}) (also load_model): a model saved by model:save; Lambda
//     layers and Lua activations need their functions again, by layer name or by the generated
//     activation name (lua_activation, lua_activation_1...) that the error message gives
//   nn.clear_session(): automatic layer names start again (dense, dense_1...)

/// Registers the module `nn` and its classes; models are shown (`show(model)`) as their summary.
func registerNNModule(in host: LuaHost, notebook: ScriptNotebook) {
    NN.console = LuaConsole()
    host.install(LayerLua.luaClass)
    host.install(ModelLua.luaClass)
    host.install(SymbolicLua.luaClass)
    host.install(CallbackLua.luaClass)
    notebook.showable(ModelLua.luaClass) { model in .text(model.summaryText(columns: NN.console.columns)) }
    host.register(module: "nn") { module in
        for constructor in LayerConstructor.all {
            for name in constructor.names {
                nnFunction(module, name) { call in call.push(layer: try constructor.make(call)) }
            }
        }
        declareModels(in: module)
        declareSpecialLayers(in: module)
        for (name, body) in CallbackLua.constructors { nnFunction(module, name, body) }
        module.table("callbacks") { table in
            for (name, body) in CallbackLua.constructors { nnFunction(table, name, body) }
        }
        installNNFunctionTables(into: module)
        let load: LuaFunctionBody = { call in
            let path: String = try call.argument(1)
            let options = try call.options(2)
            var functions: [String: (Tensor) throws -> Tensor] = [:]
            try options.with("functions") { element in
                guard !element.isMissing else { return }
                try element.table(expected: "a table of functions by name").forEach { key, value in
                    let name: String = try key.value()
                    guard value.type == .function else { throw value.mismatch(expected: "a function") }
                    let function = ActiveCall.tensorFunction(call.reference(value.index), what: "the function '\(name)'")
                    functions[name] = { try function([$0]) }
                }
            }
            try options.rejectUnknown()
            return call.push(layer: try NN.load(path, functions: functions))
        }
        module.missing { call in
            // Names of layers and models start with a capital; other missing fields read as nil.
            guard let key = String.read(call.state, 2), key.first?.isUppercase == true else { return 0 }
            let layers = LayerConstructor.all.flatMap(\.names) + ["Input", "Sequential", "Model", "Lambda", "Bidirectional"]
            let nearest = nearestNames(to: key, among: layers + CallbackLua.constructors.map(\.0))
            let hint = nearest.isEmpty ? "" : "; did you mean \(nearest.map { "'\($0)'" }.joined(separator: ", "))?"
            throw LuaError.message("nn has no layer '\(key)'\(hint)")
        }
        nnFunction(module, "load", load)
        nnFunction(module, "load_model", load)
        module.function("clear_session") { _ in
            NN.clearSession()
            return 0
        }
    }
}

private func declareModels(in module: LuaModule) {
    nnFunction(module, "Input") { call in
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

    nnFunction(module, "Sequential") { call in
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

    nnFunction(module, "Model") { call in
        let keywords = call.type(1) == .table && lua_rawlen(call.state, 1) == 0 && (try? call.object(1, SymbolicLua.luaClass)) == nil
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
    nnFunction(module, "Lambda") { call in
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

    nnFunction(module, "Bidirectional") { call in
        guard let recurrent = try call.layer(1) as? Recurrent else {
            throw call.mismatch(1, expected: "a recurrent layer (nn.LSTM, nn.GRU, nn.SimpleRNN)")
        }
        let options = try call.options(2)
        let mode = try options.choice("merge_mode", among: ["concat", "sum", "mul", "ave", "none"], default: "concat")
        let name = try options.optional("name", as: String.self)
        try options.rejectUnknown()
        return call.push(layer: try Bidirectional(recurrent, mergeMode: Bidirectional.MergeMode(rawValue: mode) ?? .concat, name: name))
    }
}
