import CLua
import LuaHost
import Tensors

// Results that LuaCall cannot push by itself: lists of tensors, nested tables of elements, and any
// number of values. Only calls that never raise are used (the allocator aborts instead of failing).

extension LuaCall {
    /// Pushes a list of tensors and returns 1; nil entries leave holes (autograd.grad with allow_unused).
    @discardableResult
    func push(list tensors: [Tensor?]) -> Int32 {
        lua_createtable(state, Int32(clamping: tensors.count), 0)
        for (k, tensor) in tensors.enumerated() {
            guard let tensor else { continue }
            push(tensor)
            lua_rawseti(state, -2, lua_Integer(k + 1))
        }
        return 1
    }

    /// Pushes a tensor's elements as nested tables, one level per dimension (`t:totable()`), and returns 1;
    /// a 0-dimensional tensor gives its value. Elements convert as in `LuaScalar`.
    func push(elementsOf tensor: Tensor) throws -> Int32 {
        let shape = tensor.shape.array
        switch tensor.dtype {
        case .float32: pushNested(try tensor.toArray(Float.self), shape) { lua_pushnumber(state, Double($0)) }
        case .int64: pushNested(try tensor.toArray(Int64.self), shape) { lua_pushinteger(state, lua_Integer($0)) }
        case .uint8: pushNested(try tensor.toArray(UInt8.self), shape) { lua_pushinteger(state, lua_Integer($0)) }
        case .bool: pushNested(try tensor.toArray(UInt8.self), shape) { lua_pushboolean(state, Int32($0)) }
        }
        return 1
    }

    /// Nested tables of `shape` over row-major `elements` (at most 8 levels deep: within Lua's minimum
    /// stack).
    private func pushNested<Element>(_ elements: [Element], _ shape: [Int], _ pushElement: (Element) -> Void) {
        elements.withUnsafeBufferPointer { flat in
            func level(_ depth: Int, offset: Int, span: Int) {
                if depth == shape.count { return pushElement(flat[offset]) }
                let size = shape[depth], step = size == 0 ? 0 : span / size
                lua_createtable(state, Int32(clamping: size), 0)
                for i in 0..<size {
                    level(depth + 1, offset: offset + i * step, span: step)
                    lua_rawseti(state, -2, lua_Integer(i + 1))
                }
            }
            level(0, offset: 0, span: flat.count)
        }
    }

    /// Pushes `values` as separate results (after making room for them on the Lua stack, which a C
    /// function may not outgrow) and returns how many.
    func push(all values: [any LuaPushable]) throws -> Int32 {
        try reserveStack(values.count)
        for value in values { value.push(onto: state) }
        return Int32(values.count)
    }

    /// Makes room for `slots` more values on the current Lua stack.
    func reserveStack(_ slots: Int) throws {
        guard lua_checkstack(state, Int32(clamping: slots + 4)) != 0 else {
            throw LuaError.message("\(name): too many values (\(slots)) for the Lua stack")
        }
    }
}
