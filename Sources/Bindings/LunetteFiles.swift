import CLua
import FileSupport
import Foundation
import LuaHost

// What Lua's standard library lacks for programs that keep their state in folders shared between
// processes (the tuner): a monotonic clock, folders, atomic writes and file locks.
//
//   lunette.clock()                  seconds on a clock that never goes back (for durations)
//   lunette.mkdir(path)              makes the folder and its parents; an existing folder is fine
//   lunette.listdir(path)            the names in a folder, sorted
//   lunette.exists(path)             'file', 'directory', 'other', or false
//   lunette.write_file(path, text)   replaces the file atomically: readers see the old or the new
//   lunette.lock(path, {timeout = seconds})
//                                    an exclusive lock on the lock file `path` (flock, shared with
//                                    other processes); waits for it, at most `timeout` seconds when
//                                    given, then returns nil and a message. lock:unlock() releases it,
//                                    as do the collector and the end of the process; lock:held() says
//                                    whether it is still held.

/// A held lock as Lua sees it.
enum LockLua {
    nonisolated(unsafe) static let luaClass: LuaClass<FileLock> = {
        let luaClass = LuaClass<FileLock>(name: "Lock")
        luaClass.method("unlock") { _, lock in
            lock.unlock()
            return 0
        }
        luaClass.method("held") { call, lock in call.push(lock.isHeld) }
        luaClass.metamethod("__tostring") { call in
            let lock = try call.object(1, luaClass)
            return call.push("Lock('\(lock.path)'\(lock.isHeld ? "" : ", released"))")
        }
        return luaClass
    }()
}

func registerFileFunctions(_ module: LuaModule) {
    module.function("clock") { call in call.push(FileLock.now()) }
    module.function("mkdir") { call in
        let path = try pathArgument(call, 1)
        do { try Folders.make(path) } catch { throw LuaError.message("\(call.name): \(error)") }
        return call.push(true)
    }
    module.function("listdir") { call in
        let path = try pathArgument(call, 1)
        do { return call.push(try Folders.list(path)) } catch { throw LuaError.message("\(call.name): \(error)") }
    }
    module.function("exists") { call in
        let path = try pathArgument(call, 1)
        guard let kind = Folders.kind(of: path) else { return call.push(false) }
        return call.push(kind.rawValue)
    }
    module.function("write_file") { call in
        let path = try pathArgument(call, 1)
        guard call.type(2) == .string else { throw call.mismatch(2, expected: "a string (the file's contents)") }
        // The bytes as they are: the text may be binary, so it is not decoded.
        var length = 0
        let bytes = lua_tolstring(call.state, 2, &length)!
        do {
            try AtomicFile.write(UnsafeRawBufferPointer(start: bytes, count: length), to: path, syncToDisk: true)
        } catch { throw LuaError.message("\(call.name): \(error)") }
        return call.push(true)
    }
    module.function("lock") { call in
        let path = try pathArgument(call, 1)
        let options = try call.options(2)
        let timeout = try options.optional("timeout", as: Double.self)
        try options.rejectUnknown()
        if let timeout, !(timeout >= 0) { throw call.invalid(2, "option 'timeout' must be a number of seconds ≥ 0, got \(timeout)") }
        let host = call.host
        do {
            let lock = try FileLock(path: path, timeout: timeout, shouldStop: { try host.checkInterrupt() })
            return call.push(lock, LockLua.luaClass)
        } catch let failure as FileLock.Failure {
            if case .timedOut = failure { return call.push(Optional<Int>.none, "\(call.name): \(failure)") }
            throw LuaError.message("\(call.name): \(failure)")
        }
    }
}

/// A path argument: a non-empty string without NUL bytes (the system would cut the path at one).
private func pathArgument(_ call: LuaCall, _ index: Int32) throws -> String {
    let path = try call.argument(index, as: String.self)
    if path.isEmpty { throw call.invalid(index, "is an empty path") }
    if path.utf8.contains(0) { throw call.invalid(index, "contains a NUL byte, which no path can hold") }
    return path
}
