#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// One 64-byte-aligned block of memory that tensors view. Several tensors (views) may share a storage;
/// it is freed when the last of them goes away.
///
/// Every storage counts its bytes in process-wide atomic counters so that a host with its own garbage
/// collector (Lua) can account for tensor memory it does not see: `liveBytes` now, and the bytes allocated
/// since the host last asked (`takeAllocatedBytes()`), or a callback on each allocation.
public final class Storage: @unchecked Sendable {
    /// The first byte; aligned to `Storage.alignment`. Internal: writes from outside this module go through
    /// `Tensor.withUnsafeMutableBufferPointer`, which bumps `version` for autograd's in-place check.
    let pointer: UnsafeMutableRawPointer
    public let byteCount: Int
    /// What `malloc` returned, for `free`.
    private let allocation: UnsafeMutableRawPointer

    public static let alignment = 64

    /// Counts in-place writes, so that autograd notices when a tensor a recorded operation saved for its
    /// backward was changed afterwards.
    public internal(set) var version = 0

    /// Allocates `byteCount` bytes (uninitialized), or returns nil when the memory cannot be had.
    init?(byteCount: Int) {
        guard byteCount >= 0, byteCount <= Storage.memoryLimit else { return nil }
        _ = Storage.mallocConfigured
        // malloc and aligning by hand: glibc's posix_memalign is several times slower for the small
        // tensors that dominate per-op cost, and fragments its free lists.
        guard let raw = LargeBlockCache.take(byteCount + Storage.alignment - 1)
            ?? malloc(byteCount + Storage.alignment - 1) else { return nil }
        allocation = raw
        pointer = raw.alignedUp(toMultipleOf: Storage.alignment)
        self.byteCount = byteCount
        Storage.live.add(byteCount, ordering: .relaxed)
        Storage.allocatedSinceRead.add(byteCount, ordering: .relaxed)
        if Storage.hasObserver.load(ordering: .relaxed) {
            let observer = Storage.observer.withLock { $0 }
            observer?(byteCount)
        }
    }

    /// glibc returns blocks above its mmap threshold (128 KB, raised up to 32 MB as such blocks are freed)
    /// to the system when they are freed, and trims the top of its heap once 2 × that threshold is free:
    /// a training step that allocates and frees the same large activations every batch then pays page
    /// faults and zeroing of fresh pages for all of them (a fifth of an LSTM's training time in perf).
    /// Blocks up to 64 MB come from the heap and stay mapped for reuse, unless 256 MB lie free at its top.
    private static let mallocConfigured: Void = {
        #if canImport(Glibc)
        _ = glibcMallopt(-3, Int32(LargeBlockCache.threshold))  // M_MMAP_THRESHOLD (malloc.h, which the Glibc module does not import)
        _ = glibcMallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
        #endif
    }()

    deinit {
        if !LargeBlockCache.keep(allocation, bytes: byteCount + Storage.alignment - 1) { free(allocation) }
        Storage.live.subtract(byteCount, ordering: .relaxed)
    }

    // MARK: Memory accounting

    private static let live = Atomic<Int>(0)
    private static let allocatedSinceRead = Atomic<Int>(0)
    private static let hasObserver = Atomic<Bool>(false)
    private static let observer = Mutex<(@Sendable (Int) -> Void)?>(nil)

    /// Bytes held by all storages alive in the process now.
    public static var liveBytes: Int { live.load(ordering: .relaxed) }

    /// Bytes allocated since the previous call (or since the start), and resets that count to zero.
    public static func takeAllocatedBytes() -> Int {
        allocatedSinceRead.exchange(0, ordering: .relaxed)
    }

    /// Calls `observer` with the size of every storage allocated from now on (nil stops it). It runs on
    /// the allocating thread, inside tensor operations: it must be quick and must not allocate tensors.
    public static func setAllocationObserver(_ observer: (@Sendable (Int) -> Void)?) {
        Storage.observer.withLock { $0 = observer }
        hasObserver.store(observer != nil, ordering: .relaxed)
    }

    /// No single storage may exceed the machine's physical memory: a larger request is a mistake in the
    /// shape (it is refused with an error instead of being overcommitted and killed later).
    /// The most bytes one tensor (or one array of data read from a file) may take: the machine's physical
    /// memory, or less when `LUNETTE_MEMORY_LIMIT` (bytes) says so (a shared machine, the fuzzers).
    public static let memoryLimit: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        let physical = pages > 0 && pageSize > 0 ? pages * pageSize : Int.max
        let chosen = getenv("LUNETTE_MEMORY_LIMIT").flatMap { Int(String(cString: $0)) }
        return Swift.min(physical, chosen.map { Swift.max($0, 0) } ?? .max)
    }()
}

/// Freed blocks above glibc's mmap threshold (the activations of a large convolution: 100 MB for 256
/// channels of 100x100 at batch 10) would go back to the system and come back as fresh pages, faulted in
/// and zeroed on every training step (a sixth of that network's time). Up to `capacity` bytes of them wait
/// here for the next request of the same size, as training steps make.
enum LargeBlockCache {
    /// Also the mmap threshold Storage gives glibc: smaller blocks stay in its heap.
    static let threshold = 64 << 20
    static let capacity = Swift.min(1 << 30, Storage.memoryLimit / 8)
    /// Addresses by block size (as integers: raw pointers cannot cross the lock).
    private static let blocks = Mutex<(bySize: [Int: [Int]], total: Int)>(([:], 0))

    /// A kept block of exactly `bytes`, if there is one.
    static func take(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard bytes >= threshold else { return nil }
        let address: Int? = blocks.withLock { cache in
            guard let block = cache.bySize[bytes]?.popLast() else { return nil }
            cache.total -= bytes
            return block
        }
        return address.flatMap(UnsafeMutableRawPointer.init(bitPattern:))
    }

    /// Keeps a freed block for reuse; false when it is too small or the cache is full (free it then).
    static func keep(_ block: UnsafeMutableRawPointer, bytes: Int) -> Bool {
        guard bytes >= threshold else { return false }
        let address = Int(bitPattern: block)
        return blocks.withLock { cache in
            guard cache.total + bytes <= capacity else { return false }
            cache.bySize[bytes, default: []].append(address)
            cache.total += bytes
            return true
        }
    }
}

#if canImport(Glibc)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
