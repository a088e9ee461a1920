import Datasets
import LuaHost

/// The iterator data.batches returns: calling it (as a generic `for` does) gives the next batch of
/// every array, then nil; `#batches` is the number of batches.
enum BatchesLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Batches> = {
        let luaClass = LuaClass<Batches>(name: "Batches", summary: """
            The iterator data.batches returns: calling it (as a generic `for` does) gives the next batch of \
            every array, then nil; `#batches` is the number of batches.
            """)
        luaClass.metamethod("__call") { call in
            try translatingErrors(call) {
                let batches = try call.object(1, luaClass)
                guard let batch = try batches.next() else { return call.pushNil() }
                return try call.push(all: batch.map { call.value($0) })
            }
        }
        luaClass.metamethod("__len") { call in
            call.push(try call.object(1, luaClass).count)
        }
        luaClass.metamethod("__tostring") { call in
            let batches = try call.object(1, luaClass)
            return call.push("Batches (\(batches.count) batches of up to \(batches.batchSize) rows, \(batches.arrays.count) arrays)")
        }
        return luaClass
    }()
}
