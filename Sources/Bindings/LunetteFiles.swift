import FileSupport
import Foundation
import LuaHost

// What Lua's standard library lacks for programs that keep their state in folders shared between
// processes (the tuner): a monotonic clock, folders, atomic writes and file locks.

/// A held lock as Lua sees it.
enum LockLua {
    nonisolated(unsafe) static let luaClass: LuaClass<FileLock> = {
        let luaClass = LuaClass<FileLock>(name: "Lock", summary: """
            An exclusive lock on a lock file (lunette.lock), shared with other processes through flock. \
            lock:unlock() releases it, as do the collector and the end of the process.
            """)
        luaClass.declare("unlock", LuaSignature(
            summary: "Releases the lock (nothing happens if it is released already).",
            example: """
                local lock = lunette.lock('unlock.lock')
                lock:unlock()
                print(lock:held())
                """)) { _, lock in
            lock.unlock()
            return 0
        }
        luaClass.declare("held", LuaSignature(
            returns: "a boolean",
            summary: "Whether the lock is still held.",
            example: """
                local lock = lunette.lock('held.lock')
                print(lock:held())
                """)) { call, lock in
            call.push(lock.isHeld)
        }
        luaClass.metamethod("__tostring") { call in
            let lock = try call.object(1, luaClass)
            return call.push("Lock('\(lock.path)'\(lock.isHeld ? "" : ", released"))")
        }
        return luaClass
    }()
}

func declareFileFunctions(_ module: LuaModule) {
    let pathParameter = LuaParameter("path", .string, "a file or folder")

    module.declare("clock", LuaSignature(
        returns: "seconds, a number",
        summary: """
            Seconds on a clock that never goes back, for durations (os.clock counts the CPU time of all \
            threads, os.time whole seconds), as Python's time.monotonic.
            """,
        example: """
            local start = lunette.clock()
            print(lunette.clock() - start >= 0)
            """)) { call in
        call.push(FileLock.now())
    }

    module.declare("mkdir", LuaSignature(
        parameters: [pathParameter], returns: "true",
        summary: "Makes the folder and its parents, as Python's os.makedirs(path, exist_ok=True); an existing folder is fine.",
        example: """
            print(lunette.mkdir('runs/first'), lunette.exists('runs/first'))
            """)) { call in
        let path = try pathArgument(call, 1)
        do { try Folders.make(path) } catch { throw LuaError.message("\(call.name): \(error)") }
        return call.push(true)
    }

    module.declare("listdir", LuaSignature(
        parameters: [pathParameter], returns: "a list of names, sorted",
        summary: "The names in a folder, sorted, as Python's sorted(os.listdir(path)).",
        example: """
            lunette.mkdir('listed/b')
            lunette.mkdir('listed/a')
            print(table.concat(lunette.listdir('listed'), ' '))
            """)) { call in
        let path = try pathArgument(call, 1)
        do { return call.push(try Folders.list(path)) } catch { throw LuaError.message("\(call.name): \(error)") }
    }

    module.declare("exists", LuaSignature(
        parameters: [pathParameter], returns: "'file', 'directory', 'other', or false",
        summary: "What is at a path, if anything.",
        example: """
            lunette.write_file('note.txt', 'hello')
            print(lunette.exists('note.txt'), lunette.exists('missing.txt'))
            """)) { call in
        let path = try pathArgument(call, 1)
        guard let kind = Folders.kind(of: path) else { return call.push(false) }
        return call.push(kind.rawValue)
    }

    module.declare("write_file", LuaSignature(
        parameters: [pathParameter, LuaParameter("contents", .string, "the bytes to write (text or binary)")],
        returns: "true",
        summary: "Replaces the file atomically: readers see the old or the new contents, never a part.",
        example: """
            lunette.write_file('state.txt', 'step 1')
            print(io.open('state.txt'):read('a'))
            """)) { call in
        let path = try pathArgument(call, 1)
        try call.withBytes(2, expected: "a string (the file's contents)") { bytes in
            do { try AtomicFile.write(bytes, to: path, syncToDisk: true) } catch { throw LuaError.message("\(call.name): \(error)") }
        }
        return call.push(true)
    }

    module.declare("lock", LuaSignature(
        parameters: [LuaParameter("path", .string, "the lock file (made if missing)")],
        options: [LuaOption("timeout", .number, default: .described("wait as long as it takes"), "the most seconds to wait")],
        returns: "a Lock; or nil and a message when the timeout passed",
        summary: """
            An exclusive lock on the lock file `path`, shared with other processes (flock), as Python's \
            filelock: waits for it, at most `timeout` seconds when given.
            """,
        example: """
            local lock = lunette.lock('work.lock', {timeout = 1})
            print(lock)
            lock:unlock()
            """)) { call in
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
