import LuaHost
import NN
import Tensors

/// Models (Sequential and functional) as Lua objects: everything a layer has, their structure, saving,
/// and training (ModelTraining.swift).
enum ModelLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Model> = {
        let luaClass = LuaClass<Model>(name: "Model", summary: """
            A Keras model: `nn.Sequential{...}` or `nn.Model(inputs, outputs)`. It is a layer (called on tensors, \
            `model(x)`; on symbolic tensors inside another model) with Keras' training methods: `compile`, `fit`, \
            `evaluate`, `predict`. `trainable` and `stop_training` (for callbacks) can be set.
            """, fields: LayerMembers.fields + [
                LuaParameter("layers", .list(.object("Layer")), "its layers, in order"),
                LuaParameter("inputs", .list(.object("SymbolicTensor")), "its symbolic inputs; also outputs"),
                LuaParameter("stop_training", .boolean, "set to true (in a callback) to end fit after this batch"),
                LuaParameter("optimizer", .object("Optimizer"), "the optimizer compile set, nil before"),
            ])
        LayerMembers.install(on: luaClass)
        installStructure(on: luaClass)
        ModelTraining.install(on: luaClass)
        installSaving(on: luaClass)
        return luaClass
    }()

    private static func installStructure(on luaClass: LuaClass<Model>) {
        for name in ["layer", "get_layer"] {
            luaClass.declare(name, LuaSignature(
                parameters: [LuaParameter("which", .oneOf([.string, .integer]), "the layer's name, or its position counted from 1")],
                returns: "a Layer", summary: "One of the model's layers, by name or position (Keras' `get_layer`).",
                example: """
                    local model = nn.Sequential{nn.Input{3}, nn.Dense(4, {name = 'hidden'}), nn.Dense(1)}
                    print(model:\(name)('hidden').name, model:\(name)(2):count_params())
                    """)) { call, model in
                if let position = Int.read(call.state, 2) {
                    let count = model.layers.count
                    guard position >= 1, position <= count else {
                        throw call.invalid(2, "is a position, counted from 1, among the model's \(count) layers; got \(position)")
                    }
                    return call.push(layer: try model.layer(at: position - 1))
                }
                guard let name = String.read(call.state, 2) else { throw call.mismatch(2, expected: "a layer name or a position") }
                return call.push(layer: try model.layer(named: name))
            }
        }

        luaClass.declareActive("add", LuaSignature(
            parameters: [LuaParameter("layer", .oneOf([.object("Layer"), .object("Model"), .object("SymbolicTensor")]), "a layer, a model, or an nn.Input to start with")],
            summary: "Appends a layer to a Sequential model (Keras' `Sequential.add`).",
            example: """
                local model = nn.Sequential()
                model:add(nn.Input{3})
                model:add(nn.Dense(2))
                print(#model.layers, model.output.shape[2])
                """)) { call, model in
            guard let sequential = model as? Sequential else {
                throw LuaError.message("\(call.name): only Sequential models grow with add; \(model.label) is functional")
            }
            if let input = try? call.object(2, SymbolicLua.luaClass), let inputLayer = input.layer as? InputLayer {
                try sequential.add(inputLayer)
            } else {
                try sequential.add(try call.layer(2))
            }
            return 0
        }

        luaClass.declare("summary", LuaSignature(
            options: [LuaOption("line_length", .integer, default: .described("the terminal's width less 4, at most 88 for a chain of layers (108 otherwise)"), "the table's width, 20 to 1000"),
                      LuaOption("as_text", .boolean, default: .boolean(false), "return the text instead of printing it")],
            returns: "nothing, or the text with as_text",
            summary: "Prints the table of layers, output shapes and parameter counts (Keras' `summary`).",
            example: """
                local model = nn.Sequential{nn.Input{3}, nn.Dense(2)}
                print(model:summary{as_text = true}:find('Total params: 8', 1, true) ~= nil)
                """)) { call, model in
            let options = try call.options(2)
            let lineLength = try options.optional("line_length", as: Int.self)
            let asText: Bool = try options.value("as_text")
            try options.rejectUnknown()
            if let lineLength, !(20...1000).contains(lineLength) {
                throw LuaError.message("\(call.name): option 'line_length' must lie in 20...1000, got \(lineLength)")
            }
            if asText { return call.push(model.summaryText(lineLength: lineLength, columns: NN.console.columns)) }
            model.summary(lineLength: lineLength)
            return 0
        }
    }

    private static func installSaving(on luaClass: LuaClass<Model>) {
        let path = LuaParameter("path", .string, "the file, in the safetensors format (the architecture goes in its metadata)")
        luaClass.declare("save", LuaSignature(
            parameters: [path], summary: "Saves the architecture and the weights, for `nn.load` (Keras' `save`).",
            example: """
                local model = nn.Sequential{nn.Input{2}, nn.Dense(1)}
                model:save('model.safetensors')
                print(nn.load('model.safetensors'):count_params())
                """)) { call, model in
            try model.save(try call.argument(2, as: String.self))
            return 0
        }
        luaClass.declare("save_weights", LuaSignature(
            parameters: [path], summary: "Saves the weights only, for `load_weights` into the same architecture (Keras' `save_weights`).",
            example: """
                local model = nn.Sequential{nn.Input{2}, nn.Dense(1)}
                model:save_weights('weights.safetensors')
                print('saved')
                """)) { call, model in
            try model.saveWeights(try call.argument(2, as: String.self))
            return 0
        }
        luaClass.declare("load_weights", LuaSignature(
            parameters: [path], summary: "Loads weights saved by `save_weights` or `save` into this architecture (Keras' `load_weights`).",
            example: """
                tensor.manual_seed(1)
                local a = nn.Sequential{nn.Input{2}, nn.Dense(1)}
                a:save_weights('weights.safetensors')
                local b = nn.Sequential{nn.Input{2}, nn.Dense(1)}
                b:load_weights('weights.safetensors')
                print(a(tensor.ones{1, 2}):allclose(b(tensor.ones{1, 2})))
                """)) { call, model in
            try model.loadWeights(try call.argument(2, as: String.self))
            return 0
        }
    }
}
