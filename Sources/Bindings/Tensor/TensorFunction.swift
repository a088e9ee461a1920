import LuaHost
import Tensors

/// An operation on a tensor as Lua sees it: the method `t:name(...)` and, when `isFunctional`, also the
/// module function `tensor.name(t, ...)`, as PyTorch offers both. The body gets the tensor and reads the
/// other arguments from stack index 2 on in both forms, so messages number them as the user wrote them.
///
/// The lists of them (`ArithmeticFunctions.all`...) are `nonisolated(unsafe)`: built once, then only read
/// on the thread that runs Lua.
struct TensorFunction {
    typealias Body = (LuaCall, Tensor) throws -> Int32

    let name: String
    let isFunctional: Bool
    let body: Body

    /// Both forms.
    init(_ name: String, _ body: @escaping Body) {
        self.init(name, isFunctional: true, body)
    }

    init(_ name: String, isFunctional: Bool, _ body: @escaping Body) {
        self.name = name
        self.isFunctional = isFunctional
        self.body = body
    }

    /// A method only: in-place updates, conversions, introspection.
    static func method(_ name: String, _ body: @escaping Body) -> TensorFunction {
        TensorFunction(name, isFunctional: false, body)
    }

    /// Both forms of an operation without arguments that gives one tensor (`t:exp()`, `tensor.exp(t)`).
    static func map(_ name: String, _ transform: @escaping (Tensor) throws -> Tensor) -> TensorFunction {
        TensorFunction(name) { call, t in call.push(try transform(t)) }
    }
}
