import CLua
import LuaHost
import NN
import Tensors

// Layers and models as Lua objects. A layer is called like a function: on a symbolic tensor (or a list
// of them) while a model is defined, giving symbolic outputs; on tensors, giving tensors with autograd
// history (`layer(x)`, `model(x, {training = true})`; several outputs are several results).
//
//   layer.name, layer.trainable (read/write), layer.built, layer.weights (the live weight tensors),
//   layer.trainable_weights, layer.non_trainable_weights, layer.input, layer.output (symbolic: the
//   first call's), layer:get_weights() (copies), layer:set_weights(list), layer:count_params(),
//   layer:parameters() (the trainable weight tensors, for optim), layer:get_config() (Keras' configuration
//   as a table: units, activation...)

/// The Lua class of layers that are not models.
enum LayerLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Layer> = {
        let luaClass = LuaClass<Layer>(name: "Layer")
        LayerMembers.install(on: luaClass)
        return luaClass
    }()
}

/// The symbolic tensors of model definitions (Keras' KerasTensor).
enum SymbolicLua {
    nonisolated(unsafe) static let luaClass: LuaClass<SymbolicTensor> = {
        let luaClass = LuaClass<SymbolicTensor>(name: "SymbolicTensor")
        luaClass.metamethod("__tostring") { call in
            call.push(try call.object(1, SymbolicLua.luaClass).description)
        }
        // shape (-1 for sizes unknown until data arrives: the batch), dtype, and name: the layer that made it.
        luaClass.index { call, tensor in
            switch try call.argument(2, as: String.self) {
            case "shape": return call.push(tensor.shape.dims.map { $0 ?? -1 })
            case "dtype": return call.push(tensor.dtype.description)
            case "name": return call.push(tensor.layer.name)
            default: return call.pushNil()
            }
        }
        return luaClass
    }()
}

extension LuaCall {
    /// A layer or a model.
    func layer(_ index: Int32) throws -> Layer {
        if let layer = try? object(index, LayerLua.luaClass) { return layer }
        if let model = try? object(index, ModelLua.luaClass) { return model }
        throw mismatch(index, expected: "a layer")
    }

    /// Pushes a layer with its class (models get the model methods).
    @discardableResult
    func push(layer: Layer) -> Int32 {
        if let model = layer as? Model { return push(model, ModelLua.luaClass) }
        return push(layer, LayerLua.luaClass)
    }

    func push(layers: [Layer]) -> Int32 {
        lua_createtable(state, Int32(clamping: layers.count), 0)
        for (k, layer) in layers.enumerated() {
            push(layer: layer)
            lua_rawseti(state, -2, lua_Integer(k + 1))
        }
        return 1
    }

    func push(symbolic tensors: [SymbolicTensor]) -> Int32 {
        lua_createtable(state, Int32(clamping: tensors.count), 0)
        for (k, tensor) in tensors.enumerated() {
            push(tensor, SymbolicLua.luaClass)
            lua_rawseti(state, -2, lua_Integer(k + 1))
        }
        return 1
    }

    /// Several results, one per tensor.
    func push(results tensors: [Tensor]) throws -> Int32 {
        try reserveStack(tensors.count)
        for tensor in tensors { push(tensor) }
        return Int32(tensors.count)
    }

    /// A symbolic tensor or a list of them (a model's inputs or outputs).
    func symbolicTensors(_ index: Int32, what: String) throws -> [SymbolicTensor] {
        if let tensor = try? object(index, SymbolicLua.luaClass) { return [tensor] }
        guard type(index) == .table else { throw mismatch(index, expected: "\(what): a symbolic tensor or a list of them") }
        let list = try table(index)
        guard list.count > 0 else { throw invalid(index, "is an empty list; \(what) needs at least one symbolic tensor") }
        return try (1...list.count).map { k in try list.withElement(k) { try $0.object(SymbolicLua.luaClass) } }
    }

    /// A tensor or a list of tensors (the inputs of a model with several).
    func tensorInputs(_ index: Int32, what: String) throws -> [Tensor] {
        if let tensor = try? tensor(index) { return [tensor] }
        guard type(index) == .table, lua_rawlen(state, index) > 0 else {
            throw mismatch(index, expected: "\(what): a Tensor or a list of tensors")
        }
        return try tensors(index)
    }
}

/// What layers and models share.
enum LayerMembers {
    static func install<L: Layer>(on luaClass: LuaClass<L>) {
        luaClass.metamethod("__call") { call in
            try ActiveCall.enter(call) { try callLayer(call, try call.object(1, luaClass)) }
        }
        luaClass.metamethod("__tostring") { call in
            let layer = try call.object(1, luaClass)
            return call.push("<\(layer.typeName) name=\(layer.name), built=\(layer.isBuilt)>")
        }
        luaClass.index { call, layer in
            try field(call, layer, try call.argument(2, as: String.self)) ?? call.pushNil()
        }
        luaClass.newIndex { call, layer in
            let key: String = try call.argument(2)
            guard key == "trainable" || (key == "stop_training" && layer is Model) else {
                throw LuaError.message("\(layer.label): the field '\(key)' cannot be set (settable: trainable\(layer is Model ? ", stop_training" : ""))")
            }
            let value: Bool = try call.argument(3)
            if key == "trainable" { layer.trainable = value } else { (layer as? Model)?.stopTraining = value }
            return 0
        }
        luaClass.method("get_weights") { call, layer in call.push(list: try layer.getWeights()) }
        luaClass.method("set_weights") { call, layer in
            try layer.setWeights(try call.tensors(2))
            return 0
        }
        luaClass.method("count_params") { call, layer in call.push(layer.countParams()) }
        luaClass.method("get_config") { call, layer in
            try call.reserveStack(40)
            return call.push(JSONTable(value: .object(try layer.config())))
        }
        luaClass.method("parameters") { call, layer in call.push(list: layer.parameters) }
    }

    /// The fields of layers (and, for models, of models); nil for other keys.
    static func field(_ call: LuaCall, _ layer: Layer, _ key: String) throws -> Int32? {
        switch key {
        case "name": return call.push(layer.name)
        case "trainable": return call.push(layer.trainable)
        case "built": return call.push(layer.isBuilt)
        case "weights": return call.push(list: layer.weights.map(\.value))
        case "trainable_weights": return call.push(list: layer.trainableWeights.map(\.value))
        case "non_trainable_weights": return call.push(list: layer.nonTrainableWeights.map(\.value))
        case "input": return call.push(try layer.input, SymbolicLua.luaClass)
        case "output": return call.push(try layer.output, SymbolicLua.luaClass)
        default: break
        }
        guard let model = layer as? Model else { return nil }
        switch key {
        case "layers": return call.push(layers: model.layers)
        case "inputs": return call.push(symbolic: try model.inputs)
        case "outputs": return call.push(symbolic: try model.outputs)
        case "stop_training": return call.push(model.stopTraining)
        case "optimizer": return model.optimizer.map { call.push($0, OptimizerLua.luaClass) } ?? call.pushNil()
        default: return nil
        }
    }

    /// `layer(x [, {training = }])`: symbolic tensors in, symbolic tensors out; tensors in, tensors out.
    static func callLayer(_ call: LuaCall, _ layer: Layer) throws -> Int32 {
        let options = try call.options(3)
        let training = try options.value("training", default: false)
        try options.rejectUnknown()
        let symbolic: [SymbolicTensor]?
        if call.type(2) == .table, lua_rawlen(call.state, 2) > 0 {
            lua_rawgeti(call.state, 2, 1)
            symbolic = (try? call.object(-1, SymbolicLua.luaClass)) != nil ? try call.symbolicTensors(2, what: "the input") : nil
            lua_settop(call.state, -2)
        } else {
            symbolic = (try? call.object(2, SymbolicLua.luaClass)).map { [$0] }
        }
        if let symbolic {
            let outputs = try layer(symbolic)
            try call.reserveStack(outputs.count)
            for output in outputs { call.push(output, SymbolicLua.luaClass) }
            return Int32(outputs.count)
        }
        guard let inputs = try? call.tensorInputs(2, what: "the input") else {
            throw LuaError.message("\(layer.label): expected a Tensor, a symbolic tensor or a list of them as input, got \(call.type(2).name)")
        }
        return try call.push(results: try layer(inputs, training: training))
    }
}

/// A configuration as Lua values: objects and arrays become tables (arrays 1-based lists), null nil.
struct JSONTable: LuaPushable {
    let value: JSONValue

    func push(onto state: OpaquePointer) {
        switch value {
        case .null: lua_pushnil(state)
        case .bool(let b): b.push(onto: state)
        case .number(let n):
            if let integer = value.intValue { integer.push(onto: state) } else { n.push(onto: state) }
        case .string(let text): text.push(onto: state)
        case .array(let elements):
            lua_createtable(state, Int32(clamping: elements.count), 0)
            for (k, element) in elements.enumerated() {
                JSONTable(value: element).push(onto: state)
                lua_rawseti(state, -2, lua_Integer(k + 1))
            }
        case .object(let fields):
            lua_createtable(state, 0, Int32(clamping: fields.count))
            for (key, field) in fields where field != .null {
                key.push(onto: state)
                JSONTable(value: field).push(onto: state)
                lua_rawset(state, -3)
            }
        }
    }
}
