import Bindings
import Foundation
import LuaHost

/// A Lua state with Lunette's modules, `package.path` and interrupt handling, as every command uses it.
struct Session {
    let host: LuaHost
    let resources: Resources
    /// Cells and reports of the script being run.
    let notebook: ScriptNotebook

    init() throws {
        host = try LuaHost()
        resources = Resources.locate()
        notebook = installModules(in: host, dataFolder: resources.data)
        host.installHelp { Session.helpUsage }
        try host.resolveOnlyFromLibrary(roots: Resources.libraryModules, folder: resources.library)
        host.handleInterrupts()
        // Past a file-size limit (ulimit -f) a write then fails with EFBIG, which the writers report as
        // a Lua error, instead of the signal ending the process (and the REPL session with it).
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Runs Lua work; a script error is printed as `file:line: message` and its traceback on stderr
    /// (and put into the report, if one is being made), and the process exits with status 1.
    func exitOnFailure(_ work: () throws -> Void) throws {
        do {
            try work()
        } catch let error as LuaScriptError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            notebook.scriptFailed(error)
            Foundation.exit(1)
        }
    }

    /// What `help` alone says in a script (the REPL says more).
    static let helpUsage = """
        help() lists the modules and classes; help(x) shows the documentation of a function (its parameters, \
        options and an example), of a module, or of an object's class. docs/api/ has the same, made by lunette doc.
        """

    /// The folder holding a script, for `package.path`.
    static func folder(of script: String) -> String {
        let folder = (script as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
