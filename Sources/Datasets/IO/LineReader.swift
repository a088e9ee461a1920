import Foundation

/// Splits a `ByteStream` into lines (ending in \n, \r\n or the end of the data) without copying them
/// into Strings. A line handed out is valid until the next call.
public final class LineReader {
    public let stream: ByteStream
    /// The number of the line last returned, counted from 1.
    public private(set) var lineNumber = 0

    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private var atEnd = false

    public init(_ stream: ByteStream, capacity: Int = 1 << 20) {
        self.stream = stream
        buffer = .allocate(byteCount: max(capacity, 1024), alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The next line without its line ending, or nil after the last one.
    public func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        var searchFrom = start
        while true {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if searchFrom < end, let found = memchr(base + searchFrom, 0x0A, end - searchFrom) {
                let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                return takeLine(upTo: newline, skipping: 1)
            }
            if atEnd {
                if start == end { return nil }
                return takeLine(upTo: end, skipping: 0)
            }
            searchFrom = end - start
            try refill()
        }
    }

    /// The first bytes of the data (up to `count`) without consuming them, for sniffing a format.
    public func peek(_ count: Int) throws -> UnsafeBufferPointer<UInt8> {
        while end - start < count && !atEnd { try refill() }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: base + start, count: min(count, end - start))
    }

    private func takeLine(upTo lineEnd: Int, skipping terminator: Int) -> UnsafeBufferPointer<UInt8> {
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var length = lineEnd - start
        if length > 0 && base[start + length - 1] == 0x0D { length -= 1 }
        let line = UnsafeBufferPointer(start: base + start, count: length)
        start = lineEnd + terminator
        lineNumber += 1
        return line
    }

    /// Keeps the unread bytes, moved to the front (growing the buffer for a very long line), and reads more.
    private func refill() throws {
        let unread = end - start
        if unread == buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: unread)
            buffer.deallocate()
            buffer = larger
        } else if start > 0 && unread > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: unread)
        }
        start = 0
        end = unread
        let count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if count == 0 { atEnd = true }
        end += count
    }
}
