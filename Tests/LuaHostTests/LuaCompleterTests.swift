import Foundation
import LuaHost
import Testing

/// A Swift object for completion tests: a class whose __index is a function (methods, then a fallback).
final class Probe {}

@Suite struct LuaCompleterTests {
    /// A host with a few globals to complete; `touched` becomes true if any metamethod runs.
    private func makeCompleter() throws -> (LuaCompleter, LuaHost) {
        let host = try LuaHost()
        let probes = LuaClass<Probe>(name: "Probe")
        probes.declare("measure", testSignature) { call, _ in call.pushNil() }
        probes.declare("mean", testSignature) { call, _ in call.pushNil() }
        probes.index { call, _ in call.pushNil() }
        host.install(probes)
        let probe = Probe()
        host.setGlobal("make_probe") { call in call.push(probe, probes) }
        try host.run(chunk: """
            probe = make_probe()
            touched = false
            local function touch() touched = true end
            record = {count = 1, compute = function() end, nested = {leaf = 1, list = {{deep = true}}}}
            record['two words'] = 1
            record['end'] = 1
            base = {inherited = function() end}
            derived = setmetatable({own = 1}, {__index = base})
            guarded = setmetatable({}, {__index = function() touched = true end, __call = touch})
            callable = setmetatable({}, {__call = function() end})
            holder = {callable = callable, value = 1}
            loop = setmetatable({}, {})
            getmetatable(loop).__index = loop
            """, name: "=setup")
        return (LuaCompleter(host: host), host)
    }

    @Test func globalsAndKeywords() throws {
        let (completer, _) = try makeCompleter()
        #expect(completer.completions(of: "str") == ["string"])
        #expect(completer.completions(of: "x = whi") == ["x = while"])
        #expect(completer.completions(of: "print(rec") == ["print(record"])
        #expect(completer.completions(of: "re").contains("require"))
        #expect(completer.completions(of: "re").contains("repeat"))
        #expect(completer.completions(of: "no_such_prefix") == [])
        #expect(completer.completions(of: "do") == ["do", "dofile"], "a keyword can begin a longer name")
        #expect(completer.completions(of: "x = 1") == [], "a number is not a name")
    }

    @Test func fieldsAfterDotAndMethodsAfterColon() throws {
        let (completer, _) = try makeCompleter()
        #expect(completer.completions(of: "string.fo") == ["string.format"])
        #expect(completer.completions(of: "record.") == ["record.compute", "record.count", "record.nested"],
                "names that are not identifiers or are keywords are left out")
        #expect(completer.completions(of: "record:") == ["record:compute"], "only functions after ':'")
        #expect(completer.completions(of: "holder:") == ["holder:callable"], "tables with __call count as methods")
        #expect(completer.completions(of: "record.nested.l") == ["record.nested.leaf", "record.nested.list"])
        #expect(completer.completions(of: "x = record.nested.list[1].d") == ["x = record.nested.list[1].deep"])
        #expect(completer.completions(of: "record[\"nested\"].le") == ["record[\"nested\"].leaf"])
    }

    @Test func stringValuesAndIndexChains() throws {
        let (completer, _) = try makeCompleter()
        #expect(completer.completions(of: "(\"x\"):up") == ["(\"x\"):upper"])
        #expect(completer.completions(of: "s = 'abc':rev") == ["s = 'abc':reverse"])
        #expect(completer.completions(of: "derived.") == ["derived.inherited", "derived.own"])
        #expect(completer.completions(of: "loop.x") == [], "a metatable loop ends")
    }

    @Test func userdataMethodsComeFromItsClass() throws {
        let (completer, _) = try makeCompleter()
        #expect(completer.completions(of: "probe:me") == ["probe:mean", "probe:measure"])
    }

    @Test func nothingRunsWhileCompleting() throws {
        let (completer, host) = try makeCompleter()
        #expect(completer.completions(of: "guarded.") == [])
        #expect(completer.completions(of: "guarded.a.b") == [])
        #expect(completer.completions(of: "guarded:") == [])
        try host.run(chunk: "assert(touched == false, 'a metamethod ran during completion')", name: "=check")
    }

    @Test func expressionsThatWouldNeedRunningCodeAreNotCompleted() throws {
        let (completer, _) = try makeCompleter()
        #expect(completer.completions(of: "f().") == [])
        #expect(completer.completions(of: "record[i].") == [])
        #expect(completer.completions(of: "tostring(\"x\"):") == [], "the string is an argument, not the value")
        #expect(completer.completions(of: "1.") == [])
        // after `..` a new expression starts
        #expect(completer.completions(of: "x = 'a' ..str") == ["x = 'a' ..string"])
    }
}
