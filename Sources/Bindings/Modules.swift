import LuaHost

/// Registers every Lua module Lunette provides (loaded on first `require`).
public func installModules(in host: LuaHost, dataFolder: String?) {
    registerLunetteModule(in: host)
}
