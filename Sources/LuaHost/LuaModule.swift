import CLua

/// The contents of a module written in Swift, declared when the module is first required.
public final class LuaModule {
    public let name: String
    unowned let host: LuaHost
    private var entries: [(String, LuaPushable)] = []
    private var functions: [(String, LuaSignature?, LuaFunctionBody)] = []
    private var tables: [(String, LuaModule)] = []
    private var callBody: LuaFunctionBody?
    private var callSignature: LuaSignature?
    private var missingBody: LuaFunctionBody?

    init(name: String, summary: String, host: LuaHost) {
        self.name = name
        self.host = host
        host.documentation.record(owner: name, kind: .module, summary: summary)
    }

    /// A function called as `module.name(...)`; messages call it `module.name`. Its signature checks
    /// its options and documents it.
    public func declare(_ functionName: String, _ signature: LuaSignature, _ body: @escaping LuaFunctionBody) {
        functions.append((functionName, signature, body))
        host.documentation.record("\(name).\(functionName)", of: name, signature)
    }

    /// A constant or table field of the module.
    public func value(_ fieldName: String, _ value: any LuaPushable) {
        entries.append((fieldName, value))
    }

    /// A field holding a table of functions and values (`nn.losses`), declared by `build` like the
    /// module itself; messages call its functions `module.field.name` (`nn.losses.mse`).
    public func table(_ fieldName: String, summary: String = "", _ build: (LuaModule) throws -> Void) rethrows {
        let table = LuaModule(name: "\(name).\(fieldName)", summary: summary, host: host)
        try build(table)
        tables.append((fieldName, table))
    }

    /// Makes the module itself callable (`tensor{{1, 2}, {3, 4}}`). `body` receives the module table as
    /// argument 1; messages name the call after the module and count the arguments after that table. Its
    /// signature (parameters after the table) checks its options.
    public func call(_ signature: LuaSignature? = nil, _ body: @escaping LuaFunctionBody) {
        callSignature = signature
        callBody = body
    }

    /// Answers reads of fields the module lacks (`__index`): `body` receives the module table as argument 1
    /// and the key as argument 2, and may explain the mistake (`nn has no layer 'MaxPool3D'`).
    public func missing(_ body: @escaping LuaFunctionBody) { missingBody = body }

    func push(onto state: OpaquePointer) {
        lua_createtable(state, 0, Int32(entries.count + functions.count + tables.count))
        host.nameDocumentedTable(at: -1, name)
        for (fieldName, signature, body) in functions {
            SwiftFunction(name: "\(name).\(fieldName)", isMethod: false, host: host, signature: signature, body: body).push(onto: state)
            lua_setfield(state, -2, fieldName)
        }
        for (fieldName, table) in tables {
            table.push(onto: state)
            lua_setfield(state, -2, fieldName)
        }
        for (fieldName, value) in entries {
            value.push(onto: state)
            lua_setfield(state, -2, fieldName)
        }
        guard callBody != nil || missingBody != nil else { return }
        lua_createtable(state, 0, 2)
        if let callBody {
            SwiftFunction(name: name, isMethod: true, host: host, signature: callSignature, body: callBody).push(onto: state)
            lua_setfield(state, -2, "__call")
        }
        if let missingBody {
            SwiftFunction(name: name, isMethod: true, host: host, body: missingBody).push(onto: state)
            lua_setfield(state, -2, "__index")
        }
        lua_setmetatable(state, -2)
    }
}
