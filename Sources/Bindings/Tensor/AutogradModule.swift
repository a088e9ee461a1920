import LuaHost
import Tensors

/// The `autograd` module (gradients of chosen tensors, switching recording off and on, checking
/// gradients) and the tensor methods that drive autograd (`backward`, `requires_grad_`).
enum AutogradFunctions {
    static let summary = """
        Define-by-run automatic differentiation of tensor operations, as PyTorch's: mark float32 leaves with \
        x.requires_grad = true (or x:requires_grad_()), compute, then loss:backward() adds d loss / d leaf to \
        each leaf's .grad, or autograd.grad(outputs, inputs) returns the gradients of chosen tensors (leaves or \
        intermediate ones, as for Grad-CAM) without touching .grad. autograd.no_grad(fn, ...) runs fn without \
        recording (evaluation, manual updates); autograd.gradcheck compares gradients with finite differences.
        """

    nonisolated(unsafe) static let methods: [TensorFunction] = [
        // t:backward(), t:backward(grad), t:backward(grad, options) or t:backward(options).
        .method("backward", "Computes the gradient of t with respect to every leaf that requires grad and adds it to the leaf's .grad. A loss (one element) needs no `gradient`; other tensors need one of their shape. The options table may follow t directly.",
                [LuaParameter("gradient", .tensor, default: "1 for a one-element t", "d (something) / d t, of t's shape")],
                options: [LuaOption("retain_graph", .boolean, default: .boolean(false), "keep the graph for another backward pass through it"),
                          LuaOption("create_graph", .boolean, default: .boolean(false), "record the backward pass itself, for second derivatives")],
                returns: "nothing",
                example: "local x = tensor{1, 2, 3}:requires_grad_()\nlocal loss = (x * x):sum()\nloss:backward()\nprint(x.grad)") { call, t in
            let optionsIndex: Int32 = call.type(2) == .table ? 2 : 3
            let gradient = optionsIndex == 3 && !call.isMissing(2) ? try call.tensor(2) : nil
            let options = try call.options(optionsIndex)
            let retainGraph: Bool = try options.value("retain_graph")
            let createGraph: Bool = try options.value("create_graph")
            try options.rejectUnknown()
            try t.backward(gradient: gradient, retainGraph: retainGraph, createGraph: createGraph)
            return 0
        },
        .method("requires_grad_", "Marks a float32 leaf as requiring grad (or not, with false), in place; returns t.",
                [LuaParameter("requires_grad", .boolean, default: "true", "the new setting")],
                example: "local w = tensor.zeros(2):requires_grad_()\nprint(w.requires_grad, w.is_leaf)") { call, t in
            call.push(try t.setRequiresGrad(call.argument(2, default: true)))
        },
    ]

    static func register(in host: LuaHost) {
        host.register(module: "autograd", summary: summary) { module in
            module.value("help", summary)
            module.declare("grad", gradSignature, grad)
            module.declare("no_grad", noGradSignature(module: "autograd"), running(gradientsEnabled: false))
            module.declare("enable_grad", LuaSignature(
                parameters: [LuaParameter("fn", .function, "the function to run"), LuaParameter("...", .any, default: "none", "its arguments")],
                returns: "fn's results",
                summary: "Runs fn(...) with recording switched on, inside a no_grad; the previous mode comes back afterwards, also after an error.",
                example: "autograd.no_grad(function()\n  print(autograd.enable_grad(autograd.is_grad_enabled))\nend)"), running(gradientsEnabled: true))
            module.declare("is_grad_enabled", LuaSignature(
                returns: "a boolean", summary: "False inside no_grad: operations then record nothing.",
                example: "print(autograd.is_grad_enabled(), autograd.no_grad(autograd.is_grad_enabled))")) { call in
                call.push(Autograd.isGradEnabled)
            }
            module.declare("gradcheck", GradientCheckBinding.signature, GradientCheckBinding.check)
        }
    }

    nonisolated(unsafe) private static let gradSignature = LuaSignature(
        parameters: [LuaParameter("outputs", .oneOf([.tensor, .list(.tensor)]), "what to differentiate"),
                     LuaParameter("inputs", .oneOf([.tensor, .list(.tensor)]), "tensors that require grad: leaves or intermediate results")],
        options: [LuaOption("grad_outputs", .oneOf([.tensor, .list(.tensor)]), "weights of the outputs, one per output of its shape (one-element outputs may omit theirs)"),
                  LuaOption("retain_graph", .boolean, default: .described("create_graph"), "keep the graph for another pass"),
                  LuaOption("create_graph", .boolean, default: .boolean(false), "record the computation of the gradients, for second derivatives"),
                  LuaOption("allow_unused", .boolean, default: .boolean(false), "give nil for an input the outputs do not depend on, instead of an error")],
        returns: "a Tensor, or a list of them when inputs is a list",
        summary: "The gradients of the outputs with respect to the inputs, as torch.autograd.grad; the inputs' .grad is left alone. Inputs may be intermediate tensors (a convolution's activation, for Grad-CAM).",
        example: "local x = tensor{1, 2}:requires_grad_()\nlocal h = x * 3\nlocal y = (h * h):sum()\nprint(autograd.grad(y, h))")

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
        let createGraph: Bool = try options.value("create_graph")
        let allowUnused: Bool = try options.value("allow_unused")
        try options.rejectUnknown()
        let grads = try Autograd.grad(outputs: outputs, inputs: inputs, gradOutputs: gradOutputs, retainGraph: retainGraph,
                                      createGraph: createGraph, allowUnused: allowUnused)
        if single { return grads[0].map { call.push($0) } ?? call.pushNil() }
        return call.push(list: grads)
    }

    /// `module.no_grad`: the same function in the tensor and autograd modules.
    static func noGradSignature(module: String) -> LuaSignature {
        LuaSignature(parameters: [LuaParameter("fn", .function, "the function to run"), LuaParameter("...", .any, default: "none", "its arguments")],
                     returns: "fn's results",
                     summary: "Runs fn(...) without recording operations (evaluation, manual parameter updates) and returns its results; the previous mode comes back afterwards, also after an error.",
                     example: "local w = tensor{1, 2}:requires_grad_()\nlocal y = \(module).no_grad(function(a) return a * 2 end, w)\nprint(y.requires_grad)")
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
