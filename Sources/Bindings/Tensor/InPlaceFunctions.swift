import LuaHost
import Tensors

/// Updates that write the tensor's own elements (and so those of every view sharing them) and return it.
/// The library refuses them on tensors that autograd is recording, except inside no_grad.
enum InPlaceFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        .method("add_", "Adds alpha·other to the elements in place (PyTorch's add_ with alpha) and returns t.",
                [.operand, LuaParameter("alpha", .number, default: "1", "the factor of other")], example: inPlaceExample("add_(tensor{1, 2}, 10)")) { call, t in
            let alpha = try call.argument(3, default: 1.0)
            _ = try call.operand(2).apply(tensor: { try t.add_($0, alpha: alpha) }, number: { try t.add_($0 * alpha) })
            return call.push(t)
        },
        update("sub_", "Subtracts other from the elements in place", tensor: { try $0.sub_($1) }, number: { try $0.sub_($1) }),
        update("mul_", "Multiplies the elements by other in place", tensor: { try $0.mul_($1) }, number: { try $0.mul_($1) }),
        update("div_", "Divides the elements by other in place", tensor: { try $0.div_($1) }, number: { try $0.div_($1) }),
        .method("fill_", "Sets every element to a number in place and returns t.", [LuaParameter("value", .number, "the value")],
                example: inPlaceExample("fill_(7)")) { call, t in call.push(try t.fill_(fillValue(call, 2, for: t.dtype))) },
        .method("zero_", "Sets every element to 0 in place and returns t.", example: inPlaceExample("zero_()")) { call, t in call.push(try t.zero_()) },
        .method("copy_", "Copies the elements of another tensor (broadcast to t's shape, converted to t's dtype) into t and returns t.",
                [LuaParameter("source", .tensor, "the tensor to copy")], example: inPlaceExample("copy_(tensor{5, 6})")) { call, t in
            call.push(try t.copy_(call.tensor(2)))
        },
        .method("clamp_", "Limits every element to [min, max] in place (either may be nil) and returns t.",
                [LuaParameter("min", .number, default: "no lower bound", "the lower bound"),
                 LuaParameter("max", .number, default: "no upper bound", "the upper bound")],
                example: inPlaceExample("clamp_(2, 3)")) { call, t in
            call.push(try t.clamp_(min: call.optionalArgument(2, as: Double.self), max: call.optionalArgument(3, as: Double.self)))
        },
        .method("addcmul_", "Adds value·a·b (elementwise) in place and returns t, as torch's addcmul_ (optimizer updates).",
                [LuaParameter("a", .tensor, "a tensor"), LuaParameter("b", .tensor, "a tensor"), LuaParameter("value", .number, default: "1", "the factor")],
                example: inPlaceExample("addcmul_(tensor{2, 2}, tensor{3, 4}, 0.5)")) { call, t in
            call.push(try t.addcmul_(call.tensor(2), call.tensor(3), value: call.argument(4, default: 1.0)))
        },
        .method("addcdiv_", "Adds value·a/b (elementwise) in place and returns t, as torch's addcdiv_ (optimizer updates).",
                [LuaParameter("a", .tensor, "the numerator"), LuaParameter("b", .tensor, "the denominator"), LuaParameter("value", .number, default: "1", "the factor")],
                example: inPlaceExample("addcdiv_(tensor{3, 4}, tensor{2, 2}, 2)")) { call, t in
            call.push(try t.addcdiv_(call.tensor(2), call.tensor(3), value: call.argument(4, default: 1.0)))
        },
        .method("lerp_", "Moves the elements towards `target` by the fraction `weight` in place: t + weight·(target − t); returns t (moving averages).",
                [LuaParameter("target", .tensor, "where to move"), LuaParameter("weight", .number, "the fraction of the way")],
                example: inPlaceExample("lerp_(tensor{11, 12}, 0.5)")) { call, t in call.push(try t.lerp_(call.tensor(2), weight: call.argument(3))) },
        .method("masked_fill_", "Writes `value` where the bool mask (broadcast) is true, in place; returns t.",
                [LuaParameter("mask", .tensor, "a bool tensor"), LuaParameter("value", .number, "the value written")],
                example: inPlaceExample("masked_fill_(tensor{true, false}, 0)")) { call, t in
            call.push(try t.maskedFill_(call.tensor(2), value: call.argument(3)))
        },
        .method("masked_scatter_", "Writes the elements of `source`, in order, where the bool mask (broadcast) is true, in place; returns t.",
                [LuaParameter("mask", .tensor, "a bool tensor"), LuaParameter("source", .tensor, "at least as many elements as the mask has true ones")],
                example: inPlaceExample("masked_scatter_(tensor{false, true}, tensor{9})")) { call, t in
            call.push(try t.maskedScatter_(call.tensor(2), source: call.tensor(3)))
        },
        .method("index_add_", "Adds the slices of `source` at the given positions along a dimension, in place (repeated positions add up); returns t.",
                [.dim(), LuaParameter("index", .tensor, "a 1-D int64 tensor of positions (counting from 1)"), LuaParameter("source", .tensor, "one slice per position")],
                example: inPlaceExample("index_add_(1, tensor({2, 2}, {dtype = 'int64'}), tensor{1, 1})")) { call, t in
            call.push(try t.indexAdd_(call.dimension(2), index: call.positions(3), source: call.tensor(4)))
        },
    ]

    private static func update(_ name: String, _ what: String, tensor: @escaping (Tensor, Tensor) throws -> Tensor,
                               number: @escaping (Tensor, Double) throws -> Tensor) -> TensorFunction {
        .method(name, "\(what) (a tensor, broadcast, or a number) and returns t.", [.operand], example: inPlaceExample("\(name)(2)")) { call, t in
            _ = try call.operand(2).apply(tensor: { try tensor(t, $0) }, number: { try number(t, $0) })
            return call.push(t)
        }
    }

    /// An example that applies `update` to a small vector and prints it.
    private static func inPlaceExample(_ update: String) -> String {
        "local t = tensor{1, 2}\nt:\(update)\nprint(t)"
    }
}
