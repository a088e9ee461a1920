import LuaHost
import NN

/// `optim.schedules`: Keras' learning-rate schedules, with Keras' option names and defaults.
///
///   local lr = optim.schedules.ExponentialDecay{initial_learning_rate = 0.1, decay_steps = 100, decay_rate = 0.5}
///   local opt = optim.SGD{learning_rate = lr}
func declareSchedules(in table: LuaModule) {
    let initialRate = LuaOption("initial_learning_rate", .number, "the rate of the first update")
    let decaySteps = LuaOption("decay_steps", .integer, "updates over which the rate decays")
    let decayRate = LuaOption("decay_rate", .number, "factor of decay over decay_steps")
    let staircase = LuaOption("staircase", .boolean, default: .boolean(false), "decay in whole steps of decay_steps")
    schedule(table, "ExponentialDecay", "The rate times decay_rate^(step / decay_steps) (Keras' `ExponentialDecay`).",
             [initialRate, decaySteps, decayRate, staircase],
             "optim.schedules.ExponentialDecay{initial_learning_rate = 0.1, decay_steps = 100, decay_rate = 0.5}") { options in
        try ExponentialDecay(initialLearningRate: options.value("initial_learning_rate"), decaySteps: options.value("decay_steps"),
                             decayRate: options.value("decay_rate"), staircase: options.value("staircase"))
    }
    schedule(table, "InverseTimeDecay", "The rate divided by 1 + decay_rate · step / decay_steps (Keras' `InverseTimeDecay`).",
             [initialRate, decaySteps, decayRate, staircase],
             "optim.schedules.InverseTimeDecay{initial_learning_rate = 0.1, decay_steps = 10, decay_rate = 1}") { options in
        try InverseTimeDecay(initialLearningRate: options.value("initial_learning_rate"), decaySteps: options.value("decay_steps"),
                             decayRate: options.value("decay_rate"), staircase: options.value("staircase"))
    }
    schedule(table, "PiecewiseConstantDecay", "Constant rates between step boundaries (Keras' `PiecewiseConstantDecay`).",
             [LuaOption("boundaries", .list(.integer), "the steps where the rate changes, increasing"),
              LuaOption("values", .list(.number), "the rates, one more than the boundaries")],
             "optim.schedules.PiecewiseConstantDecay{boundaries = {100, 200}, values = {0.1, 0.01, 0.001}}") { options in
        try PiecewiseConstantDecay(boundaries: options.list("boundaries"), values: options.list("values"))
    }
    schedule(table, "CosineDecay", "A half cosine from the rate down to alpha times it, after an optional linear warm-up (Keras' `CosineDecay`).",
             [initialRate, decaySteps,
              LuaOption("alpha", .number, default: .number(0), "the final rate as a fraction of the initial one"),
              LuaOption("warmup_target", .number, "the rate reached at the end of the warm-up (no warm-up by default)"),
              LuaOption("warmup_steps", .integer, default: .integer(0), "steps of linear warm-up")],
             "optim.schedules.CosineDecay{initial_learning_rate = 0.1, decay_steps = 1000}") { options in
        try CosineDecay(initialLearningRate: options.value("initial_learning_rate"), decaySteps: options.value("decay_steps"),
                        alpha: options.value("alpha"), warmupTarget: options.optional("warmup_target"),
                        warmupSteps: options.value("warmup_steps"))
    }
}

/// A schedule constructor taking one table of options (`ExponentialDecay{...}`).
private func schedule(_ table: LuaModule, _ name: String, _ summary: String, _ options: [LuaOption], _ example: String,
                      _ make: @escaping (LuaOptions) throws -> LearningRateSchedule) {
    let signature = LuaSignature(options: options, returns: "a LearningRateSchedule", summary: summary + " Call it with a step number for its rate.",
                                 example: "local schedule = \(example)\nprint(schedule(0), schedule(150))")
    table.declare(name, signature) { call in
        let options = try call.options(1)
        if call.isMissing(1) { throw call.mismatch(1, expected: "a table of options") }
        let schedule = try make(options)
        try options.rejectUnknown()
        return call.push(ScheduleObject(schedule), ScheduleLua.luaClass)
    }
}

private extension LuaOptions {
    /// A required option holding a list (`boundaries = {100, 200}`).
    func list<Value: LuaReadable>(_ key: String, of type: Value.Type = Value.self) throws -> [Value] {
        try with(key) { element in
            if element.isMissing { throw element.invalid("is required") }
            return try element.table(expected: "a list").array(of: type)
        }
    }
}
