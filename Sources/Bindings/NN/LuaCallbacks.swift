import LuaHost
import NN
import Tensors

/// Keras' callbacks for fit (`nn.callbacks.EarlyStopping{...}`, also `nn.EarlyStopping`), with the
/// library's defaults, and callbacks written as Lua tables of hooks (`TableCallback`).
enum CallbackLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Callback> = {
        let luaClass = LuaClass<Callback>(name: "Callback", summary: """
            A callback for `model:fit{callbacks = {...}}`, made by `nn.callbacks.EarlyStopping{...}` and the like. \
            A Lua table of hooks serves as well: {on_train_begin = function(logs) end, on_epoch_end = function(epoch, logs) end, \
            ...} with on_train_begin/end(logs), on_epoch_begin/end(epoch, logs), on_batch_begin/end(batch, logs) (Keras' \
            on_train_batch_begin/end also). Epochs and batches are Keras' 0-based indices; logs holds the running values by \
            name; the table gets a field `model` before training starts, as Keras' self.model.
            """)
        luaClass.metamethod("__tostring") { call in
            call.push("<\(String(describing: type(of: try call.object(1, CallbackLua.luaClass))))>")
        }
        return luaClass
    }()

    /// Declares the constructors in `module` (`nn` and `nn.callbacks`).
    static func declare(in module: LuaModule) {
        let prefix = module.name
        let early = EarlyStopping.Defaults()
        let monitor = { (value: String) in LuaOption("monitor", .string, default: .string(value), "the logged value watched ('val_loss', 'accuracy'...)") }
        let mode = { (value: String) in
            LuaOption("mode", .string, default: .string(value), "'min', 'max' or 'auto': whether lower or higher is better ('auto' knows accuracies from losses)")
        }
        module.declareActive("EarlyStopping", LuaSignature(
            options: [monitor(early.monitor),
                      LuaOption("min_delta", .number, default: .number(early.minDelta), "the least change that counts as an improvement"),
                      LuaOption("patience", .integer, default: .integer(early.patience), "epochs without improvement before stopping"),
                      mode(early.mode),
                      LuaOption("baseline", .number, "a value to reach; training stops if the monitor does not beat it"),
                      LuaOption("restore_best_weights", .boolean, default: .boolean(early.restoreBestWeights), "put back the weights of the best epoch at the end"),
                      LuaOption("start_from_epoch", .integer, default: .integer(early.startFromEpoch), "epochs to wait before watching"),
                      verboseOption],
            returns: "a Callback", summary: "Stops training when the monitored value stops improving (Keras' `EarlyStopping`).",
            example: """
                local stop = \(prefix).EarlyStopping{monitor = 'loss', patience = 2}
                print(stop)
                """)) { call in
            let options = try call.options(1)
            let callback = try EarlyStopping(monitor: options.value("monitor"), minDelta: options.value("min_delta"),
                                             patience: options.value("patience"), mode: options.value("mode"),
                                             baseline: options.optional("baseline"),
                                             restoreBestWeights: options.value("restore_best_weights"),
                                             startFromEpoch: options.value("start_from_epoch"))
            callback.verbose = try verbosity(options)
            try options.rejectUnknown()
            return call.push(callback, luaClass)
        }

        let checkpoint = ModelCheckpoint.Defaults()
        module.declareActive("ModelCheckpoint", LuaSignature(
            parameters: [LuaParameter("filepath", .string, default: "the option filepath",
                                      "where to save; may hold {epoch:02d}, {val_loss:.2f}... filled from the epoch (from 1) and the logs")],
            options: [LuaOption("filepath", .string, "the path, when not given first"),
                      monitor(checkpoint.monitor),
                      LuaOption("save_best_only", .boolean, default: .boolean(checkpoint.saveBestOnly), "save only when the monitor improves"),
                      LuaOption("save_weights_only", .boolean, default: .boolean(checkpoint.saveWeightsOnly), "save the weights only (for load_weights)"),
                      mode(checkpoint.mode), verboseOption],
            returns: "a Callback", summary: "Saves the model (or its weights) after each epoch, or when it improves (Keras' `ModelCheckpoint`).",
            example: """
                local save = \(prefix).ModelCheckpoint('model-{epoch:02d}.safetensors', {monitor = 'loss', save_best_only = true})
                print(save)
                """)) { call in
            let positional = call.type(1) == .string
            let options = try call.options(positional ? 2 : 1)
            let path: String
            if positional {
                path = try call.argument(1)
            } else {
                guard let given = try options.optional("filepath", as: String.self) else {
                    throw LuaError.message("\(call.name): the file path is missing: \(call.name)(filepath [, options])")
                }
                path = given
            }
            let callback = try ModelCheckpoint(filepath: path, monitor: options.value("monitor"),
                                               saveBestOnly: options.value("save_best_only"),
                                               saveWeightsOnly: options.value("save_weights_only"), mode: options.value("mode"))
            callback.verbose = try verbosity(options)
            try options.rejectUnknown()
            return call.push(callback, luaClass)
        }

        module.declareActive("LearningRateScheduler", LuaSignature(
            parameters: [LuaParameter("schedule", .function, "function(epoch, lr) giving the rate of the epoch (epochs from 0)")],
            options: [verboseOption],
            returns: "a Callback", summary: "Sets the optimizer's learning rate at the start of each epoch from a function (Keras' `LearningRateScheduler`).",
            example: """
                local schedule = \(prefix).LearningRateScheduler(function(epoch, lr) return lr * 0.9 end)
                print(schedule)
                """)) { call in
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
        }

        let plateau = ReduceLROnPlateau.Defaults()
        module.declareActive("ReduceLROnPlateau", LuaSignature(
            options: [monitor(plateau.monitor),
                      LuaOption("factor", .number, default: .number(plateau.factor), "the rate is multiplied by it, in (0, 1)"),
                      LuaOption("patience", .integer, default: .integer(plateau.patience), "epochs without improvement before reducing"),
                      mode(plateau.mode),
                      LuaOption("min_delta", .number, default: .number(plateau.minDelta), "the least change that counts as an improvement"),
                      LuaOption("cooldown", .integer, default: .integer(plateau.cooldown), "epochs to wait after a reduction"),
                      LuaOption("min_lr", .number, default: .number(plateau.minLR), "the rate never goes below it"),
                      verboseOption],
            returns: "a Callback", summary: "Reduces the learning rate when the monitored value stops improving (Keras' `ReduceLROnPlateau`).",
            example: """
                local reduce = \(prefix).ReduceLROnPlateau{monitor = 'loss', factor = 0.5, patience = 2}
                print(reduce)
                """)) { call in
            let options = try call.options(1)
            let callback = try ReduceLROnPlateau(monitor: options.value("monitor"), factor: options.value("factor"),
                                                 patience: options.value("patience"), mode: options.value("mode"),
                                                 minDelta: options.value("min_delta"), cooldown: options.value("cooldown"),
                                                 minLR: options.value("min_lr"))
            callback.verbose = try verbosity(options)
            try options.rejectUnknown()
            return call.push(callback, luaClass)
        }
    }

    /// The names of the constructors, for suggestions.
    static let names = ["EarlyStopping", "ModelCheckpoint", "LearningRateScheduler", "ReduceLROnPlateau"]

    private static var verboseOption: LuaOption { LuaOption("verbose", .integer, default: .integer(Callback().verbose), "1 prints a line when it acts, as Keras") }

    /// `verbose = 0 | 1`: 1 prints a line when the callback acts, as Keras.
    private static func verbosity(_ options: LuaOptions) throws -> Int {
        let level: Int = try options.value("verbose")
        guard (0...1).contains(level) else { throw LuaError.message("option 'verbose' must be 0 or 1, got \(level)") }
        return level
    }
}

/// Reads fit's `callbacks` option.
enum LuaCallbacks {
    static func list(_ element: LuaElement, _ call: LuaCall) throws -> [Callback] {
        if element.isMissing { return [] }
        let list = try element.table(expected: "a list of callbacks ({nn.callbacks.EarlyStopping{...}, ...})")
        return try (0..<list.count).map { k in
            try list.withElement(k + 1) { item in
                if item.type == .table { return try TableCallback(item, call) }
                guard let callback = try? item.object(CallbackLua.luaClass) else {
                    throw item.mismatch(expected: "a Callback (nn.callbacks...) or a table of hooks ({on_epoch_end = function(epoch, logs) ... end})")
                }
                return callback
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
            try ActiveCall.withCall { call in try call.rawSet("model", in: table) { call.push(layer: model) } }
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
