import CheckedArithmetic
import Foundation
import Tensors

/// Checks sizes a user chose (a padding length, a table size, a window) before arrays of that size are
/// made: a mistyped number fails with a message instead of exhausting the machine's memory.
enum MemoryBudget {
    /// Throws unless `count` elements of `elementSize` bytes fit in the memory a tensor may take
    /// (`Storage.memoryLimit`: physical memory, or `LUNETTE_MEMORY_LIMIT`).
    static func check(elements count: Int, elementSize: Int, operation: String, what: String) throws {
        guard count >= 0, let bytes = CheckedSize.product(count, elementSize),
              bytes <= Storage.memoryLimit else {
            throw DatasetError(operation, "\(what) would need \(count) elements, more than this machine's memory holds")
        }
    }
}
