/// NumPy's .npz format: a zip archive of .npy files, entries stored or deflated. The central directory
/// at the end of the archive says where each entry is; entries are read straight from the file.
public enum NPZ {
    /// One array of an archive, named as in NumPy (the entry name without ".npy").
    public struct NamedArray: Sendable, Equatable {
        public var name: String
        public var array: TypedArray

        public init(name: String, array: TypedArray) {
            self.name = name
            self.array = array
        }
    }

    static let operation = "readNPZ"

    /// All arrays of the archive, in the order they are stored.
    public static func read(path: String) throws -> [NamedArray] {
        try entries(path: path).map { NamedArray(name: $0.name, array: try NPY.read($0.stream)) }
    }

    /// Each entry's name (without ".npy") and a stream of its decompressed bytes, in archive order.
    static func entries(path: String, operation: String = operation) throws -> [(name: String, stream: ByteStream)] {
        let entries = try ZipDirectory(path: path, operation: operation).entries
        return try entries.filter { !$0.name.hasSuffix("/") }.map { entry in
            let compression: ByteStream.Compression
            switch entry.method {
            case 0: compression = .none
            case 8: compression = .rawDeflate
            default:
                throw DatasetError(operation, file: path, at: .entry(entry.name),
                                   "compression method \(entry.method) is not supported (stored and deflated are)")
            }
            let stream = try ByteStream(path: path, operation: operation, compression: compression,
                                        range: entry.dataStart..<entry.dataStart + entry.compressedSize,
                                        displayName: "\(path), entry '\(entry.name)'")
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            return (name, stream)
        }
    }
}
