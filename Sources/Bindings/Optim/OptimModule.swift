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
    host.register(module: "optim", summary: """
        Keras' optimizers, for `model:compile{optimizer = ...}` or a custom training loop. Each has two \
        constructors: Keras' class name (`optim.Adam{learning_rate = 1e-3}`) for compile, and the lower-case \
        name with the parameters first (`optim.adam(model:parameters(), {...})`) for a loop that calls \
        `opt:zero_grad()`, `loss:backward()` and `opt:step()`.
        """) { module in
        for kind in OptimizerKind.all {
            module.declare(kind.className, classSignature(kind)) { call in
                let (rate, optionsIndex): (LearningRate?, Int32) = call.type(1) == .number ? (.constant(try call.argument(1)), 2) : (nil, 1)
                let options = try call.options(optionsIndex)
                return call.push(try make(kind, options, rate: rate, parameters: [], caller: call.name), OptimizerLua.luaClass)
            }
            module.declare(kind.name, loopSignature(kind)) { call in
                let parameters = try trainableTensors(call, 1)
                let options = try call.options(2)
                return call.push(try make(kind, options, rate: nil, parameters: parameters, caller: call.name), OptimizerLua.luaClass)
            }
        }
        module.table("schedules", summary: "Keras' learning-rate schedules: give one as an optimizer's `learning_rate`.", declareSchedules)
    }
}

/// A constant rate or a schedule.
private enum LearningRate {
    case constant(Double)
    case schedule(LearningRateSchedule)
}

/// `optim.Adam([learning_rate], [options])`.
private func classSignature(_ kind: OptimizerKind) -> LuaSignature {
    LuaSignature(parameters: [LuaParameter("learning_rate", .number, default: defaultText(kind.defaultLearningRate), "the learning rate (or give it as an option)")],
                 options: options(of: kind), returns: "an Optimizer",
                 summary: kind.summary + " Give it to `model:compile`; it takes the model's parameters there.",
                 example: """
                     local opt = optim.\(kind.className){learning_rate = 0.01}
                     print(opt)
                     """)
}

/// `optim.adam(parameters, [options])`.
private func loopSignature(_ kind: OptimizerKind) -> LuaSignature {
    LuaSignature(parameters: [LuaParameter("parameters", .oneOf([.tensor, .list(.tensor)]), "the tensors to update: leaves with requires_grad (model:parameters())")],
                 options: options(of: kind), returns: "an Optimizer",
                 summary: kind.summary + " For a custom training loop: `opt:zero_grad()`, `loss:backward()`, `opt:step()`.",
                 example: """
                     local w = tensor.randn{3}:requires_grad_()
                     local opt = optim.\(kind.name)({w}, {learning_rate = 0.1})
                     for step = 1, 20 do
                       opt:zero_grad()
                       local loss = (w * w):sum()
                       loss:backward()
                       opt:step()
                     end
                     print(opt.iterations, w:pow(2):sum():item() < 3 * 3)
                     """)
}

/// The options every optimizer takes, then its own.
private func options(of kind: OptimizerKind) -> [LuaOption] {
    let rate = LuaValueKind.described("a number or a schedule (optim.schedules...)")
    let common = [
        LuaOption("learning_rate", rate, default: .described(defaultText(kind.defaultLearningRate)), "a number or a schedule (optim.schedules)"),
        LuaOption("lr", rate, "PyTorch's name for learning_rate"),
        LuaOption("clipnorm", .number, "clip each gradient to this norm"),
        LuaOption("clipvalue", .number, "clip each gradient element to [-clipvalue, clipvalue]"),
        LuaOption("global_clipnorm", .number, "clip all gradients together to this norm"),
    ]
    let decay = kind.hyperparameters.contains { $0.key == "weight_decay" }
        ? [] : [LuaOption("weight_decay", .number, "decay applied to the weights each step (none by default)")]
    let own = kind.hyperparameters.map { parameter -> LuaOption in
        switch parameter.defaultValue {
        case .number(let value): return LuaOption(parameter.key, .number, default: .number(value), parameter.doc)
        case .flag(let value): return LuaOption(parameter.key, .boolean, default: .boolean(value), parameter.doc)
        }
    }
    return common + decay + own
}

private func defaultText(_ value: Double) -> String { LuaDefault.number(value).text ?? "" }

/// The optimizer with the common options (learning rate, weight decay, clipping) and its own.
private func make(_ kind: OptimizerKind, _ options: LuaOptions, rate given: LearningRate?, parameters: [Tensor], caller: String) throws -> Optimizer {
    let option = try options.learningRate(caller: caller)
    if given != nil, option != nil { throw LuaError.message("\(caller): the learning rate is given twice (argument #1 and an option)") }
    var values: [String: OptimizerKind.Hyperparameter.Value] = [:]
    for parameter in kind.hyperparameters {
        switch parameter.defaultValue {
        case .number: values[parameter.key] = .number(try options.value(parameter.key))
        case .flag: values[parameter.key] = .flag(try options.value(parameter.key))
        }
    }
    let optimizer: Optimizer
    switch given ?? option {
    case nil: optimizer = try kind.make(values, parameters: parameters)
    case .constant(let value)?: optimizer = try kind.make(learningRate: value, values, parameters: parameters)
    case .schedule(let schedule)?:
        optimizer = try kind.make(learningRate: schedule.learningRate(atStep: 0), values, parameters: parameters)
        optimizer.setSchedule(schedule)
    }
    if !kind.hyperparameters.contains(where: { $0.key == "weight_decay" }), let decay: Double = try options.optional("weight_decay") {
        guard decay >= 0 else { throw LuaError.message("\(caller): option 'weight_decay' must not be negative, got \(decay)") }
        optimizer.weightDecay = decay
    }
    try optimizer.setClipping(clipnorm: options.optional("clipnorm"), clipvalue: options.optional("clipvalue"),
                              globalClipnorm: options.optional("global_clipnorm"))
    try options.rejectUnknown()
    return optimizer
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
