import LuaHost
import NN
import Tensors

/// The Lua class of layers that are not models.
enum LayerLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Layer> = {
        let luaClass = LuaClass<Layer>(name: "Layer", summary: """
            A Keras layer (`nn.Dense(10)`), called like a function: on a symbolic tensor (or a list of them) while \
            a model is defined, giving symbolic outputs; on tensors, giving tensors with autograd history \
            (`layer(x)`, `layer(x, {training = true})`; several outputs are several results). `trainable` can be set.
            """, fields: LayerMembers.fields)
        LayerMembers.install(on: luaClass)
        return luaClass
    }()
}

/// The symbolic tensors of model definitions (Keras' KerasTensor).
enum SymbolicLua {
    nonisolated(unsafe) static let luaClass: LuaClass<SymbolicTensor> = {
        let luaClass = LuaClass<SymbolicTensor>(name: "SymbolicTensor", summary: """
            A placeholder for the tensors a model will compute (Keras' KerasTensor): `nn.Input{...}` makes one, \
            calling a layer on one gives its outputs, and `nn.Model(inputs, outputs)` joins them into a model.
            """, fields: [
                LuaParameter("shape", .list(.integer), "the sizes, -1 where unknown until data arrives (the batch)"),
                LuaParameter("dtype", .string, "'float32', 'int64'..."),
                LuaParameter("name", .string, "the name of the layer that made it"),
            ])
        luaClass.metamethod("__tostring") { call in
            call.push(try call.object(1, SymbolicLua.luaClass).description)
        }
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

    func push(layers: [Layer]) -> Int32 { push(list: layers) { push(layer: $0) } }

    func push(symbolic tensors: [SymbolicTensor]) -> Int32 { push(list: tensors) { push($0, SymbolicLua.luaClass) } }

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
        guard type(index) == .table, try table(index).count > 0 else {
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
        luaClass.declare("get_weights", LuaSignature(
            returns: "a list of tensors", summary: "Copies of the layer's weights, in Keras' order (Keras' `get_weights`).",
            example: "local layer = nn.Dense(2)\nlayer(tensor.ones{1, 3})\nlocal weights = layer:get_weights()\nprint(#weights, weights[1]:shape())")) { call, layer in
            call.push(list: try layer.getWeights())
        }
        luaClass.declare("set_weights", LuaSignature(
            parameters: [LuaParameter("weights", .list(.tensor), "one tensor per weight, of the weights' shapes, in the order of get_weights")],
            summary: "Replaces the layer's weights with copies of these tensors (Keras' `set_weights`).",
            example: "local layer = nn.Dense(1, {use_bias = false})\nlayer(tensor.ones{1, 2})\nlayer:set_weights({tensor{{1}, {2}}})\nprint(layer(tensor{{1, 1}}))")) { call, layer in
            try layer.setWeights(try call.tensors(2))
            return 0
        }
        luaClass.declare("count_params", LuaSignature(
            returns: "an integer", summary: "The number of weight elements, trainable or not (Keras' `count_params`).",
            example: "local layer = nn.Dense(4)\nlayer(tensor.ones{1, 3})\nprint(layer:count_params())")) { call, layer in
            call.push(layer.countParams())
        }
        luaClass.declare("get_config", LuaSignature(
            returns: "a table", summary: "Keras' configuration of the layer as a table: its parameters and options, name and trainable (Keras' `get_config`).",
            example: "local config = nn.Dense(4, {activation = 'relu'}):get_config()\nprint(config.units, config.activation)")) { call, layer in
            try call.reserveStack(40)
            return call.push(JSONTable(value: .object(try layer.config())))
        }
        luaClass.declare("parameters", LuaSignature(
            returns: "a list of tensors", summary: "The trainable weight tensors themselves (not copies), for an optimizer (PyTorch's `parameters()`).",
            example: "local layer = nn.Dense(2)\nlayer(tensor.ones{1, 3})\nlocal opt = optim.sgd(layer:parameters())\nprint(#layer:parameters())")) { call, layer in
            call.push(list: layer.parameters)
        }
    }

    /// The fields of layers, for the documentation.
    static var fields: [LuaParameter] { [
        LuaParameter("name", .string, "the layer's name"),
        LuaParameter("trainable", .boolean, "whether training updates its weights (settable)"),
        LuaParameter("built", .boolean, "whether its weights exist (after its first call)"),
        LuaParameter("weights", .list(.tensor), "the weight tensors themselves; also trainable_weights, non_trainable_weights"),
        LuaParameter("input", .object("SymbolicTensor"), "the input of its first call; also output"),
    ] }

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
        let options = try call.options(3, declared: [LuaOption("training", .boolean, default: .boolean(false), "run as in training (dropout on)")])
        let training: Bool = try options.value("training")
        try options.rejectUnknown()
        let symbolic: [SymbolicTensor]?
        if call.type(2) == .table, try call.table(2).count > 0 {
            let first = try call.table(2).withElement(1) { try? $0.object(SymbolicLua.luaClass) }
            symbolic = first != nil ? try call.symbolicTensors(2, what: "the input") : nil
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

    func push(onto state: OpaquePointer) { JSONTable.lua(value).push(onto: state) }

    private static func lua(_ value: JSONValue) -> any LuaPushable {
        switch value {
        case .null: return Int?.none
        case .bool(let b): return b
        case .number(let n): return value.intValue ?? n
        case .string(let text): return text
        case .array(let elements): return LuaTableLiteral(list: elements.map(lua))
        case .object(let fields): return LuaTableLiteral(fields: fields.filter { $0.value != .null }.map { ($0.key, lua($0.value)) })
        }
    }
}
