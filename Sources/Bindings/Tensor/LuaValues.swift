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

/// A tensor's elements as nested Lua tables (`t:totable()`): one level per dimension.
indirect enum NestedValues: LuaPushable {
    case scalar(LuaScalar)
    case list([NestedValues])

    init(of tensor: Tensor) throws {
        let shape = tensor.shape.array
        let flat: [LuaScalar]
        switch tensor.dtype {
        case .float32: flat = try tensor.toArray(Float.self).map { .number(Double($0)) }
        case .int64: flat = try tensor.toArray(Int64.self).map { .integer(Int($0)) }
        case .uint8: flat = try tensor.toArray(UInt8.self).map { .integer(Int($0)) }
        case .bool: flat = try tensor.toArray(UInt8.self).map { .boolean($0 != 0) }
        }
        // Builds the sub-table of `depth` whose elements start at `offset` in the row-major order.
        func nest(depth: Int, offset: Int, span: Int) -> NestedValues {
            if depth == shape.count { return .scalar(flat[offset]) }
            let size = shape[depth], step = size == 0 ? 0 : span / size
            return .list((0..<size).map { nest(depth: depth + 1, offset: offset + $0 * step, span: step) })
        }
        self = nest(depth: 0, offset: 0, span: flat.count)
    }

    func push(onto state: OpaquePointer) {
        switch self {
        case .scalar(let value): value.push(onto: state)
        case .list(let values): values.push(onto: state)
        }
    }
}
