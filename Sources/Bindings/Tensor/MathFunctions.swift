import LuaHost
import Tensors

/// Elementwise functions, activations, and the lane-wise softmax family.
enum MathFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        elementwise("neg", "negation −x; the unary operator `-`.") { try $0.neg() },
        elementwise("abs", "absolute value |x|.") { try $0.abs() },
        elementwise("sign", "sign: −1, 0 or 1.") { try $0.sign() },
        elementwise("exp", "exponential eˣ.") { try $0.exp() },
        elementwise("log", "natural logarithm (−inf at 0, nan below).", positive: true) { try $0.log() },
        elementwise("log1p", "log(1 + x), exact for small x.", positive: true) { try $0.log1p() },
        elementwise("sqrt", "square root.", positive: true) { try $0.sqrt() },
        elementwise("rsqrt", "reciprocal square root 1/√x.", positive: true) { try $0.rsqrt() },
        elementwise("sin", "sine (radians).") { try $0.sin() },
        elementwise("cos", "cosine (radians).") { try $0.cos() },
        elementwise("tanh", "hyperbolic tangent.") { try $0.tanh() },
        elementwise("sigmoid", "logistic sigmoid 1 / (1 + e⁻ˣ).") { try $0.sigmoid() },
        elementwise("relu", "rectified linear unit max(x, 0).") { try $0.relu() },
        elementwise("floor", "floor: the largest integer ≤ x (gradient 0).") { try $0.floor() },
        elementwise("ceil", "ceiling: the smallest integer ≥ x (gradient 0).") { try $0.ceil() },
        elementwise("round", "rounding to the nearest integer, halves to even as NumPy and PyTorch (gradient 0).") { try $0.round() },
        TensorFunction("elu", "Exponential linear unit: x for x > 0, alpha·(eˣ − 1) otherwise.",
                       [LuaParameter("alpha", .number, default: "1", "the value it approaches for large negative x (negated)")],
                       example: "print(tensor{-1, 0, 2}:elu())") { call, t in call.push(try t.elu(alpha: call.argument(2, default: 1.0))) },
        // PyTorch's default slope; Keras' LeakyReLU layer (0.3) is the nn module's business.
        TensorFunction("leaky_relu", "Leaky ReLU: x for x > 0, slope·x otherwise (PyTorch's default slope; nn.LeakyReLU has Keras' 0.3).",
                       [LuaParameter("slope", .number, default: "0.01", "the slope for negative x")],
                       example: "print(tensor{-2, 3}:leaky_relu(0.1))") { call, t in
            call.push(try t.leakyRelu(slope: call.argument(2, default: 0.01)))
        },
        TensorFunction("softplus", "Softplus log(1 + e^(beta·x)) / beta, linear above `threshold` (as PyTorch).",
                       [LuaParameter("beta", .number, default: "1", "the sharpness"),
                        LuaParameter("threshold", .number, default: "20", "beta·x above which it is x")],
                       example: "print(tensor{-1, 0, 1}:softplus())") { call, t in
            call.push(try t.softplus(beta: call.argument(2, default: 1.0), threshold: call.argument(3, default: 20.0)))
        },
        TensorFunction("clamp", "Each element limited to [min, max]; either bound may be nil.",
                       [LuaParameter("min", .number, default: "no lower bound", "the lower bound"),
                        LuaParameter("max", .number, default: "no upper bound", "the upper bound")],
                       example: "print(tensor{-2, 0.5, 3}:clamp(0, 1))") { call, t in
            call.push(try t.clamp(min: call.optionalArgument(2, as: Double.self), max: call.optionalArgument(3, as: Double.self)))
        },
        TensorFunction("softmax", "Softmax along a dimension: exponentials normalized to sum to 1.", [.dim()],
                       example: "print(tensor{{1, 2, 3}}:softmax(2))") { call, t in call.push(try t.softmax(call.dimension(2))) },
        TensorFunction("log_softmax", "Logarithm of the softmax along a dimension, computed stably.", [.dim()],
                       example: "print(tensor{{1, 2, 3}}:log_softmax(-1))") { call, t in call.push(try t.logSoftmax(call.dimension(2))) },
        TensorFunction("cumsum", "Running sums along a dimension.", [.dim()],
                       example: "print(tensor{{1, 2, 3}, {4, 5, 6}}:cumsum(2))") { call, t in call.push(try t.cumsum(call.dimension(2))) },
    ]

    /// A function of each element, differentiable where it is smooth.
    private static func elementwise(_ name: String, _ summary: String, positive: Bool = false,
                                    _ transform: @escaping (Tensor) throws -> Tensor) -> TensorFunction {
        .map(name, "Elementwise \(summary)", example: "print(tensor{\(positive ? "0.25, 1, 4" : "-1.5, 0, 2")}:\(name)())", transform)
    }
}
