import CheckedArithmetic
/// The IDX format of MNIST and its relatives: a 4-byte magic (0, 0, element type, rank), the rank's
/// dimensions as big-endian UInt32, then the elements in big-endian C order.
public enum IDX {
    /// Reads an IDX file (gzip-compressed or not). `limit` reads only the first `limit` items along the
    /// first dimension (e.g. the first 1,000 images) without decompressing the rest.
    public static func read(path: String, limit: Int? = nil) throws -> TypedArray {
        let operation = "readIDX"
        if let limit, limit < 0 {
            throw DatasetError(operation, file: path, "limit must be 0 or more, got \(limit)")
        }
        let stream = try ByteStream(path: path, operation: operation)
        let magic = try stream.readElements(UInt8.self, count: 4, what: "the IDX header")
        guard magic[0] == 0, magic[1] == 0, let elementSize = elementSize(code: magic[2]) else {
            let hex = magic.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
            throw DatasetError(operation, file: path, at: .byte(0),
                               "wrong magic number 0x\(hex): an IDX file starts with 00 00, a type code 08, 09, 0B, 0C, 0D or 0E and the number of dimensions")
        }
        let rank = Int(magic[3])
        guard rank >= 1 else {
            throw DatasetError(operation, file: path, at: .byte(3), "the number of dimensions is 0")
        }
        var shape = try stream.readElements(UInt32.self, count: rank, what: "the IDX dimensions")
            .map { Int(UInt32(bigEndian: $0)) }
        if let limit { shape[0] = min(shape[0], limit) }
        guard let count = CheckedSize.product(shape), CheckedSize.product(count, elementSize) != nil else {
            throw DatasetError(operation, file: path, at: .byte(4), "the dimensions \(shape) are too large")
        }
        let what = "the IDX payload for shape \(shape)"
        let elements: TypedArray.Elements
        switch magic[2] {
        case 0x08: elements = .uint8(try stream.readElements(UInt8.self, count: count, what: what))
        case 0x09: elements = .int8(try stream.readElements(Int8.self, count: count, what: what))
        case 0x0B: elements = .int16(try stream.readElements(Int16.self, count: count, what: what).map { Int16(bigEndian: $0) })
        case 0x0C: elements = .int32(try stream.readElements(Int32.self, count: count, what: what).map { Int32(bigEndian: $0) })
        case 0x0D:
            elements = .float32(try stream.readElements(UInt32.self, count: count, what: what).map { Float(bitPattern: UInt32(bigEndian: $0)) })
        default:
            elements = .float64(try stream.readElements(UInt64.self, count: count, what: what).map { Double(bitPattern: UInt64(bigEndian: $0)) })
        }
        return TypedArray(shape: shape, elements: elements)
    }

    private static func elementSize(code: UInt8) -> Int? {
        switch code {
        case 0x08, 0x09: return 1
        case 0x0B: return 2
        case 0x0C, 0x0D: return 4
        case 0x0E: return 8
        default: return nil
        }
    }
}
