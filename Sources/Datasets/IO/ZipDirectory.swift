import Foundation

/// The table of contents of a zip archive, read from its central directory (zip64 included).
struct ZipDirectory {
    struct Entry {
        var name: String
        /// 0 = stored, 8 = deflated.
        var method: Int
        var compressedSize: Int
        /// Where the entry's data starts in the archive (after its local header).
        var dataStart: Int
    }

    let entries: [Entry]

    init(path: String, operation: String) throws {
        func fail(_ offset: Int, _ reason: String) -> DatasetError {
            DatasetError(operation, file: path, at: .byte(offset), reason)
        }
        func bytes(_ range: Range<Int>) throws -> [UInt8] {
            try ByteStream(path: path, operation: operation, compression: .none, range: range)
                .readElements(UInt8.self, count: range.count, what: "the zip directory")
        }
        let size = try fileSize(path: path, operation: operation)
        // The end-of-central-directory record (22 bytes and a comment of up to 65535) closes the file.
        let tailStart = max(0, size - 22 - 65535)
        let tail = try bytes(tailStart..<size)
        guard let endRecord = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            tail.uint32(at: $0) == 0x0605_4B50
        }) else {
            throw fail(size, "this is not a zip archive (.npz): no end-of-directory record")
        }
        var count = Int(tail.uint16(at: endRecord + 10))
        var directorySize = Int(tail.uint32(at: endRecord + 12))
        var directoryStart = Int(tail.uint32(at: endRecord + 16))
        if directoryStart == 0xFFFF_FFFF || count == 0xFFFF, endRecord >= 20, tail.uint32(at: endRecord - 20) == 0x0706_4B50 {
            // Zip64: a locator before the end record points at a larger end record.
            let recordOffset = fileOffset(tail.uint64(at: endRecord - 20 + 8))
            guard recordOffset + 56 <= size else { throw fail(endRecord, "the zip64 locator points past the end of the file") }
            let record = try bytes(recordOffset..<recordOffset + 56)
            guard record.uint32(at: 0) == 0x0606_4B50 else { throw fail(recordOffset, "the zip64 directory record is damaged") }
            count = fileOffset(record.uint64(at: 32))
            directorySize = fileOffset(record.uint64(at: 40))
            directoryStart = fileOffset(record.uint64(at: 48))
        }
        guard directoryStart + directorySize <= size else {
            throw fail(directoryStart, "the zip directory points past the end of the file (the archive is truncated)")
        }
        let directory = try bytes(directoryStart..<directoryStart + directorySize)
        var entries: [Entry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, directory.uint32(at: position) == 0x0201_4B50 else {
                throw fail(directoryStart + position, "the zip directory entry is damaged")
            }
            let nameLength = Int(directory.uint16(at: position + 28))
            let extraLength = Int(directory.uint16(at: position + 30))
            let commentLength = Int(directory.uint16(at: position + 32))
            guard position + 46 + nameLength + extraLength <= directory.count else {
                throw fail(directoryStart + position, "the zip directory entry is damaged")
            }
            let name = String(decoding: directory[position + 46..<position + 46 + nameLength], as: UTF8.self)
            var compressedSize = Int(directory.uint32(at: position + 20))
            var uncompressedSize = Int(directory.uint32(at: position + 24))
            var headerOffset = Int(directory.uint32(at: position + 42))
            // Sizes or offsets that do not fit 32 bits are in the zip64 extra field, in this order.
            var extra = position + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = directory.uint16(at: extra), length = Int(directory.uint16(at: extra + 2))
                var field = extra + 4
                let fieldEnd = min(field + length, extraEnd)
                func next64(_ value: inout Int) {
                    guard value == 0xFFFF_FFFF, field + 8 <= fieldEnd else { return }
                    value = fileOffset(directory.uint64(at: field))
                    field += 8
                }
                if id == 1 {
                    next64(&uncompressedSize)
                    next64(&compressedSize)
                    next64(&headerOffset)
                }
                extra += 4 + length
            }
            guard headerOffset + 30 <= size else {
                throw fail(directoryStart + position, "entry '\(name)' points past the end of the file (the archive is truncated)")
            }
            let local = try bytes(headerOffset..<headerOffset + 30)
            guard local.uint32(at: 0) == 0x0403_4B50 else {
                throw fail(headerOffset, "the local header of entry '\(name)' is damaged")
            }
            let dataStart = headerOffset + 30 + Int(local.uint16(at: 26)) + Int(local.uint16(at: 28))
            guard dataStart + compressedSize <= size else {
                throw fail(dataStart, "entry '\(name)' runs past the end of the file (the archive is truncated)")
            }
            entries.append(Entry(name: name, method: Int(directory.uint16(at: position + 10)),
                                 compressedSize: compressedSize, dataStart: dataStart))
            position += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }
}

/// A 64-bit size or offset from the archive as an Int, capped so that sums of two cannot overflow
/// (a damaged archive then fails the range checks instead of trapping).
private func fileOffset(_ value: UInt64) -> Int {
    Int(min(value, UInt64(Int.max / 4)))
}

func fileSize(path: String, operation: String) throws -> Int {
    var status = stat()
    guard stat(path, &status) == 0 else {
        throw DatasetError(operation, file: path, errno == ENOENT ? "no such file" : "cannot read the file")
    }
    return Int(status.st_size)
}

extension Array where Element == UInt8 {
    /// Little-endian integers at a byte offset.
    func uint16(at offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func uint32(at offset: Int) -> UInt32 { UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16 }
    func uint64(at offset: Int) -> UInt64 { UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32 }
}
