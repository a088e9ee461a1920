import CLua
import Foundation
import LuaShim

/// A Lua 5.4 state with Lunette's calling convention: Swift functions and classes registered through
/// it are entered through the C trampoline, so Lua errors never unwind Swift frames.
public final class LuaHost {
    /// The main Lua thread.
    public let state: OpaquePointer
    /// The Lua thread running the innermost Swift function (a coroutine's, or the main one).
    var activeState: OpaquePointer
    private let collector = ExternalMemoryCollector()
    private var attachments: [ObjectIdentifier: AnyObject] = [:]
    /// What was declared to Lua so far (modules are declared on first `require`).
    public let documentation = LuaDocumentation()

    public init() throws {
        guard let state = lunette_newstate() else { throw LuaError.message("could not create a Lua state") }
        self.state = state
        activeState = state
        lunette_set_dispatch(dispatchToSwift)
        lunette_extra_space(state).storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), as: UnsafeMutableRawPointer.self)
        createRegistryTables()
    }

    deinit {
        lua_close(state)
        identityCacheKey.deallocate()
        classListKey.deallocate()
        documentedTablesKey.deallocate()
    }

    /// The host that owns a Lua thread.
    static func owning(_ state: OpaquePointer) -> LuaHost {
        let raw = lunette_extra_space(state).load(as: UnsafeMutableRawPointer.self)
        return Unmanaged<LuaHost>.fromOpaque(raw).takeUnretainedValue()
    }

    // MARK: Attachments

    /// Keeps an object that bindings share for this host (one per type), such as the script's notebook,
    /// so that code holding only a `LuaCall` can reach it through `call.host`.
    public func attach<Object: AnyObject>(_ object: Object) {
        attachments[ObjectIdentifier(Object.self)] = object
    }

    /// The object of this type attached to the host, if any.
    public func attachment<Object: AnyObject>(_ type: Object.Type) -> Object? {
        attachments[ObjectIdentifier(type)] as? Object
    }

    // MARK: Registration

    /// Makes `require(name)` return a module whose contents `build` declares (run on first require).
    /// The module and its summary are documented from now on; its functions once it is required.
    public func register(module name: String, summary: String = "", _ build: @escaping (LuaModule) throws -> Void) {
        documentation.record(owner: name, kind: .module, summary: summary)
        let loader = SwiftFunction(name: "require '\(name)'", isMethod: false, host: self) { [unowned self] call in
            let module = LuaModule(name: name, summary: summary, host: self)
            try build(module)
            module.push(onto: call.state)
            return 1
        }
        // The table package.preload refers to, reached through the registry (LUA_PRELOAD_TABLE).
        "_PRELOAD".push(onto: state)
        lua_rawget(state, lunette_registry_index())
        name.push(onto: state)
        loader.push(onto: state)
        lua_rawset(state, -3)
        lua_settop(state, -2)
    }

    /// Creates the metatable of a class. Objects of the class can be pushed after this.
    public func install<Object>(_ luaClass: LuaClass<Object>) {
        luaClass.install(in: self)
    }

    /// Sets a global function.
    public func setGlobal(_ name: String, _ body: @escaping LuaFunctionBody) {
        setGlobal(name, SwiftFunctionValue(function: SwiftFunction(name: name, isMethod: false, host: self, body: body)))
    }

    /// Sets a global value. Raw access: a script may have given the globals table a metatable
    /// (a "strict" mode) whose metamethods must not run, and possibly raise, under Swift.
    public func setGlobal(_ name: String, _ value: any LuaPushable) {
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        name.push(onto: state)
        value.push(onto: state)
        lua_rawset(state, -3)
        lua_settop(state, -2)
    }

    /// Puts a folder's `?.lua` and `?/init.lua` at the front of `package.path` (raw access to the
    /// `package` table, which Lua's library created without a metatable).
    public func prependPackagePath(folder: String) {
        lua_rawgeti(state, lunette_registry_index(), lua_Integer(LUA_RIDX_GLOBALS))
        "package".push(onto: state)
        guard lua_rawget(state, -2) == LUA_TTABLE else {
            lua_settop(state, -3)
            return
        }
        "path".push(onto: state)
        let current = lua_rawget(state, -2) == LUA_TSTRING ? String.read(state, -1) ?? "" : ""
        lua_settop(state, -2)
        "path".push(onto: state)
        "\(folder)/?.lua;\(folder)/?/init.lua;\(current)".push(onto: state)
        lua_rawset(state, -3)
        lua_settop(state, -3)
    }

    /// Requires each registered module among `names` and sets it as the global of the same name, as
    /// the REPL and `lunette -e` offer them; gives the names set. A module that fails to load is
    /// reported on stderr and left out.
    @discardableResult
    public func setModuleGlobals(_ names: [String]) -> [String] {
        let registered = Set(documentation.modules.map(\.name))
        return names.filter(registered.contains).filter { name in
            do {
                setGlobal(name, try require(name))
                return true
            } catch {
                writeError("lunette: could not load module '\(name)': \(error)")
                return false
            }
        }
    }

    // MARK: Running code

    /// Loads and runs a script file with the standalone interpreter's conventions: `arg[0]` is the
    /// script, `arg[1...]` its arguments, which the chunk also receives as `...`. With `source`, that
    /// text runs in place of the file's (the file's text prepared by the caller), under the file's name.
    public func run(file path: String, arguments: [String], source: String? = nil, interpreter: String = "lunette") throws {
        setGlobal("arg", ArgumentTable(interpreter: interpreter, script: path, arguments: arguments))

        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        if let source {
            try load(source, name: "@" + path)
        } else {
            guard luaL_loadfilex(state, path, nil) == LUA_OK else { throw LuaScriptError(popping: state) }
        }
        for argument in arguments { argument.push(onto: state) }
        try callWithTraceback(arguments: Int32(arguments.count), results: 0)
    }

    /// Compiles and runs a chunk of source (`lunette -e`), returning nothing.
    public func run(chunk source: String, name: String) throws {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        try load(source, name: name)
        try callWithTraceback(arguments: 0, results: 0)
    }

    /// Compiles source and leaves the function on the stack.
    func load(_ source: String, name: String) throws(LuaScriptError) {
        var source = source
        let status = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                luaL_loadbufferx(state, $0.baseAddress, $0.count, name, "t")
            }
        }
        guard status == LUA_OK else { throw LuaScriptError(popping: state) }
    }

    /// Calls the function below the arguments with a traceback handler; a failure becomes a
    /// `LuaScriptError` holding the message and the traceback.
    func callWithTraceback(arguments: Int32, results: Int32) throws(LuaScriptError) {
        lunette_interrupt_clear()
        guard lunette_pcall_traceback(state, arguments, results) == LUA_OK else {
            throw LuaScriptError(popping: state)
        }
    }

    /// Ctrl-C stops running Lua code with the error "interrupted" (raised at a safe point by a hook).
    public func handleInterrupts() {
        lunette_interrupt_attach(state)
        lunette_interrupt_install_handler()
    }

    /// For long loops in Swift (training): throws "interrupted" once Ctrl-C was pressed.
    public func checkInterrupt() throws {
        if lunette_interrupt_pending() != 0 {
            lunette_interrupt_clear()
            throw LuaError.message("interrupted")
        }
    }

    // MARK: Memory

    /// Tells Lua's collector that native memory owned by a new userdata was allocated, so that
    /// unreachable objects holding large buffers are collected in time.
    public func noteExternalAllocation(bytes: Int) {
        collector.noteAllocation(bytes: bytes, state: state)
    }

    /// Bytes of memory Lua itself uses.
    public var luaMemoryBytes: Int {
        Int(lunette_gc(state, LUA_GCCOUNT, 0)) * 1024 + Int(lunette_gc(state, LUA_GCCOUNTB, 0))
    }

    // MARK: Registry tables

    /// Unique addresses, the registry keys of the host's own tables.
    private let identityCacheKey = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
    private let classListKey = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
    private let documentedTablesKey = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    private func createRegistryTables() {
        // Userdata by object address, with weak values: pushing a live object again finds its userdata.
        createRegistryTable(identityCacheKey, weak: "v")
        // Methods tables by class name.
        createRegistryTable(classListKey)
        // Module tables to their names (weak keys), so help(nn) finds nn's documentation.
        createRegistryTable(documentedTablesKey, weak: "k")
    }

    /// A table in the registry under `key`, with weak keys ("k") or values ("v") when `weak` says so.
    private func createRegistryTable(_ key: UnsafeMutableRawPointer, weak mode: String? = nil) {
        lua_createtable(state, 0, 8)
        if let mode {
            lua_createtable(state, 0, 1)
            mode.push(onto: state)
            lua_setfield(state, -2, "__mode")
            lua_setmetatable(state, -2)
        }
        lua_rawsetp(state, lunette_registry_index(), key)
    }

    /// Records that the table at `index` is the documented module or class called `name`.
    func nameDocumentedTable(at index: Int32, _ name: String) {
        let index = lua_absindex(state, index)
        lua_rawgetp(state, lunette_registry_index(), documentedTablesKey)
        lua_pushvalue(state, index)
        name.push(onto: state)
        lua_rawset(state, -3)
        lua_settop(state, -2)
    }

    /// The documented name of the table at `index` (`nn`, `nn.losses`), if it is one.
    func documentedName(ofTableAt index: Int32, in state: OpaquePointer) -> String? {
        let index = lua_absindex(state, index)
        lua_rawgetp(state, lunette_registry_index(), documentedTablesKey)
        lua_pushvalue(state, index)
        lua_rawget(state, -2)
        defer { lua_settop(state, -3) }
        return String.read(state, -1)
    }

    func pushCachedUserdata(for object: UnsafeMutableRawPointer, onto state: OpaquePointer) -> Bool {
        lua_rawgetp(state, lunette_registry_index(), identityCacheKey)
        if lua_rawgetp(state, -1, object) == LUA_TUSERDATA {
            lua_rotate(state, -2, 1)
            lua_settop(state, -2)
            return true
        }
        lua_settop(state, -3)
        return false
    }

    func cacheUserdata(for object: UnsafeMutableRawPointer, at index: Int32, in state: OpaquePointer) {
        let index = lua_absindex(state, index)
        lua_rawgetp(state, lunette_registry_index(), identityCacheKey)
        lua_pushvalue(state, index)
        lua_rawsetp(state, -2, object)
        lua_settop(state, -2)
    }

    /// Records a class's methods table (at `index`) under its name.
    func listClass(named name: String, methodsAt index: Int32) {
        let index = lua_absindex(state, index)
        lua_rawgetp(state, lunette_registry_index(), classListKey)
        lua_pushvalue(state, index)
        lua_setfield(state, -2, name)
        lua_settop(state, -2)
    }

    /// Pushes a table of every installed class's methods, by class name.
    public func pushClassList(onto state: OpaquePointer) {
        lua_rawgetp(state, lunette_registry_index(), classListKey)
    }
}

/// The standalone interpreter's `arg` table: the interpreter at -1, the script at 0, then its arguments.
private struct ArgumentTable: LuaPushable {
    let interpreter: String
    let script: String
    let arguments: [String]

    func push(onto state: OpaquePointer) {
        lua_createtable(state, Int32(arguments.count), 2)
        for (index, value) in zip((-1)..., [interpreter, script] + arguments) {
            value.push(onto: state)
            lua_rawseti(state, -2, lua_Integer(index))
        }
    }
}

/// A script failed: `message` is Lua's message (`file:line: text`), `traceback` the stack at the error.
public struct LuaScriptError: Error, CustomStringConvertible {
    public let message: String
    public let traceback: String

    init(popping state: OpaquePointer) {
        let text = describeValue(state, -1)
        lua_settop(state, -2)
        if let range = text.range(of: "\nstack traceback:") {
            message = String(text[..<range.lowerBound])
            traceback = String(text[range.lowerBound...].dropFirst())
        } else {
            message = text
            traceback = ""
        }
    }

    public var description: String { traceback.isEmpty ? message : "\(message)\n\(traceback)" }
}
