import LuaHost
import NN

/// A learning-rate schedule as Lua holds it (the library's schedules are value types).
final class ScheduleObject {
    let schedule: LearningRateSchedule
    init(_ schedule: LearningRateSchedule) { self.schedule = schedule }
}

/// The Lua class of schedules (`optim.schedules.ExponentialDecay{...}`): given as `learning_rate` to an
/// optimizer, and callable as Keras' schedules are: `schedule(step)` is the rate of update `step`
/// (0 for the first update, as Keras counts iterations).
enum ScheduleLua {
    nonisolated(unsafe) static let luaClass: LuaClass<ScheduleObject> = {
        let luaClass = LuaClass<ScheduleObject>(name: "LearningRateSchedule", summary: """
            A learning-rate schedule (`optim.schedules.ExponentialDecay{...}`): give it as an optimizer's \
            `learning_rate`; `schedule(step)` is the rate of update `step` (0 for the first, as Keras counts).
            """)
        luaClass.metamethod("__call") { call in
            let object = try call.object(1, luaClass)
            guard let step = Int.read(call.state, 2), step >= 0 else {
                throw LuaError.message("\(object.schedule.className): expected a step number (an integer ≥ 0), got \(call.type(2) == .number ? call.describe(2) : call.type(2).name)")
            }
            return call.push(object.schedule.learningRate(atStep: step))
        }
        luaClass.metamethod("__tostring") { call in
            let object = try call.object(1, luaClass)
            let settings = object.schedule.config.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
            return call.push("\(object.schedule.className){\(settings.joined(separator: ", "))}")
        }
        return luaClass
    }()
}
