import CLua
import LuaShim

/// Lua's collector paces itself by the memory Lua allocates, and a tensor's userdata is a few bytes
/// while its buffer may be megabytes. Native allocations are therefore added to the collector's debt
/// (LUA_GCSTEP with a size), which makes it run its incremental steps as if Lua had allocated them.
final class ExternalMemoryCollector {
    /// Debt is handed over in steps of at least this many bytes, so small allocations cost nothing.
    private let stepBytes = 256 << 10
    private var pendingBytes = 0

    func noteAllocation(bytes: Int, state: OpaquePointer) {
        pendingBytes += bytes
        guard pendingBytes >= stepBytes else { return }
        let kilobytes = Int32(clamping: pendingBytes >> 10)
        pendingBytes = 0
        _ = lunette_gc(state, LUA_GCSTEP, kilobytes)
    }
}
