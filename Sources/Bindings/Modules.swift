import LuaHost

/// Registers every Lua module Lunette provides (loaded on first `require`).
public func installModules(in host: LuaHost, dataFolder: String?) {
    registerLunetteModule(in: host)
}

/// The modules the REPL sets as globals, in this order; those not registered yet are skipped.
public let replGlobals = ["lunette", "tensor", "autograd", "nn", "optim", "data", "image", "plot"]
