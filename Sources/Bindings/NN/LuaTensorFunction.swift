import LuaHost
import Tensors

/// A Lua function of tensors that must return one tensor (a loss, an activation, a function given to
/// loading), as a Swift closure that runs inside the active call.
func tensorFunction(_ function: LuaReference, what: String) -> ([Tensor]) throws -> Tensor {
    { inputs in
        try ActiveCall.invoke(function, what: what, arguments: { call in
            for input in inputs { call.push(input) }
            return Int32(inputs.count)
        }, results: { call, first, count in
            guard count >= 1, let tensor = try? call.tensor(first) else {
                throw LuaError.message("\(what) must return a Tensor, got \(count >= 1 ? call.type(first).name : "nothing")")
            }
            return tensor
        })
    }
}
