import CLua
import FileSupport
import Foundation
import LuaHost
import NN
import Tensors

/// `lunette.cells`: the Swift half of the cell boundaries and the cell cache, for the Lua half in
/// CellStateLua.swift only (scripts have no use for it). Binary strings (bytecode, generator state)
/// cross as bytes, not text.
func registerCellStateModule(in host: LuaHost, notebook: ScriptNotebook) {
    host.register(module: "lunette.cells") { module in
        module.function("cell_reached") { _ in
            notebook.cellReached()
            return 0
        }
        module.function("start_cell") { call in
            try notebook.startCell(try call.argument(1))
            return 0
        }
        module.function("caching") { call in call.push(notebook.cacheRun?.savesState(after: try call.argument(1)) ?? false) }
        module.function("mentioned_after") { call in
            let number: Int = try call.argument(1)
            return call.push(notebook.cacheRun.map { Array($0.script.namesMentioned(after: number)) } ?? [])
        }
        module.function("mentioned_anywhere") { call in
            call.push(notebook.cacheRun.map { Array($0.script.namesMentioned(after: 0)) } ?? [])
        }
        module.function("state_saved") { call in
            let run = try activeRun(notebook)
            try run.stateSaved(cell: try call.argument(1), manifest: try bytes(call, 2),
                               locals: try call.table(3).array(of: String.self), omitted: try call.table(4).array(of: String.self),
                               files: try call.table(5).array(of: String.self))
            return 0
        }
        module.function("state_failed") { call in
            notebook.cacheStopped(cell: try call.argument(1), reason: try call.argument(2))
            return 0
        }
        module.function("note_read") { call in
            FileReads.note(try call.argument(1, as: String.self))
            return 0
        }
        module.function("note_seed") { call in
            if let seed = try? call.argument(1, as: Int.self) { notebook.noteSeed(seed) }
            return 0
        }
        module.function("store") { call in
            let run = try activeRun(notebook)
            return call.push(try cacheFailure { try run.cache.storeContent(try bytes(call, 1), suffix: ".luac") })
        }
        module.function("read") { call in
            let run = try activeRun(notebook)
            return push(bytes: try cacheFailure { try run.read(try call.argument(1)) }, call)
        }
        module.function("is_tensor") { call in call.push((try? call.tensor(1)) != nil) }
        module.function("save_tensor") { call in
            let run = try activeRun(notebook)
            let tensor = try call.tensor(1)
            return call.push(try cacheFailure { try run.cache.storeContent(try CachedTensor.encode(tensor), suffix: ".tensor") })
        }
        module.function("load_tensor") { call in
            let run = try activeRun(notebook)
            return call.push(try cacheFailure { try CachedTensor.decode(try run.read(try call.argument(1))) })
        }
        module.function("is_model") { call in call.push((try? call.object(1, ModelLua.luaClass)) != nil) }
        module.function("is_compiled") { call in call.push(try call.object(1, ModelLua.luaClass).optimizer != nil) }
        module.function("save_model") { call in
            let run = try activeRun(notebook)
            let model = try call.object(1, ModelLua.luaClass)
            return call.push(try run.saveModel(model))
        }
        module.function("load_model") { call in
            let run = try activeRun(notebook)
            return call.push(try cacheFailure { try NN.load(run.path(of: try call.argument(1))) }, ModelLua.luaClass)
        }
        module.function("load_optimizer_state") { call in
            let run = try activeRun(notebook)
            let model = try call.object(1, ModelLua.luaClass)
            try cacheFailure { try model.loadOptimizerState(run.path(of: try call.argument(2))) }
            return 0
        }
        module.function("random_state") { call in call.push(Random.state.map { Int(Int64(bitPattern: $0)) }) }
        module.function("set_random_state") { call in
            Random.state = try call.table(1).array(of: Int.self).map { UInt64(bitPattern: Int64($0)) }
            return 0
        }
        module.function("userdata_bytes") { call in
            guard call.type(1) == .userdata, let pointer = lua_touserdata(call.state, 1) else { throw call.mismatch(1, expected: "a userdata") }
            _ = lua_pushlstring(call.state, pointer.assumingMemoryBound(to: CChar.self), Int(lua_rawlen(call.state, 1)))
            return 1
        }
        module.function("set_userdata_bytes") { call in
            guard call.type(1) == .userdata, let pointer = lua_touserdata(call.state, 1) else { throw call.mismatch(1, expected: "a userdata") }
            let saved = try bytes(call, 2)
            guard saved.count == Int(lua_rawlen(call.state, 1)) else { throw call.invalid(2, "the saved state has another size") }
            saved.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return 0
        }
        module.function("replay") { call in
            let run = try activeRun(notebook)
            guard let state = try notebook.replayCachedCells(through: try call.argument(1), of: run) else { return call.pushNil() }
            return push(bytes: state, call)
        }
    }
}

private func activeRun(_ notebook: ScriptNotebook) throws -> CellCacheRun {
    guard let run = notebook.cacheRun else { throw LuaError.message("the cell cache is not in use") }
    return run
}

/// A Lua string's bytes, binary ones included.
private func bytes(_ call: LuaCall, _ index: Int32) throws -> [UInt8] {
    guard call.type(index) == .string else { throw call.mismatch(index, expected: "a string") }
    var length = 0
    let pointer = lua_tolstring(call.state, index, &length)!
    return Array(UnsafeRawBufferPointer(start: pointer, count: length))
}

private func push(bytes: Data, _ call: LuaCall) -> Int32 {
    bytes.withUnsafeBytes { _ = lua_pushlstring(call.state, $0.baseAddress, $0.count) }
    return 1
}

/// Errors of the cache's own files, named as such.
@discardableResult
private func cacheFailure<Result>(_ work: () throws -> Result) throws -> Result {
    do {
        return try work()
    } catch {
        throw LuaError.message("the cell cache: \(error) (run with --fresh to ignore the cache)")
    }
}
