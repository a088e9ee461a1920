import LuaHost
import NN
import Tensors

/// `nn.activations.<name>(x [, options])`: Keras' activations (relu, sigmoid, softmax, gelu...), each
/// differentiable.
func declareActivations(in table: LuaModule) {
    for activation in Activation.allCases {
        table.declare(activation.rawValue, LuaSignature(
            parameters: [LuaParameter("x", .tensor, "the input")], options: options(of: activation), returns: "a tensor",
            summary: "Keras' `\(activation.rawValue)` activation, elementwise\(activation == .softmax || activation == .logSoftmax ? " over an axis" : ""), differentiable.",
            example: """
                print(nn.activations.\(activation.rawValue)(tensor{-2, -0.5, 0, 1.5}))
                """)) { call in
            let x = try call.tensor(1)
            let options = try call.options(2)
            let result: Tensor
            switch activation {
            case .softmax, .logSoftmax:
                let axis: Int = try options.value("axis")
                try options.rejectUnknown()
                guard let zeroBasedAxis = zeroBased(axis) else {
                    throw LuaError.message("\(call.name): option 'axis' is axis 0, which does not exist: axes count from 1 (-1 is the last)")
                }
                result = activation == .softmax ? try Functional.softmax(x, axis: zeroBasedAxis) : try x.logSoftmax(zeroBasedAxis)
            case .leakyRelu:
                let slope: Double = try options.value("negative_slope")
                try options.rejectUnknown()
                result = try Functional.leakyRelu(x, negativeSlope: slope)
            case .elu:
                let alpha: Double = try options.value("alpha")
                try options.rejectUnknown()
                result = try x.elu(alpha: alpha)
            default:
                try options.rejectUnknown()
                result = try Functional.activate(x, activation)
            }
            return call.push(result)
        }
    }
}

/// The options of the activations that take any (Keras' defaults, as `Functional` states them).
private func options(of activation: Activation) -> [LuaOption]? {
    switch activation {
    case .softmax, .logSoftmax: return [LuaOption("axis", .integer, default: .integer(-1), "the axis it normalizes over (1 is the first, -1 the last)")]
    case .leakyRelu: return [LuaOption("negative_slope", .number, default: .number(0.2), "the slope below 0")]
    case .elu: return [LuaOption("alpha", .number, default: .number(1), "the limit below 0 is -alpha")]
    default: return nil
    }
}
