import CLua
import LuaShim

/// The body of a Lua function written in Swift: reads its arguments through `call`, pushes its
/// results and returns how many it pushed. Anything it throws becomes a Lua error.
public typealias LuaFunctionBody = (LuaCall) throws -> Int32

/// A Swift function as Lua sees it: its name for messages and its body. Kept alive by the Lua
/// closure that calls it (released by that closure's collector).
final class SwiftFunction {
    /// `tensor.zeros` or `Tensor:add`: how messages name the function.
    let name: String
    /// Methods number their arguments after `self`, as the user wrote them.
    let isMethod: Bool
    /// Unchecked: the host's deinit closes the state, which runs the finalizers that reach Swift
    /// functions while the host is being destroyed (its memory is still valid then).
    unowned(unsafe) let host: LuaHost
    /// Its declaration, which checks its options and documents it; nil for internal functions
    /// (finalizers, loaders, metamethods).
    let signature: LuaSignature?
    let body: LuaFunctionBody

    init(name: String, isMethod: Bool, host: LuaHost, signature: LuaSignature? = nil, body: @escaping LuaFunctionBody) {
        self.name = name
        self.isMethod = isMethod
        self.host = host
        self.signature = signature
        self.body = body
    }

    /// The Swift function behind the Lua value at `index`, if it is one.
    static func behind(_ state: OpaquePointer, _ index: Int32) -> SwiftFunction? {
        guard let raw = lunette_function_body(state, index) else { return nil }
        return Unmanaged<SwiftFunction>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Pushes a Lua function that runs this one through the C trampoline.
    func push(onto state: OpaquePointer) {
        lunette_push_function(state, Unmanaged.passRetained(self).toOpaque(), releaseFunction)
    }
}

private let releaseFunction: lunette_release_fn = { raw in
    Unmanaged<SwiftFunction>.fromOpaque(raw!).release()
}

/// Runs a Swift body for the trampoline. Errors are left on the stack with a status telling the
/// trampoline how to raise them, once this frame is gone.
let dispatchToSwift: lunette_dispatch_fn = { state, raw in
    let state = state!
    let function = Unmanaged<SwiftFunction>.fromOpaque(raw!).takeUnretainedValue()
    let host = function.host
    let outerState = host.activeState
    host.activeState = state
    defer { host.activeState = outerState }
    do {
        return try function.body(LuaCall(state: state, function: function))
    } catch LuaError.value(let reference, _) {
        reference.push(onto: state)
        return LUNETTE_RETHROW
    } catch {
        lua_pushstring(state, luaMessage(for: error))
        return LUNETTE_RAISE
    }
}

/// A Swift function as a pushable value.
struct SwiftFunctionValue: LuaPushable {
    let function: SwiftFunction
    func push(onto state: OpaquePointer) { function.push(onto: state) }
}
