import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Worker threads for large elementwise loops and large matrix products (BLAS itself runs
/// single-threaded on them): the machine's cores, at most 8.
public let workerCount: Int = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// Splits `0..<count` into one range per worker when there is enough work, else runs it on this thread.
@inline(__always)
func parallelRanges(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
    parallelParts(count, grain: grain) { _, range in body(range) }
}

/// Like `parallelRanges`, also passing each range's part number (0 ..< `parallelPartCount`).
@inline(__always)
func parallelParts(_ count: Int, grain: Int, _ body: (Int, Range<Int>) -> Void) {
    let parts = parallelPartCount(count, grain: grain)
    if parts <= 1 {
        body(0, 0..<count)
        return
    }
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            shared.value(part, (count * part / parts)..<(count * (part + 1) / parts))
        }
    }
}

/// How many parts `parallelParts` splits `count` elements into.
@inline(__always)
func parallelPartCount(_ count: Int, grain: Int) -> Int {
    min(workerCount, count / max(grain, 1))
}

/// Hands a value to worker threads that only read through it (pointers into disjoint output ranges).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
