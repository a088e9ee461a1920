import LuaHost
import NN

/// The optimizer names `compile` accepts, as Keras spells them.
let knownOptimizerNames = OptimizerKind.all.map(\.name)

/// Reads argument `index` as what `Model.compile` takes: an optimizer name (`'adam'`, with Keras'
/// defaults), an optim object (`optim.Adam{learning_rate = 1e-3}`, used as it is, state included), or
/// nil for Keras' default, `'rmsprop'`.
func optimizerArgument(_ call: LuaCall, _ index: Int32) throws -> Optimizer {
    try readOptimizer(call.state, index, missing: call.isMissing(index), object: { try? call.object(index, OptimizerLua.luaClass) },
                      invalid: { call.invalid(index, $0) }, mismatch: { call.mismatch(index, expected: $0) })
}

/// The same read for an option (`model:compile{optimizer = 'adam'}`): messages name the option.
func optimizerOption(_ options: LuaOptions, _ key: String = "optimizer") throws -> Optimizer {
    try options.with(key) { element in
        try readOptimizer(element.state, element.index, missing: element.isMissing, object: { try? element.object(OptimizerLua.luaClass) },
                          invalid: { element.invalid($0) }, mismatch: { element.mismatch(expected: $0) })
    }
}

private func readOptimizer(_ state: OpaquePointer, _ index: Int32, missing: Bool, object: () -> Optimizer?,
                           invalid: (String) -> LuaError, mismatch: (String) -> LuaError) throws -> Optimizer {
    if missing { return try Optimizer.named("rmsprop") }
    if let name = String.read(state, index) {
        guard knownOptimizerNames.contains(name.lowercased()) else {
            let known = knownOptimizerNames.map { "'\($0)'" }.joined(separator: ", ")
            throw invalid("names an unknown optimizer '\(name)' (known: \(known))")
        }
        return try Optimizer.named(name)
    }
    guard let optimizer = object() else {
        throw mismatch("an optimizer name or an optim object (optim.Adam{...})")
    }
    return optimizer
}
