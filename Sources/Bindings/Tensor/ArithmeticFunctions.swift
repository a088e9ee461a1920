import LuaHost
import Tensors

/// Elementwise arithmetic and comparisons with a tensor or a number on the right, and Lua's arithmetic
/// operators, where the tensor may be on either side (`2 * t`, `1 - t`).
enum ArithmeticFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        binary("add", add), binary("sub", sub), binary("mul", mul), binary("div", div), binary("pow", pow),
        binary("remainder", remainder), binary("maximum", maximum), binary("minimum", minimum),
        comparison("eq", { try $0.eq($1) }, { try $0.eq($1) }),
        comparison("ne", { try $0.ne($1) }, { try $0.ne($1) }),
        comparison("lt", { try $0.lt($1) }, { try $0.lt($1) }),
        comparison("le", { try $0.le($1) }, { try $0.le($1) }),
        comparison("gt", { try $0.gt($1) }, { try $0.gt($1) }),
        comparison("ge", { try $0.ge($1) }, { try $0.ge($1) }),
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

    static func add(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.add(t)
        case .integer(let i): try a.add(i)
        case .number(let x): try a.add(x)
        }
    }

    static func sub(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.sub(t)
        case .integer(let i): try a.sub(i)
        case .number(let x): try a.sub(x)
        }
    }

    static func mul(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.mul(t)
        case .integer(let i): try a.mul(i)
        case .number(let x): try a.mul(x)
        }
    }

    static func div(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.div(t)
        case .integer(let i): try a.div(Double(i))
        case .number(let x): try a.div(x)
        }
    }

    static func pow(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.pow(t)
        case .integer(let i): try a.pow(Double(i))
        case .number(let x): try a.pow(x)
        }
    }

    static func remainder(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.remainder(t)
        case .integer(let i): try a.remainder(Double(i))
        case .number(let x): try a.remainder(x)
        }
    }

    static func maximum(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.maximum(t)
        case .integer(let i): try a.maximum(Double(i))
        case .number(let x): try a.maximum(x)
        }
    }

    static func minimum(_ a: Tensor, _ b: TensorOperand) throws -> Tensor {
        switch b {
        case .tensor(let t): try a.minimum(t)
        case .integer(let i): try a.minimum(Double(i))
        case .number(let x): try a.minimum(x)
        }
    }

    private static func binary(_ name: String, _ apply: @escaping (Tensor, TensorOperand) throws -> Tensor) -> TensorFunction {
        TensorFunction(name) { call, t in call.push(try apply(t, call.operand(2))) }
    }

    private static func comparison(_ name: String, _ withTensor: @escaping (Tensor, Tensor) throws -> Tensor,
                                   _ withNumber: @escaping (Tensor, Double) throws -> Tensor) -> TensorFunction {
        TensorFunction(name) { call, t in
            switch try call.operand(2) {
            case .tensor(let other): call.push(try withTensor(t, other))
            case .integer(let i): call.push(try withNumber(t, Double(i)))
            case .number(let x): call.push(try withNumber(t, x))
            }
        }
    }
}
