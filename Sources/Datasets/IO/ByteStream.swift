import FileSupport
import CheckedArithmetic
import CZlib
import FileSupport
import Foundation

/// Reads the bytes of a file (or of a byte range of it) in chunks, inflating them on the way when the
/// file is gzip-compressed (its name ends in .gz or it starts with the gzip magic 1f 8b) or when the
/// range is a raw deflate stream (a zip entry). Nothing is read into memory whole.
public final class ByteStream {
    public enum Compression: Sendable {
        /// Decide from the file: gzip when the name ends in ".gz" or the data starts with 1f 8b.
        case automatic
        case none
        case gzip
        /// A bare deflate stream without header, as inside zip archives.
        case rawDeflate
    }

    /// The file as the user named it.
    public let path: String
    /// What error messages call the data: the path, or e.g. "data.npz, entry 'x.npy'".
    public let displayName: String
    /// The operation that reads, for error messages (e.g. "readIDX").
    public let operation: String
    /// How many (decompressed) bytes have been delivered so far.
    public private(set) var offset = 0

    private let descriptor: Int32
    private var fileBytesLeft: Int          // bytes of the range not yet read from the file
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0, inputEnd = 0 // unread bytes of `input` when not inflating
    private var zstream: UnsafeMutablePointer<z_stream>?
    private var compressedConsumed = 0       // for error messages about corrupt compressed data
    private var finished = false

    private static let inputCapacity = 1 << 18

    /// Opens `path`. `range` limits reading to a byte range of the file (an archive member).
    public init(path: String, operation: String, compression: Compression = .automatic,
                range: Range<Int>? = nil, displayName: String? = nil) throws {
        self.path = path
        self.displayName = displayName ?? path
        self.operation = operation
        if let problem = FilePath.problem(with: path) { throw DatasetError(operation, problem) }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw DatasetError(operation, file: path, Self.describeOpenFailure(errno))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw DatasetError(operation, file: path, "this is a folder, not a file")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DatasetError(operation, file: path, Self.describeOpenFailure(errno))
        }
        FileReads.note(path)
        self.descriptor = descriptor
        fileBytesLeft = Int(status.st_size)
        if let range {
            guard range.lowerBound >= 0, range.upperBound <= Int(status.st_size),
                  lseek(descriptor, off_t(range.lowerBound), SEEK_SET) >= 0 else {
                close(descriptor)
                throw DatasetError(operation, file: path, at: .byte(range.lowerBound),
                                   "the byte range \(range) lies outside the file of \(status.st_size) bytes")
            }
            fileBytesLeft = range.count
        }
        // Small files and archive members need no full-size buffer.
        input = .allocate(byteCount: max(4096, min(Self.inputCapacity, fileBytesLeft)), alignment: 16)

        var mode = compression
        if mode == .automatic {
            try fillInput()
            let startsWithMagic = inputEnd - inputStart >= 2
                && input[inputStart] == 0x1f && input[inputStart + 1] == 0x8b
            mode = startsWithMagic || path.hasSuffix(".gz") ? .gzip : .none
        }
        if mode == .gzip || mode == .rawDeflate {
            try startInflating(windowBits: mode == .gzip ? 16 + MAX_WBITS : -MAX_WBITS)
        }
    }

    deinit {
        if let zstream {
            inflateEnd(zstream)
            zstream.deallocate()
        }
        input.deallocate()
        close(descriptor)
    }

    /// Deflate expands data at most 1032 times (zlib's technical notes); a little more for inflate's buffers.
    static let largestExpansion = 1032

    /// Whether the bytes are inflated from compressed data (then `maximumBytesLeft` is a bound, not a count).
    public var isInflating: Bool { zstream != nil }

    /// At most how many more bytes `read` can deliver, from the bytes of the file not yet inflated.
    public var maximumBytesLeft: Int {
        let unread = fileBytesLeft + (inputEnd - inputStart)
        guard zstream != nil else { return unread }
        return CheckedSize.product(unread, Self.largestExpansion).flatMap { CheckedSize.sum($0, 1 << 16) } ?? .max
    }

    /// Fills `buffer` as far as the data goes; returns the number of bytes written (less only at the end).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !buffer.isEmpty, !finished else { return 0 }
        var written = 0
        if let zstream {
            written = try inflate(zstream, into: buffer)
        } else {
            while written < buffer.count {
                if inputStart == inputEnd {
                    try fillInput()
                    if inputStart == inputEnd { finished = true; break }
                }
                let count = min(buffer.count - written, inputEnd - inputStart)
                (buffer.baseAddress! + written).copyMemory(from: input.baseAddress! + inputStart, byteCount: count)
                inputStart += count
                written += count
            }
        }
        offset += written
        return written
    }

    /// All the remaining bytes.
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    // MARK: - Private

    private static func describeOpenFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file (check the path, or set LUNETTE_DATA to the data folder)"
        case EACCES: return "permission denied"
        default: return "cannot open the file (\(String(cString: strerror(code))))"
        }
    }

    /// Moves unread input to the front and reads more of the file behind it.
    private func fillInput() throws {
        if inputStart > 0 {
            let unread = inputEnd - inputStart
            if unread > 0 { input.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: unread) }
            inputStart = 0
            inputEnd = unread
        }
        while inputEnd < input.count && fileBytesLeft > 0 {
            let wanted = min(input.count - inputEnd, fileBytesLeft)
            let count = Glibc.read(descriptor, input.baseAddress! + inputEnd, wanted)
            if count < 0 {
                if errno == EINTR { continue }
                throw DatasetError(operation, file: displayName, "reading failed (\(String(cString: strerror(errno))))")
            }
            if count == 0 { fileBytesLeft = 0; break }
            inputEnd += count
            fileBytesLeft -= count
        }
    }

    private func startInflating(windowBits: Int32) throws {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw DatasetError(operation, file: displayName, "zlib could not start decompressing (code \(status))")
        }
        zstream = stream
    }

    private func inflate(_ stream: UnsafeMutablePointer<z_stream>, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(buffer.count)
        while stream.pointee.avail_out > 0 {
            if inputStart == inputEnd {
                try fillInput()
                if inputStart == inputEnd {
                    throw DatasetError(operation, file: displayName, at: .byte(offset + buffer.count - Int(stream.pointee.avail_out)),
                                       "the compressed data ends early (the file is truncated or incomplete)")
                }
            }
            let available = inputEnd - inputStart
            stream.pointee.next_in = (input.baseAddress! + inputStart).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(available)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let used = available - Int(stream.pointee.avail_in)
            inputStart += used
            compressedConsumed += used
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // A gzip file may hold several members one after another; anything else ends the data.
                if inputStart == inputEnd { try fillInput() }
                if inputEnd - inputStart >= 2 && input[inputStart] == 0x1f && input[inputStart + 1] == 0x8b {
                    inflateReset(stream)
                    continue
                }
                finished = true
                return buffer.count - Int(stream.pointee.avail_out)
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "code \(status)"
                throw DatasetError(operation, file: displayName, at: .byte(compressedConsumed),
                                   "the compressed data is corrupt (\(message)); byte offset is in the compressed file")
            }
        }
        return buffer.count
    }
}
