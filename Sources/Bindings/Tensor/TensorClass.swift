import LuaHost
import Tensors

/// The Lua class of tensors, shared by every module that takes or returns tensors (nn, data, image,
/// plot...). Its methods and metamethods are declared in this folder; other modules only read and
/// push tensors through the LuaCall helpers below.
enum TensorLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Tensor> = {
        let luaClass = LuaClass<Tensor>(name: "Tensor")
        luaClass.allocatedBytes = { Storage.takeAllocatedBytes() }
        return luaClass
    }()
}

extension LuaCall {
    /// The tensor argument at `index`.
    func tensor(_ index: Int32) throws -> Tensor { try object(index, TensorLua.luaClass) }

    /// Pushes a tensor (its userdata) and returns 1.
    @discardableResult
    func push(_ tensor: Tensor) -> Int32 { push(tensor, TensorLua.luaClass) }
}
