@testable import Bindings
import LuaHost
import Testing

/// Runs Tests/lua/test_nn_functions.lua in this process with a temporary `nn` module holding only the
/// function tables, so they are tested before (and independently of) the nn module's own bindings.
@Suite struct NNFunctionTablesTests {
    @Test func luaTestsOfTheFunctionTables() throws {
        let host = try LuaHost()
        installModules(in: host, dataFolder: nil)
        host.register(module: "nn") { module in installNNFunctionTables(into: module) }
        host.prependPackagePath(folder: LuaTestFiles.folder.path)
        // check.done() ends a failing run with os.exit(1): here that becomes an error, not the end of the
        // test process.
        try host.run(chunk: "os.exit = function(code) if code ~= 0 and code ~= true then error('test_nn_functions.lua failed', 2) end end",
                     name: "=setup")
        // The file prints its results: it takes this process's standard output in turn with the capture tests.
        try withStandardOutputTurn {
            try host.run(file: LuaTestFiles.folder.appendingPathComponent("test_nn_functions.lua").path, arguments: [])
        }
    }
}
