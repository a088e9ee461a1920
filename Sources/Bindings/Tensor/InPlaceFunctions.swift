import LuaHost
import Tensors

/// Updates that write the tensor's own elements (and so those of every view sharing them) and return it.
/// The library refuses them on tensors that autograd is recording, except inside no_grad.
enum InPlaceFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        .method("add_") { call, t in
            let alpha = try call.argument(3, default: 1.0)
            _ = try call.operand(2).apply(tensor: { try t.add_($0, alpha: alpha) }, number: { try t.add_($0 * alpha) })
            return call.push(t)
        },
        update("sub_", tensor: { try $0.sub_($1) }, number: { try $0.sub_($1) }),
        update("mul_", tensor: { try $0.mul_($1) }, number: { try $0.mul_($1) }),
        update("div_", tensor: { try $0.div_($1) }, number: { try $0.div_($1) }),
        .method("fill_") { call, t in call.push(try t.fill_(fillValue(call, 2, for: t.dtype))) },
        .method("zero_") { call, t in call.push(try t.zero_()) },
        .method("copy_") { call, t in call.push(try t.copy_(call.tensor(2))) },
        .method("clamp_") { call, t in
            call.push(try t.clamp_(min: call.optionalArgument(2, as: Double.self), max: call.optionalArgument(3, as: Double.self)))
        },
        .method("addcmul_") { call, t in call.push(try t.addcmul_(call.tensor(2), call.tensor(3), value: call.argument(4, default: 1.0))) },
        .method("addcdiv_") { call, t in call.push(try t.addcdiv_(call.tensor(2), call.tensor(3), value: call.argument(4, default: 1.0))) },
        .method("lerp_") { call, t in call.push(try t.lerp_(call.tensor(2), weight: call.argument(3))) },
        .method("masked_fill_") { call, t in call.push(try t.maskedFill_(call.tensor(2), value: call.argument(3))) },
        .method("masked_scatter_") { call, t in call.push(try t.maskedScatter_(call.tensor(2), source: call.tensor(3))) },
        .method("index_add_") { call, t in
            call.push(try t.indexAdd_(call.dimension(2), index: call.positions(3), source: call.tensor(4)))
        },
    ]

    private static func update(_ name: String, tensor: @escaping (Tensor, Tensor) throws -> Tensor,
                               number: @escaping (Tensor, Double) throws -> Tensor) -> TensorFunction {
        .method(name) { call, t in
            _ = try call.operand(2).apply(tensor: { try tensor(t, $0) }, number: { try number(t, $0) })
            return call.push(t)
        }
    }
}
