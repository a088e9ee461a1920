import LuaHost

/// The `report` module and the global `show`:
///
///     local report = require 'report'
///     report.open('out/mnist')            -- write the report there (`--report DIR` overrides it)
///     report.open('out/mnist', {title = 'MNIST CNN'})
///     report.image('other/tool.png')      -- put a PNG made some other way into the running cell
///     report.folder()                     -- the folder being written, or nil
///     show(value [, caption])             -- text, tables, images and charts into the running cell
func registerReportModule(in host: LuaHost, notebook: ScriptNotebook) {
    host.register(module: "report") { module in
        module.function("open") { call in
            let folder: String = try call.argument(1)
            let options = try call.options(2)
            let title = try options.optional("title", as: String.self)
            try options.rejectUnknown()
            do {
                try notebook.openReport(folder: folder, fromCommandLine: false, title: title)
            } catch {
                throw LuaError.message("report.open: \(error)")
            }
            return call.push(notebook.reportFolder)
        }
        module.function("image") { call in
            let path: String = try call.argument(1)
            let caption: String? = try call.optionalArgument(2)
            do {
                try notebook.includeImage(path: path, caption: caption)
            } catch {
                throw LuaError.message("report.image: \(error)")
            }
            return 0
        }
        module.function("folder") { call in call.push(notebook.reportFolder) }
    }
    host.setGlobal("show") { call in
        do {
            try notebook.show(call)
        } catch let error as LuaError {
            throw error
        } catch {
            throw LuaError.message("show: \(error)")
        }
        return 0
    }
}
