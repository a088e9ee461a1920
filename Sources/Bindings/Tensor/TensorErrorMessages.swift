import LuaHost
import Tensors

/// Tensor errors as Lua scripts read them: positions counted from 1 (the library stores them as numbers,
/// so they are shifted here, in one place, for every module that lets tensor errors through), the
/// operation under its Lua name (`indexSelect` → `index_select`), and the library's hints in Lua terms.
extension TensorError: LuaMessageConvertible {
    public var luaMessage: String {
        var text = message(indexBase: 1)
        if text.hasPrefix(op) { text = luaOperationName(op) + text.dropFirst(op.count) }
        for (swift, lua) in luaWording { text = text.replacing(swift, with: lua) }
        return text
    }
}

/// Library operations whose Lua names are not just their names in snake_case.
private let renamedOperations = [
    "concat": "cat", "setRequiresGrad": "requires_grad_", "symmetricEigen": "eigh", "repeat": "repeat_tensor",
    "variance": "var", "allClose": "allclose",
]

/// Swift API names in the library's hints, and what a Lua script writes instead.
private let luaWording = [
    ("allowUnused: true", "allow_unused = true"), ("retainGraph: true", "retain_graph = true"),
    ("setRequiresGrad()", "t:requires_grad_()"), ("change requiresGrad", "change requires_grad"),
    ("Autograd.withoutGradients", "tensor.no_grad"), ("to(.float32)", "t:float()"),
    ("detach()", "t:detach()"), ("contiguous()", "t:contiguous()"), ("transpose(dim0, dim1)", "t:transpose(dim1, dim2)"),
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
