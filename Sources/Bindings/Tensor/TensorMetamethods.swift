import LuaHost
import Tensors

/// Lua's operators on tensors. Arithmetic takes a number on either side (`2 * t`, `1 - t`, `t ^ 2`).
/// `==` stays identity and `<`/`<=` raise: Lua turns their results into one boolean, so elementwise
/// comparisons are the methods `t:eq(x)`, `t:lt(x)`...
enum TensorMetamethods {
    static func install(on luaClass: LuaClass<Tensor>) {
        luaClass.metamethod("__add", arithmetic("+", ArithmeticFunctions.add) { x, t in try ArithmeticFunctions.add(t, x) })
        luaClass.metamethod("__sub", arithmetic("-", ArithmeticFunctions.sub) { x, t in
            try x.apply(tensor: { try $0.sub(t) }, integer: { try t.neg().add($0) }, number: { try t.rsub($0) })
        })
        luaClass.metamethod("__mul", arithmetic("*", ArithmeticFunctions.mul) { x, t in try ArithmeticFunctions.mul(t, x) })
        luaClass.metamethod("__div", arithmetic("/", ArithmeticFunctions.div) { x, t in
            try x.asTensor(like: t).div(t)
        })
        luaClass.metamethod("__mod", arithmetic("%", ArithmeticFunctions.remainder) { x, t in
            try x.asTensor(like: t).remainder(t)
        })
        luaClass.metamethod("__pow", arithmetic("^", ArithmeticFunctions.pow) { x, t in
            try x.apply(tensor: { try $0.pow(t) }, number: { try t.rpow($0) })
        })
        luaClass.metamethod("__unm") { call in call.push(try call.tensor(1).neg()) }
        luaClass.metamethod("__len") { call in call.push(try call.tensor(1).size(0)) }
        luaClass.metamethod("__tostring") { call in call.push(try call.tensor(1).format(indexBase: 1)) }
        for name in ["__lt", "__le"] {
            luaClass.metamethod(name) { _ in
                throw LuaError.message("< and <= cannot compare tensors (Lua makes one boolean of the result); compare elementwise with t:lt(x), t:le(x), t:gt(x), t:ge(x), t:eq(x)")
            }
        }
    }

    /// A binary operator: `forward` when the tensor is on the left, `reversed` with the number on the left.
    private static func arithmetic(_ symbol: String, _ forward: @escaping (Tensor, TensorOperand) throws -> Tensor,
                                   reversed: @escaping (TensorOperand, Tensor) throws -> Tensor) -> LuaFunctionBody {
        { call in
            if call.type(1) == .number {
                guard call.type(2) == .userdata, let t = try? call.tensor(2) else { throw mismatch(call, symbol) }
                return call.push(try reversed(call.operand(1), t))
            }
            guard call.type(1) == .userdata, let t = try? call.tensor(1), let operand = try? call.operand(2) else {
                throw mismatch(call, symbol)
            }
            return call.push(try forward(t, operand))
        }
    }

    private static func mismatch(_ call: LuaCall, _ symbol: String) -> LuaError {
        func describe(_ index: Int32) -> String { (try? call.tensor(index)) != nil ? "a Tensor" : "a \(call.type(index).name)" }
        return .message("cannot compute \(describe(1)) \(symbol) \(describe(2)): tensors combine with tensors and numbers")
    }
}
