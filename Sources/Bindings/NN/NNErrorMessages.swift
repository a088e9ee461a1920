import LuaHost
import NN

/// NN errors as Lua scripts read them: the library's remedies (`NNError.Suggestion`) written as Lua
/// code, in one place for every module that lets NN errors through.
extension NNError: LuaMessageConvertible {
    public var luaMessage: String { "\(op): \(message)" + (suggestion.map { "; " + $0.luaText } ?? "") }
}

extension NNError.Suggestion {
    var luaText: String {
        switch self {
        case .flattenData(let sizes):
            return "flatten each sample (x:reshape\(luaList(sizes))), or start the model with layers for this shape and add nn.Flatten() before the Dense layers"
        case .reshapeData(let sizes): return "reshape the data to the model's input (x:reshape\(luaList(sizes)))"
        case .addFlatten: return "add nn.Flatten() (or global pooling) before the Dense layers"
        case .compileFirst: return "compile it with model:compile{optimizer = ..., loss = ...}"
        case .functionWhenLoading(let name):
            return "give it to nn.load(path, {functions = {[\"\(name)\"] = f}}), or rebuild the model in code and use model:load_weights(path)"
        }
    }

    private func luaList(_ sizes: [Int]) -> String { "{" + sizes.map(String.init).joined(separator: ", ") + "}" }
}
