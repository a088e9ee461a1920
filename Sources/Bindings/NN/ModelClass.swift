import LuaHost
import NN
import Tensors

// Models (Sequential and functional) as Lua objects: everything a layer has, and
//
//   model.layers (a list), model.input / model.output / model.inputs / model.outputs (symbolic),
//   model.stop_training (read/write, for callbacks), model.optimizer (the optim object compile set, nil
//   before), model:layer(name or 1-based index) (also
//   get_layer), model:add(layer) (Sequential), model:summary([{line_length =, as_text = true}]),
//   model:compile{...}, model:fit(...), model:evaluate(...), model:predict(...) (ModelTraining.swift),
//   model:save(path), model:save_weights(path), model:load_weights(path)

enum ModelLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Model> = {
        let luaClass = LuaClass<Model>(name: "Model")
        LayerMembers.install(on: luaClass)
        installStructure(on: luaClass)
        ModelTraining.install(on: luaClass)
        installSaving(on: luaClass)
        return luaClass
    }()

    private static func installStructure(on luaClass: LuaClass<Model>) {
        let layerAccess: LuaClass<Model>.Method = { call, model in
            if let position = Int.read(call.state, 2) {
                guard position >= 1 else { throw call.invalid(2, "is a position, counted from 1; got \(position)") }
                return call.push(layer: try model.layer(at: position - 1))
            }
            guard let name = String.read(call.state, 2) else { throw call.mismatch(2, expected: "a layer name or a position") }
            return call.push(layer: try model.layer(named: name))
        }
        luaClass.method("layer", layerAccess)
        luaClass.method("get_layer", layerAccess)

        luaClass.nnMethod("add") { call, model in
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

        luaClass.method("summary") { call, model in
            let options = try call.options(2)
            let lineLength = try options.optional("line_length", as: Int.self)
            let asText = try options.value("as_text", default: false)
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
        luaClass.method("save") { call, model in
            try model.save(try call.argument(2, as: String.self))
            return 0
        }
        luaClass.method("save_weights") { call, model in
            try model.saveWeights(try call.argument(2, as: String.self))
            return 0
        }
        luaClass.method("load_weights") { call, model in
            try model.loadWeights(try call.argument(2, as: String.self))
            return 0
        }
    }
}
