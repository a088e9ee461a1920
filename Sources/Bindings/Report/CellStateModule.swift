import FileSupport
import Foundation
import LuaHost
import NN
import Tensors

/// `lunette.cells`: the Swift half of the cell boundaries and the cell cache, for the Lua half in
/// CellStateLua.swift only (scripts have no use for it). Binary strings (bytecode, generator state)
/// cross as bytes, not text.
func registerCellStateModule(in host: LuaHost, notebook: ScriptNotebook) {
    // Internal: one declaration serves them all, and the reference leaves module tables with a dot out.
    let cacheStep = LuaSignature(summary: "Internal to the notebook's cell cache (CellStateLua.swift); not for scripts.")
    host.register(module: "lunette.cells", summary: cacheStep.summary) { module in
        module.declare("cell_reached", cacheStep) { _ in
            notebook.cellReached()
            return 0
        }
        module.declare("start_cell", cacheStep) { call in
            try notebook.startCell(try call.argument(1))
            return 0
        }
        module.declare("caching", cacheStep) { call in call.push(notebook.cacheRun?.savesState(after: try call.argument(1)) ?? false) }
        module.declare("mentioned_after", cacheStep) { call in
            let number: Int = try call.argument(1)
            return call.push(notebook.cacheRun.map { Array($0.script.namesMentioned(after: number)) } ?? [])
        }
        module.declare("mentioned_anywhere", cacheStep) { call in
            call.push(notebook.cacheRun.map { Array($0.script.namesMentioned(after: 0)) } ?? [])
        }
        module.declare("state_saved", cacheStep) { call in
            let run = try activeRun(notebook)
            try run.stateSaved(cell: try call.argument(1), manifest: try bytes(call, 2),
                               locals: try call.table(3).array(of: String.self), omitted: try call.table(4).array(of: String.self),
                               files: try call.table(5).array(of: String.self))
            return 0
        }
        module.declare("state_failed", cacheStep) { call in
            notebook.cacheStopped(cell: try call.argument(1), reason: try call.argument(2))
            return 0
        }
        module.declare("note_read", cacheStep) { call in
            FileReads.note(try call.argument(1, as: String.self))
            return 0
        }
        module.declare("note_seed", cacheStep) { call in
            if let seed = try? call.argument(1, as: Int.self) { notebook.noteSeed(seed) }
            return 0
        }
        module.declare("store", cacheStep) { call in
            let run = try activeRun(notebook)
            return call.push(try cacheFailure { try run.cache.storeContent(try bytes(call, 1), suffix: ".luac") })
        }
        module.declare("read", cacheStep) { call in
            let run = try activeRun(notebook)
            return push(bytes: try cacheFailure { try run.read(try call.argument(1)) }, call)
        }
        module.declare("is_tensor", cacheStep) { call in call.push((try? call.tensor(1)) != nil) }
        module.declare("save_tensor", cacheStep) { call in
            let run = try activeRun(notebook)
            let tensor = try call.tensor(1)
            return call.push(try cacheFailure { try run.cache.storeContent(try CachedTensor.encode(tensor), suffix: ".tensor") })
        }
        module.declare("load_tensor", cacheStep) { call in
            let run = try activeRun(notebook)
            return call.push(try cacheFailure { try CachedTensor.decode(try run.read(try call.argument(1))) })
        }
        module.declare("is_model", cacheStep) { call in call.push((try? call.object(1, ModelLua.luaClass)) != nil) }
        module.declare("is_compiled", cacheStep) { call in call.push(try call.object(1, ModelLua.luaClass).optimizer != nil) }
        module.declare("save_model", cacheStep) { call in
            let run = try activeRun(notebook)
            let model = try call.object(1, ModelLua.luaClass)
            return call.push(try run.saveModel(model))
        }
        module.declare("load_model", cacheStep) { call in
            let run = try activeRun(notebook)
            return call.push(try cacheFailure { try NN.load(run.path(of: try call.argument(1))) }, ModelLua.luaClass)
        }
        module.declare("load_optimizer_state", cacheStep) { call in
            let run = try activeRun(notebook)
            let model = try call.object(1, ModelLua.luaClass)
            try cacheFailure { try model.loadOptimizerState(run.path(of: try call.argument(2))) }
            return 0
        }
        module.declare("random_state", cacheStep) { call in call.push(Random.state.map { Int(Int64(bitPattern: $0)) }) }
        module.declare("set_random_state", cacheStep) { call in
            Random.state = try call.table(1).array(of: Int.self).map { UInt64(bitPattern: Int64($0)) }
            return 0
        }
        module.declare("userdata_bytes", cacheStep) { call in
            try call.withUserdataBytes(1) { call.push(bytes: UnsafeRawBufferPointer($0)) }
        }
        module.declare("set_userdata_bytes", cacheStep) { call in
            let saved = try bytes(call, 2)
            try call.withUserdataBytes(1) { block in
                guard saved.count == block.count else { throw call.invalid(2, "the saved state has another size") }
                block.copyMemory(from: UnsafeRawBufferPointer(start: saved, count: saved.count))
            }
            return 0
        }
        module.declare("replay", cacheStep) { call in
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
    try call.withBytes(index) { Array($0) }
}

private func push(bytes: Data, _ call: LuaCall) -> Int32 {
    bytes.withUnsafeBytes { call.push(bytes: $0) }
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
