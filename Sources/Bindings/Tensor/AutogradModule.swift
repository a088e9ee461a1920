import LuaHost
import Tensors

/// The `autograd` module (gradients of chosen tensors, switching recording off and on) and the tensor
/// methods that drive autograd (`backward`, `requires_grad_`).
enum AutogradFunctions {
    static let help = """
        autograd: define-by-run automatic differentiation of tensor operations.

          x.requires_grad = true (or x:requires_grad_())   marks a float32 leaf whose gradient is wanted
          loss:backward([grad], [{retain_graph=, create_graph=}])   adds d loss / d leaf to each leaf's .grad
          autograd.grad(outputs, inputs, [{grad_outputs=, retain_graph=, create_graph=, allow_unused=}])
              gradients w.r.t. leaves or intermediate tensors (Grad-CAM), a tensor or a list like `inputs`;
              an unused input gives nil with allow_unused = true
          autograd.no_grad(fn, ...)       runs fn(...) without recording (evaluation, manual updates)
          autograd.enable_grad(fn, ...)   runs fn(...) recording again inside no_grad
          autograd.is_grad_enabled()
        """

    nonisolated(unsafe) static let methods: [TensorFunction] = [
        // t:backward(), t:backward(grad), t:backward(grad, options) or t:backward(options).
        .method("backward") { call, t in
            let optionsIndex: Int32 = call.type(2) == .table ? 2 : 3
            let gradient = optionsIndex == 3 && !call.isMissing(2) ? try call.tensor(2) : nil
            let options = try call.options(optionsIndex)
            let retainGraph = try options.value("retain_graph", default: false)
            let createGraph = try options.value("create_graph", default: false)
            try options.rejectUnknown()
            try t.backward(gradient: gradient, retainGraph: retainGraph, createGraph: createGraph)
            return 0
        },
        .method("requires_grad_") { call, t in call.push(try t.setRequiresGrad(call.argument(2, default: true))) },
    ]

    static func register(in host: LuaHost) {
        host.register(module: "autograd") { module in
            module.value("help", help)
            module.function("grad", grad)
            module.function("no_grad", running(gradientsEnabled: false))
            module.function("enable_grad", running(gradientsEnabled: true))
            module.function("is_grad_enabled") { call in call.push(Autograd.isGradEnabled) }
        }
    }

    private static func grad(_ call: LuaCall) throws -> Int32 {
        let outputs = try call.tensorOrList(1).tensors
        let (inputs, single) = try call.tensorOrList(2)
        let options = try call.options(3)
        let gradOutputs: [Tensor?]? = try options.with("grad_outputs") { element in
            if element.isMissing { return nil }
            guard element.type == .table else { return [try element.object(TensorLua.luaClass)] }
            let list = try element.table(expected: "a Tensor or a list of tensors")
            return try (0..<max(list.count, outputs.count)).map { k in
                try list.withElement(k + 1) { $0.isMissing ? nil : try $0.object(TensorLua.luaClass) }
            }
        }
        let retainGraph = try options.optional("retain_graph", as: Bool.self)
        let createGraph = try options.value("create_graph", default: false)
        let allowUnused = try options.value("allow_unused", default: false)
        try options.rejectUnknown()
        let grads = try Autograd.grad(outputs: outputs, inputs: inputs, gradOutputs: gradOutputs, retainGraph: retainGraph,
                                      createGraph: createGraph, allowUnused: allowUnused)
        if single { return grads[0].map { call.push($0) } ?? call.pushNil() }
        return call.push(list: grads)
    }

    /// `no_grad(fn, ...)` / `enable_grad(fn, ...)`: calls fn with the arguments and returns its results;
    /// the previous mode comes back afterwards, also when fn raises an error.
    static func running(gradientsEnabled enabled: Bool) -> LuaFunctionBody {
        { call in
            let function = try call.function(1)
            let arguments = call.count < 2 ? [] : (2...call.count).map { call.reference($0) }
            let results = try Autograd.withGradients(enabled: enabled) {
                try function.call(arguments: { state in
                    try call.reserveStack(arguments.count)
                    for argument in arguments { argument.push(onto: state) }
                    return Int32(arguments.count)
                }, results: { _, first, count in
                    (0..<count).map { call.reference(first + $0) }
                })
            }
            return try call.push(all: results)
        }
    }
}
