import LuaHost
import Tensors

/// The `nn` function or method running now. Layers, losses and callbacks written in Lua are Swift
/// closures that run later, inside some `nn` call (`model(x)`, `fit`...); they push their tensor
/// arguments through that call, which owns the Lua stack they run on. Every `nn` entry point goes
/// through `enter`, so a Lua function is only ever called while one is active.
enum ActiveCall {
    nonisolated(unsafe) private static var stack: [LuaCall] = []

    /// Runs `body` with `call` as the active call.
    static func enter<Result>(_ call: LuaCall, _ body: () throws -> Result) rethrows -> Result {
        stack.append(call)
        defer { stack.removeLast() }
        return try body()
    }

    /// Runs `body` with the active call, to push values on its stack.
    static func withCall<Result>(_ body: (LuaCall) throws -> Result) throws -> Result {
        guard let call = stack.last else { throw LuaError.message("no call of the nn module is running") }
        return try body(call)
    }

    /// Calls a Lua function from Swift: `arguments` pushes its arguments through the active call and
    /// returns how many; `results` reads them (all results, from stack index `first`). `what` names the
    /// function in messages (`Lambda (lambda)`, `the loss function`). Errors raised by the Lua function
    /// come back unchanged, with their own script position.
    static func invoke<Result>(_ function: LuaReference, what: String,
                               arguments: (LuaCall) throws -> Int32,
                               results: (LuaCall, _ first: Int32, _ count: Int32) throws -> Result) throws -> Result {
        guard let call = stack.last else {
            throw LuaError.message("\(what) is a Lua function and can only run inside a call of the nn module")
        }
        return try function.call(arguments: { state in
            guard state == call.state else {
                throw LuaError.message("\(what) is a Lua function and cannot run from another coroutine than its nn call")
            }
            try call.reserveStack(8)
            return try arguments(call)
        }, results: { _, first, count in try results(call, first, count) })
    }

    /// Calls a Lua function of tensors that must return one tensor (a Lambda, a loss, an activation).
    static func tensorFunction(_ function: LuaReference, what: String) -> ([Tensor]) throws -> Tensor {
        { inputs in
            try invoke(function, what: what, arguments: { call in
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
}

/// Registers a function of the `nn` module that runs as the active call.
func nnFunction(_ module: LuaModule, _ name: String, _ body: @escaping LuaFunctionBody) {
    module.function(name) { call in try ActiveCall.enter(call) { try body(call) } }
}

extension LuaClass {
    /// A method that runs as the active call.
    func nnMethod(_ name: String, _ body: @escaping Method) {
        method(name) { call, object in try ActiveCall.enter(call) { try body(call, object) } }
    }
}
