import LuaHost
import NN
import Tensors

/// `nn.activations.<name>(x [, options])`: Keras' activations (relu, sigmoid, softmax, gelu...), each
/// differentiable. softmax and log_softmax take `axis` (default -1, the last; counted from 1),
/// leaky_relu `negative_slope` (default 0.2), elu `alpha` (default 1).
func declareActivations(in table: LuaModule) {
    for activation in Activation.allCases {
        table.function(activation.rawValue) { call in
            let x = try call.tensor(1)
            let options = try call.options(2)
            let result: Tensor
            switch activation {
            case .softmax, .logSoftmax:
                let axis = try options.axis(default: -1)
                try options.rejectUnknown()
                result = activation == .softmax ? try Functional.softmax(x, axis: axis) : try x.logSoftmax(axis)
            case .leakyRelu:
                let slope = try options.value("negative_slope", default: 0.2)
                try options.rejectUnknown()
                result = try Functional.leakyRelu(x, negativeSlope: slope)
            case .elu:
                let alpha = try options.value("alpha", default: 1.0)
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

private extension LuaOptions {
    /// An `axis` option counted as Lua counts dimensions (1 is the first, -1 the last), 0-based for the
    /// library.
    func axis(_ key: String = "axis", default defaultAxis: Int) throws -> Int {
        try with(key) { element in
            if element.isMissing { return defaultAxis }
            let axis: Int = try element.value()
            guard let zeroBasedAxis = zeroBased(axis) else {
                throw element.invalid("is axis 0, which does not exist: axes count from 1 (-1 is the last)")
            }
            return zeroBasedAxis
        }
    }
}
