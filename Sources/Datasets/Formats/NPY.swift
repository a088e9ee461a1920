import CheckedArithmetic
/// NumPy's .npy format: the magic "\u{93}NUMPY", a version (1.0, 2.0 or 3.0), the length of a header
/// that is a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }, then
/// the elements. Element types: f4 f8 u1 i1 i2 i4 i8, little- or big-endian.
public enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads a .npy file (gzip-compressed or not). Fortran-order arrays are returned in C order.
    public static func read(path: String) throws -> TypedArray {
        try read(try ByteStream(path: path, operation: "readNPY"))
    }

    /// Writes `array` as a version 1.0 .npy file (2.0 if the header is very long), atomically.
    public static func write(_ array: TypedArray, to path: String) throws {
        try writeDataFile(encoded(array, operation: "writeNPY", file: path), to: path, operation: "writeNPY")
    }

    /// The bytes of a .npy file holding `array`: header, then the elements little-endian.
    static func encoded(_ array: TypedArray, operation: String, file: String) throws -> [UInt8] {
        let expected = CheckedSize.product(array.shape)
        guard array.shape.allSatisfy({ $0 >= 0 }), expected == array.count else {
            throw DatasetError(operation, file: file,
                               "the shape \(array.shape) needs \(expected.map(String.init) ?? "too many") elements but the array has \(array.count)")
        }
        var bytes = headerBytes(descriptor: descriptor(of: array.elements), shape: array.shape)
        withLittleEndianBytes(of: array.elements) { bytes.append(contentsOf: $0) }
        return bytes
    }

    static func read(_ stream: ByteStream) throws -> TypedArray {
        let operation = stream.operation, file = stream.displayName
        let prefix = try stream.readElements(UInt8.self, count: 8, what: "the .npy header")
        guard Array(prefix[0..<6]) == magic else {
            throw DatasetError(operation, file: file, at: .byte(0), "this is not a .npy file (it does not start with \\x93NUMPY)")
        }
        let major = prefix[6]
        let headerLength: Int
        switch major {
        case 1:
            let bytes = try stream.readElements(UInt8.self, count: 2, what: "the .npy header length")
            headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        case 2, 3:
            let bytes = try stream.readElements(UInt8.self, count: 4, what: "the .npy header length")
            headerLength = bytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        default:
            throw DatasetError(operation, file: file, at: .byte(6), "unsupported .npy version \(major).\(prefix[7]) (1.0, 2.0 and 3.0 are read)")
        }
        let headerStart = stream.offset
        let headerBytes = try stream.readElements(UInt8.self, count: headerLength, what: "the .npy header")
        let header = try NPYHeader(parsing: String(decoding: headerBytes, as: UTF8.self),
                                   operation: operation, file: file, offset: headerStart)
        let count = CheckedSize.product(header.shape) ?? 0 // checked when the header was parsed
        let what = "the .npy data for shape \(header.shape)"
        let swap = header.bigEndian
        var elements: TypedArray.Elements
        switch header.type {
        case "u1": elements = .uint8(try stream.readElements(UInt8.self, count: count, what: what))
        case "i1": elements = .int8(try stream.readElements(Int8.self, count: count, what: what))
        case "i2": elements = .int16(try stream.readElements(Int16.self, count: count, what: what).map { swap ? $0.byteSwapped : $0 })
        case "i4": elements = .int32(try stream.readElements(Int32.self, count: count, what: what).map { swap ? $0.byteSwapped : $0 })
        case "i8": elements = .int64(try stream.readElements(Int64.self, count: count, what: what).map { swap ? $0.byteSwapped : $0 })
        case "f4":
            elements = .float32(try stream.readElements(UInt32.self, count: count, what: what)
                .map { Float(bitPattern: swap ? $0.byteSwapped : $0) })
        default:
            elements = .float64(try stream.readElements(UInt64.self, count: count, what: what)
                .map { Double(bitPattern: swap ? $0.byteSwapped : $0) })
        }
        if header.fortranOrder && header.shape.count > 1 {
            elements = FortranOrder.toCOrder(elements, shape: header.shape)
        }
        return TypedArray(shape: header.shape, elements: elements)
    }

    static func descriptor(of elements: TypedArray.Elements) -> String {
        switch elements {
        case .uint8: return "|u1"
        case .int8: return "|i1"
        case .int16: return "<i2"
        case .int32: return "<i4"
        case .int64: return "<i8"
        case .float32: return "<f4"
        case .float64: return "<f8"
        }
    }

    /// Magic, version, length and the dict, padded with spaces and a newline to a multiple of 64 bytes.
    /// Like NumPy, it leaves spaces for the first dimension to grow to 21 digits, so a file can be
    /// extended in place.
    static func headerBytes(descriptor: String, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(descriptor)', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        func paddedLength(lengthBytes: Int) -> Int {
            let unpadded = magic.count + 2 + lengthBytes + dict.utf8.count + 1
            return dict.utf8.count + 1 + (64 - unpadded % 64) % 64
        }
        // Version 1.0 stores the header length in 2 bytes; longer headers need version 2.0.
        let fitsVersion1 = paddedLength(lengthBytes: 2) <= 65535
        let version: UInt8 = fitsVersion1 ? 1 : 2, lengthBytes = fitsVersion1 ? 2 : 4
        let headerLength = paddedLength(lengthBytes: lengthBytes)
        let padding = headerLength - dict.utf8.count - 1
        var bytes = magic + [version, 0]
        for index in 0..<lengthBytes { bytes.append(UInt8((headerLength >> (8 * index)) & 0xFF)) }
        bytes += Array(dict.utf8) + Array(repeating: 0x20, count: padding) + [0x0A]
        return bytes
    }

    private static func withLittleEndianBytes<Result>(of elements: TypedArray.Elements,
                                                      _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        // The machines this runs on are little-endian, so the elements' memory is already in file order.
        switch elements {
        case .uint8(let values): return try values.withUnsafeBytes(body)
        case .int8(let values): return try values.withUnsafeBytes(body)
        case .int16(let values): return try values.map { $0.littleEndian }.withUnsafeBytes(body)
        case .int32(let values): return try values.map { $0.littleEndian }.withUnsafeBytes(body)
        case .int64(let values): return try values.map { $0.littleEndian }.withUnsafeBytes(body)
        case .float32(let values): return try values.map { $0.bitPattern.littleEndian }.withUnsafeBytes(body)
        case .float64(let values): return try values.map { $0.bitPattern.littleEndian }.withUnsafeBytes(body)
        }
    }
}

/// The parsed header dict of a .npy file.
struct NPYHeader {
    /// The element type without byte order: f4 f8 u1 i1 i2 i4 i8.
    var type: String
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]

    init(parsing text: String, operation: String, file: String, offset: Int) throws {
        func fail(_ reason: String) -> DatasetError {
            DatasetError(operation, file: file, at: .byte(offset), "the .npy header \(reason): \(text.trimmingSpaces)")
        }
        func value(of key: String) throws -> Substring {
            guard let keyRange = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\"") else {
                throw fail("has no '\(key)'")
            }
            let afterKey = text[keyRange.upperBound...].drop(while: { $0 == " " })
            guard afterKey.first == ":" else { throw fail("is not a dict") }
            return afterKey.dropFirst().drop(while: { $0 == " " })
        }
        let descr = try value(of: "descr")
        guard let quote = descr.first, quote == "'" || quote == "\"",
              let end = descr.dropFirst().firstIndex(of: quote) else {
            throw fail("has a 'descr' that is not a simple type string (structured arrays are not supported)")
        }
        let descriptor = descr[descr.index(after: descr.startIndex)..<end]
        guard descriptor.count == 3, let order = descriptor.first, "<>|=".contains(order),
              ["f4", "f8", "u1", "i1", "i2", "i4", "i8"].contains(String(descriptor.dropFirst())) else {
            throw fail("has the element type '\(descriptor)'; supported are <f4 <f8 |u1 |i1 <i2 <i4 <i8 (and big-endian >)")
        }
        type = String(descriptor.dropFirst())
        bigEndian = order == ">"

        let fortran = try value(of: "fortran_order")
        if fortran.hasPrefix("True") { fortranOrder = true }
        else if fortran.hasPrefix("False") { fortranOrder = false }
        else { throw fail("has a 'fortran_order' that is neither True nor False") }

        let shapeText = try value(of: "shape")
        guard shapeText.first == "(", let close = shapeText.firstIndex(of: ")") else { throw fail("has a 'shape' that is not a tuple") }
        let parts = shapeText[shapeText.index(after: shapeText.startIndex)..<close]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var dimensions: [Int] = []
        for part in parts {
            guard let dimension = Int(part.hasSuffix("L") ? String(part.dropLast()) : part), dimension >= 0 else {
                throw fail("has a shape entry '\(part)' that is not a size")
            }
            dimensions.append(dimension)
        }
        guard CheckedSize.product(dimensions) != nil else { throw fail("has a shape too large to hold") }
        shape = dimensions
    }
}
