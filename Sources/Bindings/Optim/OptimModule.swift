import LuaHost
import NN
import Tensors

// The Lua module `optim`: Keras' optimizers, for `compile` or for a custom training loop.
//
//   model:compile{optimizer = optim.Adam{learning_rate = 1e-3}, loss = 'mse'}
//
//   local opt = optim.sgd(model:parameters(), {learning_rate = 0.1, momentum = 0.9})
//   for step = 1, 100 do
//     opt:zero_grad()
//     local loss = nn.losses.mse(y, model(x))
//     loss:backward()
//     opt:step()
//   end
//
// Each optimizer has two constructors: Keras' class name (`optim.Adam{...}`, or `optim.Adam(0.01)`
// with the learning rate alone) for compile, and the lower-case name with the parameters first
// (`optim.adam(params, {...})`, params a list of tensors with requires_grad, or one tensor). Options
// keep Keras' names and defaults: learning_rate (a number or an `optim.schedules` schedule; `lr` is
// accepted too), weight_decay, clipnorm, clipvalue, global_clipnorm, and each optimizer's own.

/// Registers the `optim` module and its classes `Optimizer` and `LearningRateSchedule`.
func registerOptimModule(in host: LuaHost) {
    host.install(OptimizerLua.luaClass)
    host.install(ScheduleLua.luaClass)
    host.register(module: "optim") { module in
        for kind in OptimizerKind.all {
            module.function(kind.className) { call in
                let (rate, optionsIndex): (LearningRate?, Int32) = call.type(1) == .number ? (.constant(try call.argument(1)), 2) : (nil, 1)
                let options = try call.options(optionsIndex)
                return call.push(try kind.make(options, rate: rate, parameters: [], caller: call.name), OptimizerLua.luaClass)
            }
            module.function(kind.name) { call in
                let parameters = try trainableTensors(call, 1)
                let options = try call.options(2)
                return call.push(try kind.make(options, rate: nil, parameters: parameters, caller: call.name), OptimizerLua.luaClass)
            }
        }
        module.table("schedules", declareSchedules)
    }
}

/// A constant rate or a schedule.
private enum LearningRate {
    case constant(Double)
    case schedule(LearningRateSchedule)
}

/// One optimizer: its Keras class name, its lower-case name and how it is built from options.
private struct OptimizerKind {
    let className: String
    let name: String
    let defaultRate: Double
    /// Builds it from its own options, given the initial learning rate and the parameters.
    let build: (LuaOptions, Double, [Tensor]) throws -> Optimizer

    static var all: [OptimizerKind] { [
        OptimizerKind(className: "SGD", name: "sgd", defaultRate: 0.01) { options, rate, parameters in
            try SGD(learningRate: rate, momentum: options.value("momentum", default: 0.0),
                    nesterov: options.value("nesterov", default: false), parameters: parameters)
        },
        OptimizerKind(className: "Adam", name: "adam", defaultRate: 0.001) { options, rate, parameters in
            try Adam(learningRate: rate, beta1: options.value("beta_1", default: 0.9), beta2: options.value("beta_2", default: 0.999),
                     epsilon: options.value("epsilon", default: 1e-7), amsgrad: options.value("amsgrad", default: false),
                     parameters: parameters)
        },
        OptimizerKind(className: "AdamW", name: "adamw", defaultRate: 0.001) { options, rate, parameters in
            try AdamW(learningRate: rate, weightDecay: options.value("weight_decay", default: 0.004),
                      beta1: options.value("beta_1", default: 0.9), beta2: options.value("beta_2", default: 0.999),
                      epsilon: options.value("epsilon", default: 1e-7), amsgrad: options.value("amsgrad", default: false),
                      parameters: parameters)
        },
        OptimizerKind(className: "RMSprop", name: "rmsprop", defaultRate: 0.001) { options, rate, parameters in
            try RMSprop(learningRate: rate, rho: options.value("rho", default: 0.9), momentum: options.value("momentum", default: 0.0),
                        epsilon: options.value("epsilon", default: 1e-7), centered: options.value("centered", default: false),
                        parameters: parameters)
        },
        OptimizerKind(className: "Adagrad", name: "adagrad", defaultRate: 0.001) { options, rate, parameters in
            try Adagrad(learningRate: rate, initialAccumulatorValue: options.value("initial_accumulator_value", default: 0.1),
                        epsilon: options.value("epsilon", default: 1e-7), parameters: parameters)
        },
    ] }

    /// The optimizer with the common options (learning rate, weight decay, clipping) and its own.
    func make(_ options: LuaOptions, rate given: LearningRate?, parameters: [Tensor], caller: String) throws -> Optimizer {
        let option = try options.learningRate(caller: caller)
        if given != nil, option != nil { throw LuaError.message("\(caller): the learning rate is given twice (argument #1 and an option)") }
        let rate = given ?? option ?? .constant(defaultRate)
        let optimizer: Optimizer
        switch rate {
        case .constant(let value): optimizer = try build(options, value, parameters)
        case .schedule(let schedule):
            optimizer = try build(options, schedule.learningRate(atStep: 0), parameters)
            optimizer.setSchedule(schedule)
        }
        if name != "adamw", let decay: Double = try options.optional("weight_decay") {
            guard decay >= 0 else { throw LuaError.message("\(caller): option 'weight_decay' must not be negative, got \(decay)") }
            optimizer.weightDecay = decay
        }
        try optimizer.setClipping(clipnorm: options.optional("clipnorm"), clipvalue: options.optional("clipvalue"),
                                  globalClipnorm: options.optional("global_clipnorm"))
        try options.rejectUnknown()
        return optimizer
    }
}

private extension LuaOptions {
    /// `learning_rate` (or PyTorch's `lr`): a number or a schedule; nil when neither is given.
    func learningRate(caller: String) throws -> LearningRate? {
        let rates = try ["learning_rate", "lr"].compactMap { key in
            try with(key) { element -> LearningRate? in
                if element.isMissing { return nil }
                if let schedule = try? element.object(ScheduleLua.luaClass) { return .schedule(schedule.schedule) }
                guard element.type == .number else { throw element.mismatch(expected: "a number or a schedule (optim.schedules...)") }
                return .constant(try element.value())
            }
        }
        guard rates.count <= 1 else { throw LuaError.message("\(caller): give 'learning_rate' or 'lr', not both") }
        return rates.first
    }
}

/// A list of tensors to optimize (or one tensor): leaves with requires_grad, as `backward` fills
/// only their `grad`.
private func trainableTensors(_ call: LuaCall, _ index: Int32) throws -> [Tensor] {
    let (tensors, single) = try call.tensorOrList(index)
    guard !tensors.isEmpty else {
        throw call.invalid(index, "is an empty list: there is nothing to optimize (is the model built? call it once, or give nn.Input)")
    }
    for (k, tensor) in tensors.enumerated() {
        let which = single ? "the tensor" : "element \(k + 1)"
        guard tensor.requiresGrad else {
            throw call.invalid(index, "\(which) does not require grad (set t.requires_grad = true, or pass model:parameters())")
        }
        guard tensor.isLeaf else {
            throw call.invalid(index, "\(which) is computed from other tensors; optimizers update leaf tensors (made directly, with requires_grad)")
        }
        guard tensor.dtype == .float32 else {
            throw call.invalid(index, "\(which) is a \(tensor.dtype) tensor; optimizers update float32 tensors")
        }
    }
    return tensors
}
