import LuaHost
import NN
import Tensors

/// The Lua class of optimizers, made by `optim.Adam{...}` (for compile) or `optim.adam(params, {...})`
/// (for a custom loop):
///
///   opt:zero_grad()            -- gradients of its parameters set to nil
///   opt:step()                 -- one update of every parameter that has a gradient
///   opt.learning_rate          -- the rate of the next update (read/write: a number or a schedule)
///   opt.iterations, opt.name, opt.clipnorm, opt.clipvalue, opt.global_clipnorm, opt.weight_decay
///   opt.parameters             -- the list of tensors it updates
enum OptimizerLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Optimizer> = {
        let luaClass = LuaClass<Optimizer>(name: "Optimizer", summary: """
            An optimizer, made by `optim.Adam{...}` (for compile) or `optim.adam(params, {...})` (for a custom loop). \
            Its learning rate can be set: `opt.learning_rate = 0.01`, or a schedule.
            """, fields: [
                LuaParameter("learning_rate", .number, "the rate of the next update (settable: a number or a schedule); `lr` too"),
                LuaParameter("iterations", .integer, "updates made so far"),
                LuaParameter("name", .string, "Keras' name ('adam')"),
                LuaParameter("clipnorm", .number, "the clipping options, nil when unset; also clipvalue, global_clipnorm, weight_decay"),
                LuaParameter("parameters", .list(.tensor), "the tensors it updates"),
            ])
        luaClass.declare("zero_grad", LuaSignature(summary: "Sets the gradients of its parameters to nil, before the next backward pass.",
                                                   example: "local w = tensor.ones{2}:requires_grad_()\nlocal opt = optim.sgd({w})\nlocal loss = (w * 3):sum()\nloss:backward()\nopt:zero_grad()\nprint(w.grad)")) { call, optimizer in
            optimizer.zeroGrad()
            return 0
        }
        luaClass.declare("step", LuaSignature(summary: "One update of every parameter that has a gradient.",
                                              example: "local w = tensor.ones{2}:requires_grad_()\nlocal opt = optim.sgd({w}, {learning_rate = 0.5})\nlocal loss = (w * 3):sum()\nloss:backward()\nopt:step()\nprint(w)")) { call, optimizer in
            try optimizer.step()
            return 0
        }
        luaClass.declare("apply_gradients", LuaSignature(
            parameters: [LuaParameter("gradients", .list(.tensor), "one gradient per parameter"),
                         LuaParameter("parameters", .list(.tensor), default: "opt.parameters", "the tensors the gradients belong to")],
            summary: "Keras' update from gradients computed elsewhere (`autograd.grad`), one per parameter, in the order of opt.parameters or of `parameters`.",
            example: "local w = tensor.ones{2}:requires_grad_()\nlocal opt = optim.sgd({w}, {learning_rate = 0.5})\nopt:apply_gradients({tensor{1, 2}})\nprint(w)")) { call, optimizer in
            let gradients = try call.tensors(2)
            let parameters = call.isMissing(3) ? optimizer.parameters : try call.tensors(3)
            guard gradients.count == parameters.count else {
                throw call.invalid(2, "has \(gradients.count) gradients for \(parameters.count) parameters")
            }
            try optimizer.apply(Array(zip(gradients, parameters)))
            return 0
        }
        luaClass.metamethod("__tostring") { call in
            let optimizer = try call.object(1, luaClass)
            return call.push(describe(optimizer))
        }
        luaClass.index { call, optimizer in
            guard let key = String.read(call.state, 2) else { return call.pushNil() }
            switch key {
            case "learning_rate", "lr": return call.push(optimizer.learningRate)
            case "iterations": return call.push(optimizer.iterations)
            case "name": return call.push(optimizer.name)
            case "clipnorm": return call.push(optimizer.clipnorm)
            case "clipvalue": return call.push(optimizer.clipvalue)
            case "global_clipnorm": return call.push(optimizer.globalClipnorm)
            case "weight_decay": return call.push(optimizer.weightDecay)
            case "parameters": return call.push(list: optimizer.parameters)
            default: return call.pushNil()
            }
        }
        luaClass.newIndex { call, optimizer in
            guard let key = String.read(call.state, 2) else {
                throw LuaError.message("Optimizer: cannot set a field named by a \(call.type(2).name)")
            }
            switch key {
            case "learning_rate", "lr": try setLearningRate(call, optimizer)
            default:
                throw LuaError.message("Optimizer: cannot set the field '\(key)' (only 'learning_rate' can be set)")
            }
            return 0
        }
        return luaClass
    }()

    /// `opt.learning_rate = 0.01` or `= optim.schedules.ExponentialDecay{...}`.
    private static func setLearningRate(_ call: LuaCall, _ optimizer: Optimizer) throws {
        if let schedule = try? call.object(3, ScheduleLua.luaClass) {
            optimizer.setSchedule(schedule.schedule)
            return
        }
        guard let rate = Double.read(call.state, 3) else {
            throw LuaError.message("Optimizer: learning_rate must be set to a number or a schedule, got \(call.type(3).name)")
        }
        guard rate.isFinite, rate >= 0 else {
            throw LuaError.message("Optimizer: learning_rate must be a finite number ≥ 0, got \(rate)")
        }
        optimizer.learningRate = rate
    }

    /// `Optimizer(adam, learning_rate = 0.001, iterations = 0, 2 parameters)`.
    static func describe(_ optimizer: Optimizer) -> String {
        var text = "Optimizer(\(optimizer.name), learning_rate = \(optimizer.learningRate)"
        if let schedule = optimizer.schedule { text += " (\(schedule.className))" }
        let count = optimizer.parameters.count
        text += ", iterations = \(optimizer.iterations), \(count) parameter\(count == 1 ? "" : "s"))"
        return text
    }
}
