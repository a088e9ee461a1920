import LuaHost
import Tensors

// Results made of many tensors or elements, pushed through LuaHost's list and nested-table helpers.

extension LuaCall {
    /// Pushes a list of tensors and returns 1; nil entries leave holes (autograd.grad with allow_unused).
    @discardableResult
    func push(list tensors: [Tensor?]) -> Int32 { push(list: tensors, TensorLua.luaClass) }

    /// Pushes a tensor's elements as nested tables, one level per dimension (`t:totable()`), and returns 1;
    /// a 0-dimensional tensor gives its value. Elements convert as in `LuaScalar`.
    func push(elementsOf tensor: Tensor) throws -> Int32 {
        let shape = tensor.shape.array
        switch tensor.dtype {
        case .float32: return push(nested: try tensor.toArray(Float.self), shape: shape)
        case .int64: return push(nested: try tensor.toArray(Int64.self).map { Int($0) }, shape: shape)
        case .uint8: return push(nested: try tensor.toArray(UInt8.self).map { Int($0) }, shape: shape)
        case .bool: return push(nested: try tensor.toArray(UInt8.self).map { $0 != 0 }, shape: shape)
        }
    }
}
