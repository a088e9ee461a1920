import CZlib

extension NPZ {
    /// Writes the arrays as an uncompressed .npz archive (NumPy's `savez`): a zip archive with one
    /// stored entry "name.npy" per array, written atomically. Names must be distinct and not empty.
    public static func write(_ arrays: [NamedArray], to path: String) throws {
        let operation = "writeNPZ"
        var seen = Set<String>()
        for array in arrays {
            guard !array.name.isEmpty, !array.name.contains("/"), seen.insert(array.name).inserted else {
                throw DatasetError(operation, file: path, "array names must be distinct, not empty and without '/', got '\(array.name)'")
            }
        }
        var archive = ZipBuilder()
        for array in arrays {
            let bytes = try NPY.encoded(array.array, operation: operation, file: path)
            guard archive.add(name: array.name + ".npy", contents: bytes) else {
                throw DatasetError(operation, file: path, "the archive would exceed 4 GB, the most a plain zip file holds")
            }
        }
        try writeDataFile(archive.finish(), to: path, operation: operation)
    }
}

/// A zip archive of stored (uncompressed) entries built in memory: local headers with the data, then
/// the central directory and its end record. Dates are 1980-01-01, so equal inputs give equal bytes.
struct ZipBuilder {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var entryCount = 0

    /// Adds an entry; false when the archive would outgrow the 32-bit sizes of a plain zip file.
    mutating func add(name: String, contents: [UInt8]) -> Bool {
        let offset = bytes.count, nameBytes = Array(name.utf8)
        guard contents.count < 0xFFFF_FFFF, offset + 30 + nameBytes.count + contents.count < 0xFFFF_FFFF else { return false }
        let checksum = contents.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        // Fields shared by the local header and the directory entry: version 20, flags, method 0
        // (stored), time, date, CRC-32, compressed and uncompressed size, name length, extra length.
        var common: [UInt8] = []
        common.appendLittleEndian(UInt16(20))
        common.appendLittleEndian(UInt16(0))
        common.appendLittleEndian(UInt16(0))
        common.appendLittleEndian(UInt16(0))
        common.appendLittleEndian(UInt16(0x21))
        common.appendLittleEndian(checksum)
        common.appendLittleEndian(UInt32(contents.count))
        common.appendLittleEndian(UInt32(contents.count))
        common.appendLittleEndian(UInt16(nameBytes.count))
        common.appendLittleEndian(UInt16(0))

        bytes.appendLittleEndian(UInt32(0x0403_4B50))
        bytes += common + nameBytes + contents

        directory.appendLittleEndian(UInt32(0x0201_4B50))
        directory.appendLittleEndian(UInt16(20))     // made by: version 2.0
        directory += common
        directory.appendLittleEndian(UInt16(0))      // comment length
        directory.appendLittleEndian(UInt16(0))      // disk number
        directory.appendLittleEndian(UInt16(0))      // internal attributes
        directory.appendLittleEndian(UInt32(0))      // external attributes
        directory.appendLittleEndian(UInt32(offset))
        directory += nameBytes
        entryCount += 1
        return entryCount < 0xFFFF
    }

    func finish() -> [UInt8] {
        var result = bytes + directory
        result.appendLittleEndian(UInt32(0x0605_4B50))
        result.appendLittleEndian(UInt16(0))
        result.appendLittleEndian(UInt16(0))
        result.appendLittleEndian(UInt16(entryCount))
        result.appendLittleEndian(UInt16(entryCount))
        result.appendLittleEndian(UInt32(directory.count))
        result.appendLittleEndian(UInt32(bytes.count))
        result.appendLittleEndian(UInt16(0))
        return result
    }
}

private extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
