import CLua
import LuaHost
import NN
import Tensors

// Callbacks for fit, as Keras':
//
//   nn.callbacks.EarlyStopping{monitor = 'val_loss', min_delta = 0, patience = 0, mode = 'auto',
//     baseline =, restore_best_weights = false, start_from_epoch = 0}
//   nn.callbacks.ModelCheckpoint(filepath, {monitor = 'val_loss', save_best_only = false,
//     save_weights_only = false, mode = 'auto'})   -- filepath may hold {epoch:02d}, {val_loss:.2f}...
//   nn.callbacks.LearningRateScheduler(function(epoch, lr) return lr * 0.9 end)
//   nn.callbacks.ReduceLROnPlateau{monitor = 'val_loss', factor = 0.1, patience = 10, mode = 'auto',
//     min_delta = 1e-4, cooldown = 0, min_lr = 0}
// Each also takes verbose = 1 to print a line when it acts ("Epoch 4: early stopping"), as Keras.
// (also nn.EarlyStopping...), and Lua tables of functions:
//   {on_train_begin = function(logs) end, on_epoch_end = function(epoch, logs) end, on_batch_end = ...}
// with on_train_begin/end(logs), on_epoch_begin/end(epoch, logs), on_batch_begin/end(batch, logs)
// (Keras' on_train_batch_begin/end also). Epochs and batches are Keras' 0-based indices (the progress
// bar's "Epoch 1/3" is epoch 0); logs is a table of the running values by name. The table gets a field
// `model` (the model being trained) before training starts, as Keras' self.model.

enum CallbackLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Callback> = {
        let luaClass = LuaClass<Callback>(name: "Callback")
        luaClass.metamethod("__tostring") { call in
            call.push("<\(String(describing: type(of: try call.object(1, CallbackLua.luaClass))))>")
        }
        return luaClass
    }()

    /// The constructors, by name.
    nonisolated(unsafe) static let constructors: [(String, LuaFunctionBody)] = [
        ("EarlyStopping", { call in
            let options = try call.options(1)
            let callback = try EarlyStopping(monitor: try options.value("monitor", default: "val_loss"),
                                             minDelta: try options.value("min_delta", default: 0.0),
                                             patience: try options.value("patience", default: 0),
                                             mode: try options.value("mode", default: "auto"),
                                             baseline: try options.optional("baseline"),
                                             restoreBestWeights: try options.value("restore_best_weights", default: false),
                                             startFromEpoch: try options.value("start_from_epoch", default: 0))
            callback.verbose = try verbosity(options)
            try options.rejectUnknown()
            return call.push(callback, luaClass)
        }),
        ("ModelCheckpoint", { call in
            let positional = call.type(1) == .string
            let options = try call.options(positional ? 2 : 1)
            let path: String
            if positional {
                path = try call.argument(1)
            } else {
                guard let given = try options.optional("filepath", as: String.self) else {
                    throw LuaError.message("\(call.name): the file path is missing: ModelCheckpoint(filepath [, options])")
                }
                path = given
            }
            let callback = try ModelCheckpoint(filepath: path, monitor: try options.value("monitor", default: "val_loss"),
                                               saveBestOnly: try options.value("save_best_only", default: false),
                                               saveWeightsOnly: try options.value("save_weights_only", default: false),
                                               mode: try options.value("mode", default: "auto"))
            callback.verbose = try verbosity(options)
            try options.rejectUnknown()
            return call.push(callback, luaClass)
        }),
        ("LearningRateScheduler", { call in
            let schedule = try call.function(1)
            let options = try call.options(2)
            let verbose = try verbosity(options)
            try options.rejectUnknown()
            let callback = LearningRateScheduler { epoch, rate in
                try ActiveCall.invoke(schedule, what: "the learning rate schedule", arguments: { call in
                    call.push(epoch, rate)
                }, results: { call, first, count in
                    guard count >= 1, let value = Double.read(call.state, first) else {
                        throw LuaError.message("the learning rate schedule must return a number, got \(count >= 1 ? call.type(first).name : "nothing")")
                    }
                    return value
                })
            }
            callback.verbose = verbose
            return call.push(callback, luaClass)
        }),
        ("ReduceLROnPlateau", { call in
            let options = try call.options(1)
            let callback = try ReduceLROnPlateau(monitor: try options.value("monitor", default: "val_loss"),
                                                 factor: try options.value("factor", default: 0.1),
                                                 patience: try options.value("patience", default: 10),
                                                 mode: try options.value("mode", default: "auto"),
                                                 minDelta: try options.value("min_delta", default: 1e-4),
                                                 cooldown: try options.value("cooldown", default: 0),
                                                 minLR: try options.value("min_lr", default: 0.0))
            callback.verbose = try verbosity(options)
            try options.rejectUnknown()
            return call.push(callback, luaClass)
        }),
    ]

    /// `verbose = 0 | 1`: 1 prints a line when the callback acts, as Keras.
    private static func verbosity(_ options: LuaOptions) throws -> Int {
        let level = try options.value("verbose", default: 0)
        guard (0...1).contains(level) else { throw LuaError.message("option 'verbose' must be 0 or 1, got \(level)") }
        return level
    }
}

/// Reads fit's `callbacks` option.
enum LuaCallbacks {
    static func list(_ element: LuaElement, _ call: LuaCall) throws -> [Callback] {
        if element.isMissing { return [] }
        let list = try element.table(expected: "a list of callbacks")
        return try (0..<list.count).map { k in
            try list.withElement(k + 1) { item in
                if item.type == .table { return try TableCallback(item, call) }
                return try item.object(CallbackLua.luaClass)
            }
        }
    }
}

/// A callback written as a Lua table of functions.
final class TableCallback: Callback {
    static let hooks = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_batch_begin",
                        "on_batch_end", "on_train_batch_begin", "on_train_batch_end"]
    private let table: LuaReference
    private let functions: [String: LuaReference]

    init(_ element: LuaElement, _ call: LuaCall) throws {
        table = call.reference(element.index)
        var functions: [String: LuaReference] = [:]
        try element.table().forEach { key, value in
            guard let name = String.read(key.state, key.index), name.hasPrefix("on_") else { return }
            guard TableCallback.hooks.contains(name) else {
                throw key.invalid("'\(name)' is not a callback hook; the hooks are \(TableCallback.hooks.joined(separator: ", "))")
            }
            guard value.type == .function else { throw value.mismatch(expected: "a function") }
            functions[name] = call.reference(value.index)
        }
        self.functions = functions
        super.init()
    }

    private func run(_ hook: String, _ alias: String? = nil, index: Int?, logs: [String: Double]) throws {
        for name in [hook, alias].compactMap({ $0 }) {
            guard let function = functions[name] else { continue }
            try ActiveCall.invoke(function, what: "the callback \(name)", arguments: { call in
                if let index { call.push(index) }
                call.push(LuaRecord(logs.sorted { $0.key < $1.key }.map { ($0.key, $0.value as any LuaPushable) }))
                return index == nil ? 1 : 2
            }, results: { _, _, _ in })
        }
    }

    override func onTrainBegin(logs: [String: Double]) throws {
        if let model {
            // table.model = model, with raw access: the table is the user's, and no metamethod may run under Swift.
            try ActiveCall.withCall { call in
                try call.reserveStack(3)
                table.push(onto: call.state)
                "model".push(onto: call.state)
                call.push(layer: model)
                lua_rawset(call.state, -3)
                lua_settop(call.state, -2)
            }
        }
        try run("on_train_begin", index: nil, logs: logs)
    }
    override func onTrainEnd(logs: [String: Double]) throws { try run("on_train_end", index: nil, logs: logs) }
    override func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws { try run("on_epoch_begin", index: epoch, logs: logs) }
    override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws { try run("on_epoch_end", index: epoch, logs: logs) }
    override func onBatchBegin(_ batch: Int, logs: [String: Double]) throws {
        try run("on_batch_begin", "on_train_batch_begin", index: batch, logs: logs)
    }
    override func onBatchEnd(_ batch: Int, logs: [String: Double]) throws {
        try run("on_batch_end", "on_train_batch_end", index: batch, logs: logs)
    }
}
