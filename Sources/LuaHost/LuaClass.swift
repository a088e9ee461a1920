import CLua
import LuaShim

/// A Swift class exposed to Lua as full userdata holding a retained reference, with methods,
/// metamethods and an optional fallback for other keys (`t[1]`, `t.grad`).
///
/// Configure it (methods, metamethods, index, newindex), then `LuaHost.install` it. Pushing the same
/// object twice gives the same userdata while the first is alive, so objects work as table keys and
/// compare equal with `==`. The methods table is also kept in the host's class list, for tools that
/// list what Lua can call.
public final class LuaClass<Object: AnyObject> {
    public typealias Method = (LuaCall, Object) throws -> Int32

    public let name: String
    /// What its objects are, for the documentation.
    public let summary: String
    /// Fields read as `object.name` (answered by `index`), for the documentation.
    public let fields: [LuaParameter]
    /// A unique address: the registry key of this class's metatable.
    let key = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
    var methods: [(String, LuaSignature?, Method)] = []
    var metamethods: [(String, LuaFunctionBody)] = []
    var index: Method?
    var newIndex: Method?
    /// Bytes of native memory allocated since it was last asked, reported to the collector when an
    /// object of this class is pushed (a tensor's new storage).
    public var allocatedBytes: (() -> Int)?

    public init(name: String, summary: String = "", fields: [LuaParameter] = []) {
        self.name = name
        self.summary = summary
        self.fields = fields
    }

    deinit { key.deallocate() }

    /// A method called as `object:name(...)`; the body receives `self` already checked. Its signature
    /// (parameters after `self`) checks its options and documents it.
    public func declare(_ name: String, _ signature: LuaSignature, _ body: @escaping Method) {
        methods.append((name, signature, body))
    }

    /// A metamethod (`__add`, `__tostring`, `__len`, `__call`...). Operands are not checked: binary
    /// metamethods are also called with the object on the right.
    public func metamethod(_ name: String, _ body: @escaping LuaFunctionBody) { metamethods.append((name, body)) }

    /// Answers keys that are not methods: the body gets the key at stack index 2.
    public func index(_ body: @escaping Method) { index = body }

    /// Handles `object[key] = value`: key at index 2, value at index 3.
    public func newIndex(_ body: @escaping Method) { newIndex = body }

    /// The object at `index` if it is of this class.
    func object(in state: OpaquePointer, at index: Int32) -> Object? {
        guard let raw = lunette_to_object(state, index, key) else { return nil }
        return Unmanaged<Object>.fromOpaque(raw).takeUnretainedValue()
    }

    func push(_ object: Object, onto state: OpaquePointer, host: LuaHost) {
        let raw = Unmanaged.passUnretained(object).toOpaque()
        if host.pushCachedUserdata(for: raw, onto: state) { return }
        _ = Unmanaged.passRetained(object)
        lunette_new_object(state, raw, key)
        host.cacheUserdata(for: raw, at: -1, in: state)
        if let allocatedBytes { host.noteExternalAllocation(bytes: allocatedBytes()) }
    }

    /// Builds the metatable and stores it in the registry.
    func install(in host: LuaHost) {
        let state = host.state
        lua_createtable(state, 0, Int32(metamethods.count + 4))
        name.push(onto: state)
        lua_setfield(state, -2, "__name")

        let collect = SwiftFunction(name: "\(name).__gc", isMethod: false, host: host) { [key] call in
            if let raw = lunette_take_object(call.state, 1, key) { Unmanaged<Object>.fromOpaque(raw).release() }
            return 0
        }
        collect.push(onto: state)
        lua_setfield(state, -2, "__gc")

        for (metaname, body) in metamethods {
            SwiftFunction(name: "\(name).\(metaname)", isMethod: false, host: host, body: body).push(onto: state)
            lua_setfield(state, -2, metaname)
        }

        host.documentation.record(owner: name, kind: .class, summary: summary, fields: fields)
        lua_createtable(state, 0, Int32(methods.count))
        for (methodName, signature, body) in methods {
            pushMethod(named: "\(name):\(methodName)", signature, body, host: host)
            lua_setfield(state, -2, methodName)
            if let signature { host.documentation.record("\(name):\(methodName)", of: name, signature) }
        }
        host.listClass(named: name, methodsAt: -1)
        host.nameDocumentedTable(at: -1, name)
        if let index {
            pushMethod(named: "\(name).__index", nil, index, host: host)
            lunette_push_index(state)
        }
        lua_setfield(state, -2, "__index")
        if let newIndex {
            pushMethod(named: "\(name).__newindex", nil, newIndex, host: host)
            lua_setfield(state, -2, "__newindex")
        }
        lua_rawsetp(state, lunette_registry_index(), key)
    }

    private func pushMethod(named qualifiedName: String, _ signature: LuaSignature?, _ body: @escaping Method, host: LuaHost) {
        let function = SwiftFunction(name: qualifiedName, isMethod: true, host: host, signature: signature) { [self] call in
            try body(call, call.object(1, self))
        }
        function.push(onto: host.state)
    }
}
