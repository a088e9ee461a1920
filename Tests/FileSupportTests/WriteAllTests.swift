import FileSupport
import Foundation
import Testing

@Suite struct WriteAllTests {
    /// A pipe holds 64 KiB; a reader drains it while the writer sends more, so the writer meets short writes.
    @Test func sendsEveryByteThroughShortWrites() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let reader = DrainingReader(ends[0])
        #expect(writeAll(bytes, to: ends[1]))
        close(ends[1])
        #expect(reader.wait() == bytes)
        close(ends[0])
    }

    @Test func reportsAFailedDescriptor() throws {
        let readOnly = open("/dev/null", O_RDONLY)
        try #require(readOnly >= 0)
        defer { close(readOnly) }
        #expect(!writeAll(Array("lost".utf8), to: readOnly))
        #expect(errno == EBADF)
    }
}

/// Reads a descriptor to its end on another thread.
private final class DrainingReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var bytes: [UInt8] = []

    init(_ descriptor: Int32) {
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                bytes += chunk[0..<count]
            }
            done.signal()
        }
    }

    func wait() -> [UInt8] {
        done.wait()
        return bytes
    }
}
