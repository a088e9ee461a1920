extension LuaHost {
    /// A global function (`show`), declared as a module's functions are: its signature checks its
    /// options and documents it under `owner`, the module whose reference lists it.
    public func declareGlobal(_ name: String, of owner: String, _ signature: LuaSignature, _ body: @escaping LuaFunctionBody) {
        documentation.record(name, of: owner, signature)
        setGlobal(name, SwiftFunctionValue(function: SwiftFunction(name: name, isMethod: false, host: self, signature: signature, body: body)))
    }
}
