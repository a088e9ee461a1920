import CLua
import LuaHost
import NN
import Tensors

// compile / fit / evaluate / predict with Keras' argument names and defaults:
//
//   model:compile{optimizer = 'adam', loss = 'categorical_crossentropy', metrics = {'accuracy'}}
//     optimizer: a name (default 'rmsprop', as Keras) or an optim object (optim.Adam{...}); loss: a name, a Lua function (y_true, y_pred) ->
//     tensor (per-sample values or their mean), or a list of those, one per output; metrics: a list of
//     names, and Lua functions under their names ({'accuracy', mae2 = function(y_true, y_pred) ... end}).
//   local history = model:fit(x, y, {epochs = 1, batch_size = 32, verbose = 1, validation_split = 0,
//     validation_data = {x_val, y_val}, shuffle = true, initial_epoch = 0, callbacks = {...}, seed = })
//     x and y are tensors, or lists of tensors for several inputs/outputs. Returns the History table:
//     history.loss, history.val_loss, history.accuracy... (per-epoch lists), history.history (only
//     those lists, as Keras' History.history), history.epoch (0-based, as Keras), history.params.
//   model:fit(x, {train_step = function(x, y) ... return {loss = ..., kl = ...} end, epochs =, ...}):
//     a custom step gets each batch (x, and y when given) and returns its logs: numbers or 1-element
//     tensors (or one value, logged as loss); the progress bar and the history show them.
//   model:evaluate(x, y, {batch_size = 32, verbose = 1, return_dict = false}): the loss (a number) when
//     compiled without metrics, else a table holding loss then the other values (sorted by name) as a
//     list, score[1], score[2]..., and the same values by name, score.loss, score.accuracy;
//     return_dict = true gives only the names.
//   model:predict(x, {batch_size = 32, verbose = 1}): a tensor (one result per output).
// Ctrl-C stops fit with the error "fit: training interrupted at epoch E, batch B".

enum ModelTraining {
    static func install(on luaClass: LuaClass<Model>) {
        luaClass.nnMethod("compile") { call, model in
            let options = try call.options(2)
            let optimizer = try optimizerOption(options)
            let losses = try options.with("loss") { try ModelTraining.losses($0, call) }
            let metrics = try options.with("metrics") { try metricSpecs($0, call) }
            try options.rejectUnknown()
            try model.compile(optimizer: optimizer, losses: losses, metrics: metrics)
            return 0
        }
        luaClass.nnMethod("fit") { call, model in try fit(call, model) }
        luaClass.nnMethod("evaluate") { call, model in
            let x = try call.tensorInputs(2, what: "x")
            let y = try call.tensorInputs(3, what: "y")
            let options = try call.options(4)
            let batchSize = try options.value("batch_size", default: 32)
            let verbose = try verbosity(options)
            let asDictionary = try options.value("return_dict", default: false)
            try options.rejectUnknown()
            let results = try model.evaluate(x, y, batchSize: batchSize, verbose: verbose)
            return pushScores(call, results, asDictionary: asDictionary)
        }
        luaClass.nnMethod("predict") { call, model in
            let x = try call.tensorInputs(2, what: "x")
            let options = try call.options(3)
            let batchSize = try options.value("batch_size", default: 32)
            let verbose = try verbosity(options)
            try options.rejectUnknown()
            return try call.push(results: try model.predict(x, batchSize: batchSize, verbose: verbose))
        }
    }

    /// verbose: 0, 1, 2 or 'auto' (1), as Keras.
    static func verbosity(_ options: LuaOptions) throws -> Int {
        try options.with("verbose") { element in
            if element.isMissing { return 1 }
            if element.type == .string {
                guard try element.value(as: String.self) == "auto" else { throw element.invalid("must be 0, 1, 2 or 'auto'") }
                return 1
            }
            let level = try element.value(as: Int.self)
            guard (0...2).contains(level) else { throw element.invalid("must be 0, 1, 2 or 'auto', got \(level)") }
            return level
        }
    }

    // MARK: compile

    private static func losses(_ element: LuaElement, _ call: LuaCall) throws -> [Loss] {
        switch element.type {
        case .nil, .none: return []
        case .table:
            let list = try element.table()
            guard list.count > 0 else { throw element.invalid("must be a loss name, a function, or a list of them (one per output)") }
            return try (1...list.count).map { k in try list.withElement(k) { try loss($0, call) } }
        default: return [try loss(element, call)]
        }
    }

    private static func loss(_ element: LuaElement, _ call: LuaCall) throws -> Loss {
        switch element.type {
        case .string: return try Loss(named: try element.value(as: String.self))
        case .function:
            let function = ActiveCall.tensorFunction(call.reference(element.index), what: "the loss function")
            return Loss.custom(name: "loss") { yTrue, yPred in try function([yTrue, yPred]) }
        default: throw element.mismatch(expected: "a loss name or a function (y_true, y_pred)")
        }
    }

    private static func metricSpecs(_ element: LuaElement, _ call: LuaCall) throws -> [MetricSpec] {
        if element.isMissing { return [] }
        if element.type == .string { return [.named(try element.value(as: String.self))] }
        let table = try element.table(expected: "a list of metric names")
        var named: [MetricSpec] = []
        var custom: [(String, MetricSpec)] = []
        try table.forEach { key, value in
            if key.type == .number {
                named.append(.named(try value.value(as: String.self)))
            } else {
                let name: String = try key.value()
                guard value.type == .function else { throw value.mismatch(expected: "a function (y_true, y_pred) for the metric '\(name)'") }
                let function = ActiveCall.tensorFunction(call.reference(value.index), what: "the metric function '\(name)'")
                custom.append((name, .metric(MeanMetric(name: name, higherIsBetter: false) { t, p in try function([t, p]) })))
            }
        }
        return named + custom.sorted { $0.0 < $1.0 }.map(\.1)
    }

    // MARK: fit

    private static func fit(_ call: LuaCall, _ model: Model) throws -> Int32 {
        let x = try call.tensorInputs(2, what: "x")
        var y: [Tensor] = []
        var next: Int32 = 3
        if (try? call.tensor(3)) != nil || isTensorList(call, 3) {
            y = try call.tensorInputs(3, what: "y")
            next = 4
        }
        let options = try call.options(next)
        if !call.isMissing(next + 1) { throw call.invalid(next + 1, "is one too many: fit takes x, y and a table of options") }
        var fitOptions = FitOptions()
        fitOptions.epochs = try options.value("epochs", default: 1)
        fitOptions.batchSize = try options.value("batch_size", default: 32)
        fitOptions.verbose = try verbosity(options)
        fitOptions.validationSplit = try options.value("validation_split", default: 0.0)
        fitOptions.shuffle = try options.value("shuffle", default: true)
        fitOptions.initialEpoch = try options.value("initial_epoch", default: 0)
        fitOptions.validationData = try options.with("validation_data") { element in
            if element.isMissing { return nil }
            let pair = try element.table(expected: "a table {x_val, y_val}")
            guard pair.count == 2 else { throw element.invalid("must be {x_val, y_val}, got \(pair.count) elements") }
            return (try pair.withElement(1) { try tensors(of: $0) }, try pair.withElement(2) { try tensors(of: $0) })
        }
        fitOptions.callbacks = try options.with("callbacks") { try LuaCallbacks.list($0, call) }
        if let seed = try options.optional("seed", as: Int.self) { Random.manualSeed(UInt64(bitPattern: Int64(seed))) }
        if let step = try options.function("train_step") { fitOptions.trainStep = trainStep(step) }
        try options.rejectUnknown()
        let host = call.host
        fitOptions.shouldStop = { (try? host.checkInterrupt()) == nil }
        let history = try model.fit(x, y, options: fitOptions)
        return call.push(HistoryTable(history: history))
    }

    private static func isTensorList(_ call: LuaCall, _ index: Int32) -> Bool {
        guard call.type(index) == .table, lua_rawlen(call.state, index) > 0 else { return false }
        lua_rawgeti(call.state, index, 1)
        defer { lua_settop(call.state, -2) }
        return (try? call.tensor(-1)) != nil
    }

    /// A tensor or a list of tensors inside a table.
    private static func tensors(of element: LuaElement) throws -> [Tensor] {
        if element.type == .table {
            let list = try element.table()
            return try (0..<list.count).map { k in try list.withElement(k + 1) { try $0.object(TensorLua.luaClass) } }
        }
        return [try element.object(TensorLua.luaClass)]
    }

    /// A custom training step: the Lua function gets x (and y) of each batch and returns its logs.
    private static func trainStep(_ function: LuaReference) -> (TrainingBatch) throws -> [String: Double] {
        { batch in
            try ActiveCall.invoke(function, what: "train_step", arguments: { call in
                for part in batch.y.isEmpty ? [batch.x] : [batch.x, batch.y] {
                    if part.count == 1 { call.push(part[0]) } else { call.push(list: part) }
                }
                return batch.y.isEmpty ? 1 : 2
            }, results: { call, first, count in
                guard count >= 1, !call.isMissing(first) else { return [:] }
                if lua_type(call.state, first) != LUA_TTABLE { return ["loss": try logValue(call, first, name: "loss")] }
                var logs: [String: Double] = [:]
                lua_pushnil(call.state)
                while lua_next(call.state, first) != 0 {
                    let top = lua_gettop(call.state)
                    guard let name = String.read(call.state, top - 1) else {
                        lua_settop(call.state, top - 2)
                        throw LuaError.message("train_step must return a table of values by name ({loss = ..., kl = ...}), got a \(call.type(top - 1).name) key")
                    }
                    do { logs[name] = try logValue(call, top, name: name) } catch {
                        lua_settop(call.state, top - 2)
                        throw error
                    }
                    lua_settop(call.state, top - 1)
                }
                return logs
            })
        }
    }

    /// A logged value: a number or a tensor of one element.
    private static func logValue(_ call: LuaCall, _ index: Int32, name: String) throws -> Double {
        if let number = Double.read(call.state, index) { return number }
        if let tensor = try? call.tensor(index) {
            guard tensor.count == 1 else {
                throw LuaError.message("train_step returned '\(name)' as a tensor of shape \(tensor.shape); log values must be numbers or tensors of one element")
            }
            return try tensor.item()
        }
        throw LuaError.message("train_step returned '\(name)' as a \(call.type(index).name); log values must be numbers or tensors of one element")
    }

    // MARK: evaluate

    private static func pushScores(_ call: LuaCall, _ results: [String: Double], asDictionary: Bool) -> Int32 {
        if !asDictionary, results.count == 1, let loss = results["loss"] { return call.push(loss) }
        let ordered = results.sorted { ($0.key == "loss" ? "" : $0.key) < ($1.key == "loss" ? "" : $1.key) }
        lua_createtable(call.state, asDictionary ? 0 : Int32(ordered.count), Int32(ordered.count))
        for (k, (name, value)) in ordered.enumerated() {
            if !asDictionary {
                value.push(onto: call.state)
                lua_rawseti(call.state, -2, lua_Integer(k + 1))
            }
            name.push(onto: call.state)
            value.push(onto: call.state)
            lua_rawset(call.state, -3)
        }
        return 1
    }
}

/// Keras' History as a Lua table: each logged list at the top (history.loss) and in history.history,
/// with history.epoch and history.params.
struct HistoryTable: LuaPushable {
    let history: History

    func push(onto state: OpaquePointer) {
        var record = LuaRecord()
        var lists = LuaRecord()
        for key in history.keys {
            let values = history[key] ?? []
            record.set(key, values)
            lists.set(key, values)
        }
        record.set("history", lists)
        record.set("epoch", history.epochs)
        record.set("params", LuaRecord(history.params.sorted { $0.key < $1.key }.map { ($0.key, $0.value as any LuaPushable) }))
        record.push(onto: state)
    }
}
