import LuaHost
import Tensors

/// Elementwise arithmetic and comparisons with a tensor or a number on the right, and Lua's arithmetic
/// operators, where the tensor may be on either side (`2 * t`, `1 - t`).
enum ArithmeticFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        binary("add", "Elementwise sum, broadcasting as NumPy; an integer keeps an integer tensor integer. The operator `+`.",
               example: "print(tensor{1, 2, 3}:add(10))", add),
        binary("sub", "Elementwise difference, broadcasting as NumPy. The operator `-`.", example: "print(tensor{5, 7}:sub(tensor{1, 2}))", sub),
        binary("mul", "Elementwise product, broadcasting as NumPy. The operator `*` (matmul is the matrix product).",
               example: "print(tensor{{1, 2}, {3, 4}}:mul(tensor{10, 100}))", mul),
        binary("div", "Elementwise quotient, broadcasting as NumPy; gives float32. The operator `/`.", example: "print(tensor{1, 2}:div(4))", div),
        binary("pow", "Elementwise power, broadcasting as NumPy. The operator `^`.", example: "print(tensor{1, 2, 3}:pow(2))", pow),
        binary("remainder", "Elementwise remainder with the sign of the divisor, as Lua's `%` and torch.remainder. The operator `%`.",
               example: "print(tensor{-3, 5}:remainder(4))", remainder),
        binary("maximum", "Elementwise larger of two tensors (or of a tensor and a number).", example: "print(tensor{1, 5}:maximum(tensor{3, 2}))", maximum),
        binary("minimum", "Elementwise smaller of two tensors (or of a tensor and a number).", example: "print(tensor{1, 5}:minimum(3))", minimum),
        comparison("eq", "equal to") { a, b in try b.apply(tensor: a.eq, number: a.eq) },
        comparison("ne", "not equal to") { a, b in try b.apply(tensor: a.ne, number: a.ne) },
        comparison("lt", "less than") { a, b in try b.apply(tensor: a.lt, number: a.lt) },
        comparison("le", "less than or equal to") { a, b in try b.apply(tensor: a.le, number: a.le) },
        comparison("gt", "greater than") { a, b in try b.apply(tensor: a.gt, number: a.gt) },
        comparison("ge", "greater than or equal to") { a, b in try b.apply(tensor: a.ge, number: a.ge) },
        logical("logical_and", "and") { try $0.logicalAnd($1) },
        logical("logical_or", "or") { try $0.logicalOr($1) },
        logical("logical_xor", "exclusive or") { try $0.logicalXor($1) },
        .map("logical_not", "Elementwise not: a bool tensor, true where the element is false or 0.",
             example: "print(tensor{true, false}:logical_not())") { try $0.logicalNot() },
        // Booleans, not 0-dimensional tensors: a tensor would always be true in `if t:any() then`.
        TensorFunction("any", "True when any element is true (non-zero): a Lua boolean, so `if t:any() then` works.",
                       returns: "a boolean", example: "print(tensor{0, 0, 3}:any())") { call, t in call.push(try t.any()) },
        TensorFunction("all", "True when every element is true (non-zero): a Lua boolean.",
                       returns: "a boolean", example: "print(tensor{1, 2, 0}:all())") { call, t in call.push(try t.all()) },
        TensorFunction("allclose", "True when both tensors have the same shape and every pair of elements is within `tolerance`, absolute or relative to the larger magnitude.",
                       [.other, LuaParameter("tolerance", .number, default: "1e-5", "the allowed difference")],
                       returns: "a boolean", example: "print(tensor{1, 2}:allclose(tensor{1, 2.000001}))") { call, t in
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

    private static func binary(_ name: String, _ summary: String, example: String,
                               _ apply: @escaping (Tensor, TensorOperand) throws -> Tensor) -> TensorFunction {
        TensorFunction(name, summary, [.operand], example: example) { call, t in call.push(try apply(t, call.operand(2))) }
    }

    /// `==` stays identity in Lua and `<` cannot give a tensor, so comparisons are methods.
    private static func comparison(_ name: String, _ relation: String,
                                   _ apply: @escaping (Tensor, TensorOperand) throws -> Tensor) -> TensorFunction {
        binary(name, "Elementwise \(relation), broadcasting: a bool tensor (Lua's `==` compares identity and `<` cannot give a tensor).",
               example: "print(tensor{1, 2, 3}:\(name)(2))", apply)
    }

    private static func logical(_ name: String, _ relation: String, _ apply: @escaping (Tensor, Tensor) throws -> Tensor) -> TensorFunction {
        TensorFunction(name, "Elementwise logical \(relation) of two tensors (non-zero is true), broadcasting: a bool tensor.", [.other],
                       example: "print(tensor{true, true, false}:\(name)(tensor{true, false, false}))") { call, t in
            call.push(try apply(t, call.tensor(2)))
        }
    }
}
