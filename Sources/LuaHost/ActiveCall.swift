import CLua

/// The Swift function running now on behalf of Lua, for Lua functions that Swift calls later. A Lambda
/// layer, a loss or a callback written in Lua becomes a Swift closure that runs inside some call (`model(x)`,
/// `fit`...); it pushes its arguments through that call, which owns the Lua stack they run on. Functions
/// that may run such closures are entered with `enter`, so a Lua function is only ever called while one
/// is active. One stack for the process: Lua runs on one thread.
public enum ActiveCall {
    nonisolated(unsafe) private static var stack: [LuaCall] = []

    /// Runs `body` with `call` as the active call.
    public static func enter<Result>(_ call: LuaCall, _ body: () throws -> Result) rethrows -> Result {
        stack.append(call)
        defer { stack.removeLast() }
        return try body()
    }

    /// Runs `body` with the active call, to push values on its stack.
    public static func withCall<Result>(_ body: (LuaCall) throws -> Result) throws -> Result {
        guard let call = stack.last else { throw LuaError.message("no Swift function called from Lua is running") }
        return try body(call)
    }

    /// Calls a Lua function from Swift: `arguments` pushes its arguments through the active call and
    /// returns how many; `results` reads them (all results, from stack index `first`). `what` names the
    /// function in messages (`Lambda (lambda)`, `the loss function`). Errors raised by the Lua function
    /// come back unchanged, with their own script position.
    public static func invoke<Result>(_ function: LuaReference, what: String,
                                      arguments: (LuaCall) throws -> Int32,
                                      results: (LuaCall, _ first: Int32, _ count: Int32) throws -> Result) throws -> Result {
        guard let call = stack.last else {
            throw LuaError.message("\(what) is a Lua function and can only run inside the call that was given it")
        }
        return try function.call(arguments: { state in
            guard state == call.state else {
                throw LuaError.message("\(what) is a Lua function and cannot run from another coroutine than the call that was given it")
            }
            // Room for the arguments, which Lua does not make for a C function's own pushes.
            guard lua_checkstack(state, 16) != 0 else { throw LuaError.message("\(what): no room on the Lua stack for its arguments") }
            return try arguments(call)
        }, results: { _, first, count in try results(call, first, count) })
    }
}

extension LuaModule {
    /// A declared function that runs as the active call, so that Lua functions it holds can run.
    public func declareActive(_ functionName: String, _ signature: LuaSignature, _ body: @escaping LuaFunctionBody) {
        declare(functionName, signature) { call in try ActiveCall.enter(call) { try body(call) } }
    }
}

extension LuaClass {
    /// A declared method that runs as the active call, so that Lua functions it holds can run.
    public func declareActive(_ name: String, _ signature: LuaSignature, _ body: @escaping Method) {
        declare(name, signature) { call, object in try ActiveCall.enter(call) { try body(call, object) } }
    }
}
