import LuaHost
import Tensors

/// Tensor errors as Lua scripts read them: positions counted from 1 (the library stores them as numbers,
/// so they are shifted here, in one place, for every module that lets tensor errors through), and the
/// operation under its Lua name (`indexSelect` → `index_select`).
extension TensorError: LuaMessageConvertible {
    public var luaMessage: String {
        let text = message(indexBase: 1)
        guard text.hasPrefix(op) else { return text }
        return luaOperationName(op) + text.dropFirst(op.count)
    }
}

/// Library operations whose Lua names are not just their names in snake_case.
private let renamedOperations = [
    "concat": "cat", "setRequiresGrad": "requires_grad_", "symmetricEigen": "eigh", "repeat": "repeat_tensor",
    "variance": "var", "allClose": "allclose",
]

func luaOperationName(_ op: String) -> String {
    if let renamed = renamedOperations[op] { return renamed }
    var name = ""
    var previousIsLowercase = false
    for character in op {
        if character.isUppercase && previousIsLowercase { name += "_" }
        name += character.lowercased()
        previousIsLowercase = character.isLowercase || character.isNumber
    }
    return name
}
