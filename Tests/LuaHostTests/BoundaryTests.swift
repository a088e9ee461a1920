import CLua
import Foundation
import LuaHost
import Testing

/// A native buffer owned by a Lua object, as a tensor's storage is.
final class Buffer {
    static let liveCount = Counter()
    let bytes: UnsafeMutableRawPointer
    let count: Int

    init(count: Int) {
        self.count = count
        bytes = .allocate(byteCount: count, alignment: 64)
        memset(bytes, 1, count) // touch the pages so they count as resident
        Buffer.liveCount.value += 1
    }

    deinit {
        bytes.deallocate()
        Buffer.liveCount.value -= 1
    }
}

final class Counter: @unchecked Sendable {
    var value = 0
}

/// Resident memory of this process, from /proc/self/statm.
func residentBytes() -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let pages = Int(text.split(separator: " ")[1]) ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// A host with a small test module: `t.fail()` always throws, `t.call(f, ...)` calls a Lua function
/// from Swift and returns its result, `t.buffer(n)` makes a Buffer, `t.add(a, b, opts)` reads options.
func makeHost() throws -> (LuaHost, LuaClass<Buffer>) {
    let host = try LuaHost()
    let buffers = LuaClass<Buffer>(name: "Buffer")
    var allocated = 0
    buffers.allocatedBytes = { defer { allocated = 0 }; return allocated }
    buffers.declare("size", testSignature) { call, buffer in call.push(buffer.count) }
    host.install(buffers)
    host.register(module: "t") { module in
        module.declare("fail", testSignature) { _ in throw LuaError.message("t.fail: it failed") }
        module.declare("call", testSignature) { call in
            let function = try call.function(1)
            let extra = call.count - 1
            let result: String = try function.call(arguments: { state in
                for index in 0..<extra { lua_pushvalue(state, 2 + index) }
                return extra
            }, results: { state, first, count in
                count > 0 ? String.read(state, first) ?? "?" : "none"
            })
            return call.push(result)
        }
        module.declare("buffer", testSignature) { call in
            let size: Int = try call.argument(1)
            guard size >= 0 else { throw call.invalid(1, "must not be negative, got \(size)") }
            let buffer = Buffer(count: size)
            allocated += size
            return call.push(buffer, buffers)
        }
        let addition = LuaSignature(
            parameters: [LuaParameter("a", .number, "a term"), LuaParameter("b", .number, "a term")],
            options: [LuaOption("scale", .number, default: .number(1), "factor of the sum"),
                      LuaOption("mode", .choice(["plain", "abs"]), default: .string("plain"), "'abs' takes the sum's magnitude")],
            returns: "a number", summary: "Adds two numbers.")
        module.declare("add", addition) { call in
            let options = try call.options(3)
            let scale: Double = try options.value("scale")
            let mode: String = try options.value("mode")
            try options.rejectUnknown()
            var sum = try call.argument(1, as: Double.self) + call.argument(2, as: Double.self)
            if mode == "abs" { sum = abs(sum) }
            return call.push(sum * scale)
        }
    }
    return (host, buffers)
}

/// In-process boundary tests. The resident-memory bound for failing calls is checked in its own
/// process by Tests/lua/test_boundary_memory.lua, since test suites here run in parallel.
@Suite(.serialized) struct BoundaryTests {
    @Test func swiftErrorsCarryTheCallersPosition() throws {
        let (host, _) = try makeHost()
        try host.run(chunk: """
            local t = require 't'
            local ok, message = pcall(function() t.fail() end)
            assert(message == 'test.lua:2: t.fail: it failed', message)
            -- called by pcall itself, a C function, there is no Lua line to show (as with Lua's own functions)
            local ok2, message2 = pcall(t.fail)
            assert(message2 == 't.fail: it failed', message2)
            """, name: "@test.lua")
    }

    @Test func callbackErrorsComeBackWithTheirMessage() throws {
        let (host, _) = try makeHost()
        try host.run(chunk: """
            local t = require 't'
            local ok, message = pcall(t.call, function() error('from the callback') end)
            assert(not ok and message == 'cb.lua:2: from the callback', message)
            -- error objects that are not strings arrive unchanged
            local ok2, object = pcall(t.call, function() error({code = 7}) end)
            assert(not ok2 and type(object) == 'table' and object.code == 7)
            assert(t.call(function(x) return x end, 'through') == 'through')
            """, name: "@cb.lua")
    }

    @Test func nestedCallsWithErrorsAtEachLevel() throws {
        let (host, _) = try makeHost()
        try host.run(chunk: """
            local t = require 't'
            -- Lua -> Swift -> Lua -> Swift (fails) -> caught in the inner Lua function
            local r = t.call(function()
              local ok, m = pcall(t.fail)
              assert(not ok and m:find('t.fail: it failed'))
              return 'inner handled'
            end)
            assert(r == 'inner handled', r)
            -- the inner Swift error passes through both boundaries to the outer pcall
            local ok, m = pcall(t.call, function() return t.call(function() t.fail() end) end)
            assert(not ok and m == 'nest.lua:10: t.fail: it failed', m)
            -- three levels deep, each level adding a pcall
            for depth = 1, 200 do
              local ok3 = pcall(t.call, function() return t.call(function() return t.call(t.fail) end) end)
              assert(not ok3)
            end
            """, name: "@nest.lua")
    }

    @Test func indexFallbackErrorsCarryTheScriptPosition() throws {
        final class Row {}
        let host = try LuaHost()
        let rows = LuaClass<Row>(name: "Row")
        rows.declare("width", testSignature) { call, _ in call.push(3) }
        rows.index { call, _ in
            let key: Int = try call.argument(2)
            throw LuaError.message("index \(key) out of range for dimension 1 of size 3")
        }
        host.install(rows)
        let row = Row()
        host.setGlobal("row") { call in call.push(row, rows) }
        try host.run(chunk: """
            local r = row()
            assert(r:width() == 3)
            local ok, message = pcall(function() return r[5] end)
            assert(message == 'rows.lua:3: index 5 out of range for dimension 1 of size 3', message)
            """, name: "@rows.lua")
    }

    @Test func callableModule() throws {
        let host = try LuaHost()
        host.register(module: "m") { module in
            module.declare("twice", testSignature) { call in call.push(2 * (try call.argument(1, as: Double.self))) }
            module.call { call in call.push(10 * (try call.argument(2, as: Double.self))) }
        }
        try host.run(chunk: """
            local m = require 'm'
            assert(m(4) == 40 and m.twice(4) == 8)
            local ok, message = pcall(function() return m('x') end)
            assert(message == 'm.lua:3: m: argument #1 expected a number, got string', message)
            """, name: "@m.lua")
    }

    @Test func nestedTablesOfFunctions() throws {
        let host = try LuaHost()
        host.register(module: "m") { module in
            module.table("losses") { losses in
                losses.declare("half", testSignature) { call in call.push((try call.argument(1, as: Double.self)) / 2) }
                losses.value("count", 1)
                losses.table("deeper") { deeper in deeper.declare("one", testSignature) { call in call.push(1) } }
            }
        }
        try host.run(chunk: """
            local m = require 'm'
            assert(m.losses.half(3) == 1.5 and m.losses.count == 1 and m.losses.deeper.one() == 1)
            local ok, message = pcall(function() return m.losses.half('x') end)
            assert(message == 'n.lua:3: m.losses.half: argument #1 expected a number, got string', message)
            """, name: "@n.lua")
    }

    @Test func errorsCanWordTheirMessageForLua() throws {
        struct ZeroBasedError: LuaMessageConvertible, CustomStringConvertible {
            let dim: Int
            var description: String { "no dimension \(dim)" }
            var luaMessage: String { "no dimension \(dim + 1)" }
        }
        struct PlainError: Error, CustomStringConvertible {
            var description: String { "plain description" }
        }
        let host = try LuaHost()
        host.setGlobal("fail_converted") { _ in throw ZeroBasedError(dim: 2) }
        host.setGlobal("fail_plain") { _ in throw PlainError() }
        try host.run(chunk: """
            local ok, message = pcall(function() fail_converted() end)
            assert(message == 'e.lua:1: no dimension 3', message)
            ok, message = pcall(function() fail_plain() end)
            assert(message == 'e.lua:3: plain description', message)
            """, name: "@e.lua")
    }

    @Test func argumentErrorsNameFunctionArgumentAndTypes() throws {
        let (host, _) = try makeHost()
        try host.run(chunk: """
            local t = require 't'
            local function message(f, ...) local ok, m = pcall(f, ...); assert(not ok); return m end
            assert(message(t.add, 'x', 2) == 't.add: argument #1 expected a number, got string')
            assert(message(t.add, 1) == 't.add: argument #2 expected a number, got no value')
            assert(message(function() return t.add(1, nil) end) == 'args.lua:5: t.add: argument #2 expected a number, got nil')
            assert(message(t.buffer, 1.5):find('t.buffer: argument #1 expected an integer, got number'))
            assert(message(t.buffer, -1):find('t.buffer: argument #1 must not be negative, got %-1'))
            assert(message(t.add, 1, 2, {scale = 'big'}):find("t.add: option 'scale' expected a number, got string"))
            assert(message(t.add, 1, 2, {mode = 'odd'}):find("t.add: option 'mode' must be one of 'plain', 'abs', got 'odd'"))
            assert(message(t.add, 1, 2, {scael = 2}):find("t.add: unknown option 'scael' %(known options: 'mode', 'scale'%)"))
            assert(message(t.add, 1, 2, 'fast'):find("t.add: argument #3 expected a table of options, got string"))
            assert(t.add(1, -4, {mode = 'abs', scale = 2}) == 6)
            local b = t.buffer(8)
            assert(message(b.size, 3):find('Buffer:size: expected a Buffer as self %(call it with \\':\\'%), got number'))
            assert(b:size() == 8)
            """, name: "@args.lua")
    }

    @Test func objectsKeepTheirIdentity() throws {
        let (host, buffers) = try makeHost()
        let shared = Buffer(count: 4)
        host.setGlobal("same") { call in call.push(shared, buffers) }
        try host.run(chunk: """
            local a, b = same(), same()
            assert(rawequal(a, b))
            local seen = {[a] = true}
            assert(seen[b])
            assert(tostring(a):find('^Buffer: '))
            """, name: "=identity")
    }

    @Test func collectorFreesLargeNativeBuffersInTime() throws {
        let (host, _) = try makeHost()
        let before = residentBytes()
        try host.run(chunk: """
            local t = require 't'
            for i = 1, 10000 do local temporary = t.buffer(4 * 1024 * 1024) end
            """, name: "=temporaries")
        let peakGrowth = residentBytes() - before
        print("10,000 × 4 MiB temporaries: resident grew by \(peakGrowth >> 20) MiB, \(Buffer.liveCount.value) buffers alive")
        #expect(peakGrowth < 200 << 20, "resident grew by \(peakGrowth >> 20) MB")
        #expect(Buffer.liveCount.value < 50, "\(Buffer.liveCount.value) buffers still alive")
    }

    @Test func interruptionStopsALoopAtASafePoint() throws {
        let (host, _) = try makeHost()
        host.handleInterrupts()
        host.setGlobal("request_interrupt") { _ in
            Thread.detachNewThread {
                usleep(50_000)
                kill(getpid(), SIGINT)
            }
            return 0
        }
        try host.run(chunk: """
            request_interrupt()
            local cleaned = false
            local ok, message = pcall(function() while true do end end)
            cleaned = true
            assert(not ok and message:find('interrupted'), message)
            assert(cleaned)
            """, name: "=interrupt")
    }
}

/// The declaration of a test function that documents nothing.
let testSignature = LuaSignature(summary: "A function of the tests.")
