import LuaHost
import Tensors

/// Elementwise functions, activations, and the lane-wise softmax family.
enum MathFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        .map("neg") { try $0.neg() },
        .map("abs") { try $0.abs() },
        .map("sign") { try $0.sign() },
        .map("exp") { try $0.exp() },
        .map("log") { try $0.log() },
        .map("log1p") { try $0.log1p() },
        .map("sqrt") { try $0.sqrt() },
        .map("rsqrt") { try $0.rsqrt() },
        .map("sin") { try $0.sin() },
        .map("cos") { try $0.cos() },
        .map("tanh") { try $0.tanh() },
        .map("sigmoid") { try $0.sigmoid() },
        .map("relu") { try $0.relu() },
        .map("floor") { try $0.floor() },
        .map("ceil") { try $0.ceil() },
        .map("round") { try $0.round() },
        TensorFunction("elu") { call, t in call.push(try t.elu(alpha: call.argument(2, default: 1.0))) },
        // PyTorch's default slope; Keras' LeakyReLU layer (0.3) is the nn module's business.
        TensorFunction("leaky_relu") { call, t in call.push(try t.leakyRelu(slope: call.argument(2, default: 0.01))) },
        TensorFunction("softplus") { call, t in
            call.push(try t.softplus(beta: call.argument(2, default: 1.0), threshold: call.argument(3, default: 20.0)))
        },
        TensorFunction("clamp") { call, t in
            call.push(try t.clamp(min: call.optionalArgument(2, as: Double.self), max: call.optionalArgument(3, as: Double.self)))
        },
        TensorFunction("softmax") { call, t in call.push(try t.softmax(call.dimension(2))) },
        TensorFunction("log_softmax") { call, t in call.push(try t.logSoftmax(call.dimension(2))) },
        TensorFunction("cumsum") { call, t in call.push(try t.cumsum(call.dimension(2))) },
    ]
}
