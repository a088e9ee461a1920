import CheckedArithmetic
import Foundation

/// Checks sizes a user chose (a padding length, a table size, a window) before arrays of that size are
/// made: a mistyped number fails with a message instead of exhausting the machine's memory.
enum MemoryBudget {
    /// Throws unless `count` elements of `elementSize` bytes fit in the machine's physical memory.
    static func check(elements count: Int, elementSize: Int, operation: String, what: String) throws {
        guard count >= 0, let bytes = CheckedSize.product(count, elementSize),
              UInt64(bytes) <= ProcessInfo.processInfo.physicalMemory else {
            throw DatasetError(operation, "\(what) would need \(count) elements, more than this machine's memory holds")
        }
    }
}
