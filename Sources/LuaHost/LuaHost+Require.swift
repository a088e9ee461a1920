import CLua
import LuaShim

extension LuaHost {
    /// `require(name)` in protected mode: the module's value, or the error Lua gave (a module that is
    /// not found lists the places searched).
    public func require(_ name: String) throws -> LuaReference {
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "require".push(onto: state)
        lua_rawget(state, -2)
        lua_rotate(state, -2, 1)
        lua_settop(state, -2)
        name.push(onto: state)
        try callWithTraceback(arguments: 1, results: 1)
        return LuaReference(popping: state, host: self)
    }
}

extension LuaHost {
    /// Makes the modules under `roots` (`ml`, `tuner.records`...) load only from Lunette's library
    /// folder: a searcher placed before Lua's file searchers finds them there or fails with a clear
    /// error, so a file in the current or the script's folder can never stand in for one.
    /// `folder` is nil when the library was not found.
    public func resolveOnlyFromLibrary(roots: [String], folder: String?) throws(LuaScriptError) {
        try load(Self.librarySearcher, name: "=lunette library searcher")
        folder.push(onto: state)
        roots.push(onto: state)
        try callWithTraceback(arguments: 2, results: 0)
    }

    private static let librarySearcher = """
        local folder, roots = ...
        local function owned(name)
          for _, root in ipairs(roots) do
            if name == root or name:sub(1, #root + 1) == root .. '.' then return true end
          end
          return false
        end
        table.insert(package.searchers, 2, function(name)
          if not owned(name) then return nil end
          if folder == nil then
            error(("module '%s' is part of Lunette's library (lib/), which was not found beside the " ..
              "lunette executable; set LUNETTE_LIB to that folder"):format(name), 0)
          end
          local path, tried = package.searchpath(name, folder .. '/?.lua;' .. folder .. '/?/init.lua')
          if path == nil then
            error(("module '%s' is not in Lunette's library %s:%s"):format(name, folder, tried), 0)
          end
          return assert(loadfile(path)), path
        end)
        """
}
