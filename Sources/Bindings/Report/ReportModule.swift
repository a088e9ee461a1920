import LuaHost

/// The `report` module and the global `show`.
func registerReportModule(in host: LuaHost, notebook: ScriptNotebook) {
    host.register(module: "report", summary: """
        Notebook reports of scripts, as Jupyter notebooks of a script's cells (split at `-- %%` lines): \
        `report.open(folder)` in a script run with `lunette run FILE` (or `--report DIR` on the command line) \
        writes index.html with each cell's code, printed text, `show(x)` values and saved pictures.
        """) { module in
        module.declare("open", LuaSignature(
            parameters: [LuaParameter("folder", .string, "where the report goes (`--report DIR` on the command line wins)")],
            options: [LuaOption("title", .string, default: .described("the script's file name"), "the report's title")],
            returns: "the report's folder",
            summary: "Starts writing a report of the running script, finished when the script ends (or fails).",
            example: """
                local ok = pcall(report.open, 'demo-report', {title = 'Demo'})
                print(ok and 'report opened' or 'reports need a script run with lunette run')
                """)) { call in
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
        module.declare("image", LuaSignature(
            parameters: [LuaParameter("path", .string, "a PNG file made some other way"),
                         LuaParameter("caption", .string, default: "the path", "written under the picture")],
            summary: "Puts a PNG file into the running cell of the report (checked even without a report).",
            example: """
                image.save('square.png', tensor.ones{8, 8})
                report.image('square.png', 'a white square')
                print('included when a report is open')
                """)) { call in
            let path: String = try call.argument(1)
            let caption: String? = try call.optionalArgument(2)
            do {
                try notebook.includeImage(path: path, caption: caption)
            } catch {
                throw LuaError.message("report.image: \(error)")
            }
            return 0
        }
        module.declare("folder", LuaSignature(
            returns: "the folder being written, or nil",
            summary: "The folder of the report being written; nil when no report is open.",
            example: "print(report.folder() or 'no report open')")) { call in call.push(notebook.reportFolder) }
    }
    host.declareGlobal("show", of: "report", LuaSignature(
        parameters: [LuaParameter("value", .any, "text, a table, a tensor, an image tensor, a Chart or a Figure"),
                     LuaParameter("caption", .string, default: "none", "written under a picture")],
        summary: """
            Shows a value in the running cell of the report, as IPython's `display`: image-like tensors, charts \
            and figures as pictures, other values as the REPL prints them. Without a report, it prints (pictures \
            go to a temporary PNG file).
            """,
        example: "show(tensor{{1, 2}, {3, 4}})")) { call in
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
