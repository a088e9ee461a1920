import LuaHost
import Tensors

/// An operation on a tensor as Lua sees it: the method `t:name(...)` and, when `isFunctional`, also the
/// module function `tensor.name(t, ...)`, as PyTorch offers both. One declaration serves both forms: its
/// parameters are those after the tensor. The body gets the tensor and reads the other arguments from
/// stack index 2 on in both forms, so messages number them as the user wrote them.
///
/// The lists of them (`ArithmeticFunctions.all`...) are `nonisolated(unsafe)`: built once, then only read
/// on the thread that runs Lua.
struct TensorFunction {
    typealias Body = (LuaCall, Tensor) throws -> Int32

    let name: String
    let isFunctional: Bool
    /// The method's declaration: parameters after `self`, options, results, summary, example.
    let signature: LuaSignature
    let body: Body

    /// Both forms, or the method only (in-place updates, conversions, introspection).
    init(_ name: String, _ summary: String, _ parameters: [LuaParameter] = [], options: [LuaOption]? = nil,
         returns: String = "a Tensor", example: String, isFunctional: Bool = true, _ body: @escaping Body) {
        self.name = name
        self.isFunctional = isFunctional
        signature = LuaSignature(parameters: parameters, options: options, returns: returns, summary: summary, example: example)
        self.body = body
    }

    /// A method only.
    static func method(_ name: String, _ summary: String, _ parameters: [LuaParameter] = [], options: [LuaOption]? = nil,
                       returns: String = "a Tensor", example: String, _ body: @escaping Body) -> TensorFunction {
        TensorFunction(name, summary, parameters, options: options, returns: returns, example: example, isFunctional: false, body)
    }

    /// Both forms of an operation without arguments that gives one tensor (`t:exp()`, `tensor.exp(t)`).
    static func map(_ name: String, _ summary: String, example: String, _ transform: @escaping (Tensor) throws -> Tensor) -> TensorFunction {
        TensorFunction(name, summary, example: example) { call, t in call.push(try transform(t)) }
    }

    /// The module function's declaration: the tensor first, then the method's parameters.
    var functionalSignature: LuaSignature {
        var functional = signature
        functional.parameters.insert(LuaParameter("t", .tensor, "the tensor"), at: 0)
        functional.summary += " The same as `t:\(name)(\(signature.parameters.isEmpty && signature.options == nil ? "" : "..."))`."
        return functional
    }
}

/// Parameters many tensor functions share.
extension LuaParameter {
    static func dim(default defaultText: String? = nil, _ doc: String = "a dimension: 1 is the first, -1 the last") -> LuaParameter {
        LuaParameter("dim", .integer, default: defaultText, doc)
    }

    /// Sizes given as loose integers (`zeros(2, 3)`) or one table (`zeros({2, 3})`).
    nonisolated(unsafe) static let sizes = LuaParameter("sizes", .oneOf([.integer, .list(.integer)]), "integers, or one table of them (-1 infers a size where a view allows)")
    nonisolated(unsafe) static let sizeTable = LuaParameter("sizes", .list(.integer), "a table of sizes")
    nonisolated(unsafe) static let dims = LuaParameter("dims", .oneOf([.integer, .list(.integer)]), default: "all dimensions", "a dimension or a table of them")
    nonisolated(unsafe) static let keepdim = LuaParameter("keepdim", .boolean, default: "false", "keep the reduced dimensions, with size 1")
    nonisolated(unsafe) static let operand = LuaParameter("other", .oneOf([.tensor, .number]), "a tensor (broadcast against t) or a number")
    nonisolated(unsafe) static let other = LuaParameter("other", .tensor, "a tensor of a shape that broadcasts against t")
    nonisolated(unsafe) static let positions = LuaParameter("index", .tensor, "an int64 tensor of positions (counting from 1)")
}

/// Options many tensor functions share.
extension LuaOption {
    /// The element type of a new tensor; `defaultType` is the library's (or `.described` when it depends).
    static func dtype(_ defaultValue: LuaDefault) -> LuaOption {
        LuaOption("dtype", .string, default: defaultValue, "'float32', 'int64', 'uint8' or 'bool' (also 'float', 'long', 'byte')")
    }

    nonisolated(unsafe) static let requiresGrad = LuaOption("requires_grad", .boolean, default: .boolean(false), "mark the new tensor as a leaf whose gradient backward computes")
}
