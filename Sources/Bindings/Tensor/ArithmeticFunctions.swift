import LuaHost
import Tensors

/// Elementwise arithmetic and comparisons with a tensor or a number on the right, and Lua's arithmetic
/// operators, where the tensor may be on either side (`2 * t`, `1 - t`).
enum ArithmeticFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        binary("add", add), binary("sub", sub), binary("mul", mul), binary("div", div), binary("pow", pow),
        binary("remainder", remainder), binary("maximum", maximum), binary("minimum", minimum),
        binary("eq") { a, b in try b.apply(tensor: a.eq, number: a.eq) },
        binary("ne") { a, b in try b.apply(tensor: a.ne, number: a.ne) },
        binary("lt") { a, b in try b.apply(tensor: a.lt, number: a.lt) },
        binary("le") { a, b in try b.apply(tensor: a.le, number: a.le) },
        binary("gt") { a, b in try b.apply(tensor: a.gt, number: a.gt) },
        binary("ge") { a, b in try b.apply(tensor: a.ge, number: a.ge) },
        TensorFunction("logical_and") { call, t in call.push(try t.logicalAnd(call.tensor(2))) },
        TensorFunction("logical_or") { call, t in call.push(try t.logicalOr(call.tensor(2))) },
        TensorFunction("logical_xor") { call, t in call.push(try t.logicalXor(call.tensor(2))) },
        .map("logical_not") { try $0.logicalNot() },
        // Booleans, not 0-dimensional tensors: a tensor would always be true in `if t:any() then`.
        TensorFunction("any") { call, t in call.push(try t.any()) },
        TensorFunction("all") { call, t in call.push(try t.all()) },
        TensorFunction("allclose") { call, t in
            call.push(try t.allClose(call.tensor(2), tolerance: call.argument(3, default: 1e-5)))
        },
    ]

    static func add(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.add, integer: a.add, number: a.add) }
    static func sub(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.sub, integer: a.sub, number: a.sub) }
    static func mul(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.mul, integer: a.mul, number: a.mul) }
    static func div(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.div, number: a.div) }
    static func pow(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.pow, number: a.pow) }
    static func remainder(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.remainder, number: a.remainder) }
    static func maximum(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.maximum, number: a.maximum) }
    static func minimum(_ a: Tensor, _ b: TensorOperand) throws -> Tensor { try b.apply(tensor: a.minimum, number: a.minimum) }

    private static func binary(_ name: String, _ apply: @escaping (Tensor, TensorOperand) throws -> Tensor) -> TensorFunction {
        TensorFunction(name) { call, t in call.push(try apply(t, call.operand(2))) }
    }
}
