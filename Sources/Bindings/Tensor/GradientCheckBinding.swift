import LuaHost
import Tensors

/// `autograd.gradcheck(f, inputs, options)`: the library's finite-difference check (`Autograd.gradcheck`)
/// for a Lua function, answering with a boolean and the worst element in Lua's terms (positions from 1).
enum GradientCheckBinding {
    private static let defaults = GradientCheckOptions()

    nonisolated(unsafe) static let signature = LuaSignature(
        parameters: [LuaParameter("f", .function, "called as f(input1, input2, ...); returns a tensor (or several)"),
                     LuaParameter("inputs", .oneOf([.tensor, .list(.tensor)]), "the tensors to pass; those with requires_grad are checked, the others are constants")],
        options: [LuaOption("eps", .number, default: .number(defaults.epsilon), "the step of the central differences"),
                  LuaOption("atol", .number, default: .number(defaults.absoluteTolerance), "the absolute tolerance"),
                  LuaOption("rtol", .number, default: .number(defaults.relativeTolerance), "the tolerance relative to the numeric derivative"),
                  LuaOption("record_graph", .boolean, default: .boolean(defaults.recordWhileEvaluating),
                            "record while evaluating f for the differences: needed when f itself calls autograd.grad (second derivatives)")],
        returns: "a boolean, and a table: checked, failures, and the worst element's input, position, analytic, numeric, error and allowed",
        summary: "Checks the gradients autograd gives for f against central finite differences, as torch.autograd.gradcheck and Torch7's nn.Jacobian. It compares the gradient of a fixed random weighting of f's outputs with respect to each element of each input that requires grad; an element passes when |analytic − numeric| ≤ atol + rtol·|numeric|. The defaults suit float32. The inputs are changed in place while it runs and restored; their .grad is left alone.",
        example: """
            local x = tensor{{0.5, -1}, {2, 0.25}}:requires_grad_()
            local ok, worst = autograd.gradcheck(function(a) return (a * a):sigmoid() end, x)
            print(ok, worst.checked, worst.failures)
            """)

    static func check(_ call: LuaCall) throws -> Int32 {
        let function = try call.function(1)
        let inputs = try call.tensorOrList(2).tensors
        let options = try call.options(3)
        let settings = GradientCheckOptions(epsilon: try options.value("eps"), absoluteTolerance: try options.value("atol"),
                                            relativeTolerance: try options.value("rtol"),
                                            recordWhileEvaluating: try options.value("record_graph"))
        try options.rejectUnknown()
        let result = try Autograd.gradcheck(inputs, options: settings) { values -> [Tensor] in
            try function.call(arguments: { state in
                try call.reserveStack(values.count)
                for value in values { call.push(value) }
                return Int32(values.count)
            }, results: { _, first, count in
                guard count >= 1 else { throw LuaError.message("\(call.name): f must return a Tensor, got nothing") }
                return try (0..<count).map { k in
                    guard let output = try? call.tensor(first + k) else {
                        throw LuaError.message("\(call.name): f must return tensors, result \(k + 1) is a \(call.type(first + k).name)")
                    }
                    return output
                }
            })
        }
        var report = LuaRecord([("checked", result.checked), ("failures", result.failures)])
        if let worst = result.worst {
            report.set("input", worst.input + 1)
            report.set("position", worst.position.map { $0 + 1 })
            report.set("analytic", worst.analytic)
            report.set("numeric", worst.numeric)
            report.set("error", worst.error)
            report.set("allowed", worst.allowed)
        }
        return call.push(result.passed, report)
    }
}
