import CLua
import LuaShim

/// One call of a Swift function from Lua: reads the arguments without raising (a wrong argument is a
/// thrown `LuaError` with a message such as `tensor.zeros: argument #1 expected a table of sizes, got
/// string`) and pushes the results.
///
/// Arguments are addressed by their stack index (1 is the first; for methods 1 is `self` and messages
/// count from the argument after it, as the user wrote the call).
public struct LuaCall {
    public let state: OpaquePointer
    let function: SwiftFunction

    init(state: OpaquePointer, function: SwiftFunction) {
        self.state = state
        self.function = function
    }

    public var host: LuaHost { function.host }
    /// `tensor.zeros`, `Tensor:add`.
    public var name: String { function.name }
    /// How many arguments were passed (self included for methods).
    public var count: Int32 { lua_gettop(state) }

    public func type(_ index: Int32) -> LuaType { LuaType(rawValue: lua_type(state, index)) ?? .none }

    /// True when the argument is absent or nil.
    public func isMissing(_ index: Int32) -> Bool { lua_type(state, index) <= LUA_TNIL }

    // MARK: Errors

    /// `name: argument #k expected <expected>, got <type>`.
    public func mismatch(_ index: Int32, expected: String) -> LuaError {
        .message("\(name): \(describe(argument: index)) expected \(expected), got \(typeName(state, index))")
    }

    /// `name: argument #k <problem>`, for values of the right type that are still wrong.
    public func invalid(_ index: Int32, _ problem: String) -> LuaError {
        .message("\(name): \(describe(argument: index)) \(problem)")
    }

    func describe(argument index: Int32) -> String {
        if function.isMethod { return index == 1 ? "self" : "argument #\(index - 1)" }
        return "argument #\(index)"
    }

    // MARK: Reading

    /// Any argument as text, as `tostring` gives it (its `__tostring` runs in protected mode); never fails.
    public func describe(_ index: Int32) -> String { describeValue(state, index) }

    public func argument<Value: LuaReadable>(_ index: Int32, as type: Value.Type = Value.self) throws -> Value {
        guard let value = Value.read(state, index) else { throw mismatch(index, expected: Value.expected) }
        return value
    }

    /// The argument, or `defaultValue` when it is absent or nil.
    public func argument<Value: LuaReadable>(_ index: Int32, default defaultValue: Value) throws -> Value {
        isMissing(index) ? defaultValue : try argument(index)
    }

    /// The argument, or nil when it is absent or nil.
    public func optionalArgument<Value: LuaReadable>(_ index: Int32, as type: Value.Type = Value.self) throws -> Value? {
        isMissing(index) ? nil : try argument(index, as: type)
    }

    /// A Lunette object of the given class.
    public func object<Object>(_ index: Int32, _ luaClass: LuaClass<Object>) throws -> Object {
        guard let object = luaClass.object(in: state, at: index) else {
            if function.isMethod && index == 1 {
                throw LuaError.message("\(name): expected \(withArticle(luaClass.name)) as self (call it with ':'), got \(typeName(state, index))")
            }
            throw mismatch(index, expected: withArticle(luaClass.name))
        }
        return object
    }

    /// A table argument, read without metamethods.
    public func table(_ index: Int32, expected: String = "a table") throws -> LuaTable {
        guard lua_type(state, index) == LUA_TTABLE else { throw mismatch(index, expected: expected) }
        return LuaTable(state: state, index: lua_absindex(state, index), owner: "\(name): \(describe(argument: index))")
    }

    /// An option table (`{padding = 'same', activation = 'relu'}`) read against the function's declared
    /// options; an absent or nil argument gives empty options.
    public func options(_ index: Int32) throws -> LuaOptions {
        try options(index, declared: function.signature?.options ?? [])
    }

    /// An option table read against options declared here rather than by a signature: for metamethods
    /// (`layer(x, {training = true})`), which have none.
    public func options(_ index: Int32, declared: [LuaOption]) throws -> LuaOptions {
        if isMissing(index) { return LuaOptions(state: state, index: nil, functionName: name, declared: declared) }
        guard lua_type(state, index) == LUA_TTABLE else { throw mismatch(index, expected: "a table of options") }
        return LuaOptions(state: state, index: lua_absindex(state, index), functionName: name, declared: declared)
    }

    /// A function argument, kept for calling later.
    public func function(_ index: Int32) throws -> LuaReference {
        guard lua_type(state, index) == LUA_TFUNCTION else { throw mismatch(index, expected: "a function") }
        return reference(index)
    }

    /// Any value, kept alive for later use.
    public func reference(_ index: Int32) -> LuaReference {
        lua_pushvalue(state, index)
        return LuaReference(popping: state, host: host)
    }

    // MARK: Results

    /// Pushes one value and returns 1, so a body can end with `return call.push(x)`.
    @discardableResult
    public func push<Value: LuaPushable>(_ value: Value) -> Int32 {
        value.push(onto: state)
        return 1
    }

    /// Pushes values and returns how many were pushed, so a body can end with `return call.push(x, y)`.
    @discardableResult
    public func push(_ values: any LuaPushable...) -> Int32 {
        for value in values { value.push(onto: state) }
        return Int32(values.count)
    }

    /// Pushes a Lunette object (the same userdata each time for the same object while it lives).
    @discardableResult
    public func push<Object>(_ object: Object, _ luaClass: LuaClass<Object>) -> Int32 {
        luaClass.push(object, onto: state, host: host)
        return 1
    }

    @discardableResult
    public func pushNil() -> Int32 {
        lua_pushnil(state)
        return 1
    }
}
