import LuaHost
import NN

/// `optim.schedules`: Keras' learning-rate schedules, with Keras' option names and defaults.
///
///   local lr = optim.schedules.ExponentialDecay{initial_learning_rate = 0.1, decay_steps = 100, decay_rate = 0.5}
///   local opt = optim.SGD{learning_rate = lr}
func declareSchedules(in table: LuaModule) {
    schedule(table, "ExponentialDecay") { options in
        try ExponentialDecay(initialLearningRate: options.required("initial_learning_rate"), decaySteps: options.required("decay_steps"),
                             decayRate: options.required("decay_rate"), staircase: options.value("staircase", default: false))
    }
    schedule(table, "InverseTimeDecay") { options in
        try InverseTimeDecay(initialLearningRate: options.required("initial_learning_rate"), decaySteps: options.required("decay_steps"),
                             decayRate: options.required("decay_rate"), staircase: options.value("staircase", default: false))
    }
    schedule(table, "PiecewiseConstantDecay") { options in
        try PiecewiseConstantDecay(boundaries: options.list("boundaries"), values: options.list("values"))
    }
    schedule(table, "CosineDecay") { options in
        try CosineDecay(initialLearningRate: options.required("initial_learning_rate"), decaySteps: options.required("decay_steps"),
                        alpha: options.value("alpha", default: 0.0), warmupTarget: options.optional("warmup_target"),
                        warmupSteps: options.value("warmup_steps", default: 0))
    }
}

/// A schedule constructor taking one table of options (`ExponentialDecay{...}`).
private func schedule(_ table: LuaModule, _ name: String, _ make: @escaping (LuaOptions) throws -> LearningRateSchedule) {
    table.function(name) { call in
        let options = try call.options(1)
        if call.isMissing(1) { throw call.mismatch(1, expected: "a table of options") }
        let schedule = try make(options)
        try options.rejectUnknown()
        return call.push(ScheduleObject(schedule), ScheduleLua.luaClass)
    }
}

private extension LuaOptions {
    /// An option that must be given.
    func required<Value: LuaReadable>(_ key: String, as type: Value.Type = Value.self) throws -> Value {
        try with(key) { element in
            if element.isMissing { throw element.invalid("is required") }
            return try element.value(as: type)
        }
    }

    /// A required option holding a list (`boundaries = {100, 200}`).
    func list<Value: LuaReadable>(_ key: String, of type: Value.Type = Value.self) throws -> [Value] {
        try with(key) { element in
            if element.isMissing { throw element.invalid("is required") }
            return try element.table(expected: "a list").array(of: type)
        }
    }
}
