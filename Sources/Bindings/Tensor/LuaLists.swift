import CLua
import LuaHost
import Tensors

// Results that LuaCall cannot push by itself: lists of tensors and any number of values. Only calls
// that never raise are used (the allocator aborts instead of failing).

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

    /// Pushes values kept as references (the results of a Lua function) and returns how many.
    func push(all values: [LuaReference]) throws -> Int32 {
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
