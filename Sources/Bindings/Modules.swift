import LuaHost

/// Registers every Lua module Lunette provides (loaded on first `require`) and the global `show`.
/// Modules whose objects can be shown pass their classes to `notebook.showable`, and image and chart
/// savers call `notebook.pictureSaved`, so reports include their pictures.
@discardableResult
public func installModules(in host: LuaHost, dataFolder: String?) -> ScriptNotebook {
    let notebook = ScriptNotebook(host: host)
    host.attach(notebook)
    // In the order help() and the reference list them.
    host.install(TensorLua.luaClass)
    TensorModule.register(in: host)
    AutogradFunctions.register(in: host)
    registerImageModule(in: host)
    registerPlotModule(in: host)
    registerPictureDisplays(in: notebook)
    registerDataModule(in: host, dataFolder: dataFolder)
    registerNNModule(in: host, notebook: notebook)
    registerOptimModule(in: host)
    registerReportModule(in: host, notebook: notebook)
    registerCellStateModule(in: host, notebook: notebook)
    registerLunetteModule(in: host)
    host.install(LockLua.luaClass)
    return notebook
}

/// The modules the REPL sets as globals, in this order; those not registered yet are skipped.
public let replGlobals = ["lunette", "tensor", "autograd", "nn", "optim", "data", "image", "plot", "report"]
