import LuaHost
import NN
import Tensors

/// `compile`, `fit`, `evaluate` and `predict`, with Keras' argument names and the library's defaults.
enum ModelTraining {
    static func install(on luaClass: LuaClass<Model>) {
        luaClass.declareActive("compile", compileSignature) { call, model in
            let options = try call.options(2)
            let optimizer = try optimizerOption(options)
            let losses = try options.with("loss") { try ModelTraining.losses($0, call) }
            let metrics = try options.with("metrics") { try metricSpecs($0, call) }
            try options.rejectUnknown()
            try model.compile(optimizer: optimizer, losses: losses, metrics: metrics)
            return 0
        }
        luaClass.declareActive("fit", fitSignature) { call, model in try fit(call, model) }
        luaClass.declareActive("evaluate", evaluateSignature) { call, model in
            let x = try call.tensorInputs(2, what: "x")
            let y = try call.tensorInputs(3, what: "y")
            let options = try call.options(4)
            let batchSize: Int = try options.value("batch_size")
            let verbose = try verbosity(options)
            let asDictionary: Bool = try options.value("return_dict")
            try options.rejectUnknown()
            let results = try model.evaluate(x, y, batchSize: batchSize, verbose: verbose)
            return pushScores(call, results, asDictionary: asDictionary)
        }
        luaClass.declareActive("predict", predictSignature) { call, model in
            let x = try call.tensorInputs(2, what: "x")
            let options = try call.options(3)
            let batchSize: Int = try options.value("batch_size")
            let verbose = try verbosity(options)
            try options.rejectUnknown()
            return try call.push(results: try model.predict(x, batchSize: batchSize, verbose: verbose))
        }
    }

    private static var defaults: FitOptions { FitOptions() }
    private static var batchSize: LuaOption { LuaOption("batch_size", .integer, default: .integer(defaults.batchSize), "samples per batch") }
    private static var verbose: LuaOption { LuaOption("verbose", .described("0, 1, 2 or 'auto'"), default: .integer(defaults.verbose),
                                           "0: silent, 1: a progress bar, 2: one line per epoch; 'auto' is 1") }
    private static var data: LuaParameter { LuaParameter("x", .oneOf([.tensor, .list(.tensor)]), "the inputs: a tensor, or a list of tensors for a model with several") }
    private static var targets: LuaParameter { LuaParameter("y", .oneOf([.tensor, .list(.tensor)]), "the targets: a tensor, or a list of tensors, one per output") }

    private static var compileSignature: LuaSignature { LuaSignature(
        options: [LuaOption("optimizer", .described("an optimizer name ('adam') or an optim object (optim.Adam{...})"), default: .described("'rmsprop', as Keras"),
                            "how the weights are updated; a name takes Keras' defaults"),
                  LuaOption("loss", .described("a loss name, a function (y_true, y_pred), or a list of them (one per output)"),
                            "what training minimizes (nn.losses has the names); a function returns per-sample values or their mean"),
                  LuaOption("metrics", .described("a list of metric names, and functions (y_true, y_pred) by name"),
                            "what fit and evaluate report besides the loss ({'accuracy', mae2 = function(y_true, y_pred) ... end})")],
        summary: "Sets the optimizer, the loss and the metrics for `fit` and `evaluate` (Keras' `compile`).",
        example: """
            local model = nn.Sequential{nn.Input{2}, nn.Dense(1)}
            model:compile{optimizer = 'adam', loss = 'mse', metrics = {'mae'}}
            print(model.optimizer)
            """) }

    private static var fitSignature: LuaSignature { LuaSignature(
        parameters: [data, LuaParameter("y", .oneOf([.tensor, .list(.tensor)]), default: "none (a train_step without targets)",
                                        "the targets: a tensor, or a list of tensors, one per output")],
        options: [
            LuaOption("epochs", .integer, default: .integer(defaults.epochs), "passes over the data"),
            batchSize, verbose,
            LuaOption("validation_split", .number, default: .number(defaults.validationSplit), "the fraction of the data, taken from the end, kept for validation"),
            LuaOption("validation_data", .described("{x_val, y_val}, or {x_val} for a test_step"), "data to validate on after each epoch"),
            LuaOption("shuffle", .boolean, default: .boolean(defaults.shuffle), "shuffle the samples before each epoch"),
            LuaOption("initial_epoch", .integer, default: .integer(defaults.initialEpoch), "the epoch to start from (to resume training)"),
            LuaOption("callbacks", .described("a list of callbacks (nn.callbacks...) or tables of hooks"),
                      "called during training ({on_epoch_end = function(epoch, logs) ... end})"),
            LuaOption("seed", .integer, "seeds the random numbers (shuffling, dropout) first"),
            LuaOption("train_step", .function, "a custom step: gets each batch (x, and y when given) and returns its logs ({loss = ...} or one value)"),
            LuaOption("test_step", .function, "a custom validation step, alike; its logs are shown with val_"),
        ],
        returns: "the History table: history.loss, history.val_loss... (lists per epoch), history.epoch, history.params",
        summary: """
            Trains the model for a number of epochs over x and y in batches (Keras' `fit`), showing a progress bar.             Ctrl-C stops it with an error naming the epoch and batch.
            """,
        example: """
            tensor.manual_seed(1)
            local model = nn.Sequential{nn.Input{2}, nn.Dense(1)}
            model:compile{optimizer = optim.SGD{learning_rate = 0.1}, loss = 'mse'}
            local x = tensor.rand(16, 2)
            local history = model:fit(x, x:sum(2, true), {epochs = 3, batch_size = 8, verbose = 0})
            print(#history.loss, history.loss[3] < history.loss[1])
            """) }

    private static var evaluateSignature: LuaSignature { LuaSignature(
        parameters: [data, targets],
        options: [batchSize, verbose,
                  LuaOption("return_dict", .boolean, default: .boolean(false), "give the values by name only")],
        returns: "the loss (a number) without metrics; else a table: the loss then the metrics (sorted by name) as a list, and by name",
        summary: "The loss and metrics on x and y, without training (Keras' `evaluate`).",
        example: """
            local model = nn.Sequential{nn.Input{2}, nn.Dense(1, {kernel_initializer = 'ones'})}
            model:compile{loss = 'mse', metrics = {'mae'}}
            local score = model:evaluate(tensor{{1, 2}}, tensor{{3}}, {verbose = 0})
            print(score.loss, score.mae, score[1])
            """) }

    private static var predictSignature: LuaSignature { LuaSignature(
        parameters: [data], options: [batchSize, verbose],
        returns: "a tensor (one per output)",
        summary: "The model's outputs for x, in batches, without training behaviour or autograd history (Keras' `predict`).",
        example: """
            local model = nn.Sequential{nn.Input{2}, nn.Dense(1, {kernel_initializer = 'ones'})}
            print(model:predict(tensor{{1, 2}, {3, 4}}, {verbose = 0}))
            """) }

    /// verbose: 0, 1, 2 or 'auto' (1), as Keras.
    static func verbosity(_ options: LuaOptions) throws -> Int {
        try options.with("verbose") { element in
            if element.isMissing { return defaults.verbose }
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
            let function = tensorFunction(call.reference(element.index), what: "the loss function")
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
                let function = tensorFunction(call.reference(value.index), what: "the metric function '\(name)'")
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
        // A table with a list part is y (options have only names), so y given as a Lua table of numbers
        // is refused as y rather than taken for the options.
        if try (try? call.tensor(3)) != nil || (call.type(3) == .table && call.table(3).count > 0) {
            y = try call.tensorInputs(3, what: "y")
            next = 4
        }
        let options = try call.options(next)
        if !call.isMissing(next + 1) { throw call.invalid(next + 1, "is one too many: fit takes x, y and a table of options") }
        var fitOptions = FitOptions()
        fitOptions.epochs = try options.value("epochs")
        fitOptions.batchSize = try options.value("batch_size")
        fitOptions.verbose = try verbosity(options)
        fitOptions.validationSplit = try options.value("validation_split")
        fitOptions.shuffle = try options.value("shuffle")
        fitOptions.initialEpoch = try options.value("initial_epoch")
        fitOptions.validationData = try options.with("validation_data") { element in
            if element.isMissing { return nil }
            let pair = try element.table(expected: "a table {x_val, y_val}")
            guard pair.count == 2 || pair.count == 1 else { throw element.invalid("must be {x_val, y_val} (or {x_val} for a test_step), got \(pair.count) elements") }
            return (try pair.withElement(1) { try tensors(of: $0) }, pair.count == 1 ? [] : try pair.withElement(2) { try tensors(of: $0) })
        }
        fitOptions.callbacks = try options.with("callbacks") { try LuaCallbacks.list($0, call) }
        if let seed = try options.optional("seed", as: Int.self) { Random.manualSeed(UInt64(bitPattern: Int64(seed))) }
        if let step = try options.function("train_step") { fitOptions.trainStep = customStep(step, what: "train_step") }
        if let step = try options.function("test_step") { fitOptions.testStep = customStep(step, what: "test_step") }
        try options.rejectUnknown()
        let host = call.host
        fitOptions.shouldStop = { (try? host.checkInterrupt()) == nil }
        let history = try model.fit(x, y, options: fitOptions)
        return call.push(HistoryTable(history: history))
    }

    /// A tensor or a list of tensors inside a table.
    private static func tensors(of element: LuaElement) throws -> [Tensor] {
        if element.type == .table {
            let list = try element.table()
            return try (0..<list.count).map { k in try list.withElement(k + 1) { try $0.object(TensorLua.luaClass) } }
        }
        return [try element.object(TensorLua.luaClass)]
    }

    /// A custom training or validation step (`what`): the Lua function gets x (and y) of each batch and
    /// returns its logs.
    private static func customStep(_ function: LuaReference, what: String) -> (TrainingBatch) throws -> [String: Double] {
        { batch in
            try ActiveCall.invoke(function, what: what, arguments: { call in
                for part in batch.y.isEmpty ? [batch.x] : [batch.x, batch.y] {
                    if part.count == 1 { call.push(part[0]) } else { call.push(list: part) }
                }
                return batch.y.isEmpty ? 1 : 2
            }, results: { call, first, count in
                guard count >= 1, !call.isMissing(first) else { return [:] }
                if call.type(first) != .table { return ["loss": try logValue(call, first, name: "loss", what: what)] }
                var logs: [String: Double] = [:]
                try call.table(first).forEach { key, value in
                    guard key.type == .string, let name = try? key.value(as: String.self) else {
                        throw LuaError.message("\(what) must return a table of values by name ({loss = ..., kl = ...}), got a \(key.type.name) key")
                    }
                    logs[name] = try logValue(call, value.index, name: name, what: what)
                }
                return logs
            })
        }
    }

    /// A logged value: a number or a tensor of one element.
    private static func logValue(_ call: LuaCall, _ index: Int32, name: String, what: String) throws -> Double {
        if let number = Double.read(call.state, index) { return number }
        if let tensor = try? call.tensor(index) {
            guard tensor.count == 1 else {
                throw LuaError.message("\(what) returned '\(name)' as a tensor of shape \(tensor.shape); log values must be numbers or tensors of one element")
            }
            return try tensor.item()
        }
        throw LuaError.message("\(what) returned '\(name)' as a \(call.type(index).name); log values must be numbers or tensors of one element")
    }

    // MARK: evaluate

    private static func pushScores(_ call: LuaCall, _ results: [String: Double], asDictionary: Bool) -> Int32 {
        if !asDictionary, results.count == 1, let loss = results["loss"] { return call.push(loss) }
        let ordered = results.sorted { ($0.key == "loss" ? "" : $0.key) < ($1.key == "loss" ? "" : $1.key) }
        return call.push(LuaTableLiteral(list: asDictionary ? [] : ordered.map(\.value), fields: ordered.map { ($0.key, $0.value) }))
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
