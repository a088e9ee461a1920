import LuaHost
import Tensors

/// One element of a tensor as Lua sees it: int64 and uint8 elements are Lua integers (exact, even
/// beyond 2^53), bool elements are booleans, float32 elements are numbers.
enum LuaScalar: LuaPushable {
    case number(Double)
    case integer(Int)
    case boolean(Bool)

    /// The value of a one-element tensor (`t:item()`, `t[i]` of a vector).
    init(of tensor: Tensor) throws {
        let value = try tensor.item() // throws unless there is exactly one element
        switch tensor.dtype {
        case .float32: self = .number(value)
        case .int64: self = .integer(Int(try tensor.contiguous().toArray(Int64.self)[0]))
        case .uint8: self = .integer(Int(value))
        case .bool: self = .boolean(value != 0)
        }
    }

    func push(onto state: OpaquePointer) {
        switch self {
        case .number(let x): x.push(onto: state)
        case .integer(let i): i.push(onto: state)
        case .boolean(let b): b.push(onto: state)
        }
    }
}
