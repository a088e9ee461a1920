import CZlib
import Foundation

/// Minimal 8-bit PNG encoding and decoding for tests: pictures the tests hand to the report, and the
/// browser's screenshot read back. Only what these tests need: no interlacing, no palettes. (zlib is
/// reachable here because the executable's libraries link it.)
enum PNGFile {
    struct Header {
        let width: Int
        let height: Int
        let channels: Int
    }

    /// An RGB picture whose pixel (x, y) is `color(x, y)`.
    static func rgb(width: Int, height: Int, _ color: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0) // filter: none
            for x in 0..<width {
                let (r, g, b) = color(x, y)
                raw += [r, g, b]
            }
        }
        var header: [UInt8] = []
        for value in [width, height] { header += bigEndian(UInt32(value)) }
        header += [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", header) + chunk("IDAT", deflate(raw)) + chunk("IEND", [])
        return Data(png)
    }

    /// Decodes 8-bit grey, grey+alpha, RGB or RGBA one row at a time (`body` gets the row number and
    /// its samples), so a large screenshot is read without holding it whole; nil for other PNGs.
    static func forEachRow(_ data: Data, _ body: (Int, [UInt8]) -> Void) -> Header? {
        let bytes = [UInt8](data)
        guard bytes.count > 33, bytes[1...3] == [0x50, 0x4E, 0x47] else { return nil }
        var offset = 8
        var header: Header?
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let chunk = bytes[(offset + 8)..<min(bytes.count, offset + 8 + length)]
            if type == "IHDR" {
                let fields = Array(chunk)
                let channels = [0: 1, 4: 2, 2: 3, 6: 4][Int(fields[9])] ?? 0
                guard fields[8] == 8, fields[12] == 0, channels > 0 else { return nil }
                header = Header(width: Int(fields[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }),
                                height: Int(fields[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }), channels: channels)
            } else if type == "IDAT" {
                compressed += chunk
            }
            offset += 12 + length
        }
        guard let header else { return nil }
        let stride = header.width * header.channels
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var filtered = [UInt8](repeating: 0, count: stride + 1)
        var previous = [UInt8](repeating: 0, count: stride)
        var row = previous
        return compressed.withUnsafeMutableBufferPointer { input -> Header? in
            stream.next_in = input.baseAddress
            stream.avail_in = uInt(input.count)
            for y in 0..<header.height {
                let status = filtered.withUnsafeMutableBufferPointer { output -> Int32 in
                    stream.next_out = output.baseAddress
                    stream.avail_out = uInt(output.count)
                    var status = Z_OK
                    while stream.avail_out > 0 && status == Z_OK { status = inflate(&stream, Z_NO_FLUSH) }
                    return stream.avail_out == 0 ? Z_OK : Z_DATA_ERROR
                }
                guard status == Z_OK, unfilter(filtered, previous: previous, into: &row, channels: header.channels) else { return nil }
                body(y, row)
                swap(&previous, &row)
            }
            return header
        }
    }

    /// Undoes a row's PNG filter (type in its first byte) against the row above.
    private static func unfilter(_ filtered: [UInt8], previous: [UInt8], into row: inout [UInt8], channels: Int) -> Bool {
        for i in 0..<row.count {
            let value = Int(filtered[i + 1])
            let left = i >= channels ? Int(row[i - channels]) : 0
            let up = Int(previous[i])
            let upLeft = i >= channels ? Int(previous[i - channels]) : 0
            let predicted: Int
            switch filtered[0] {
            case 0: predicted = 0
            case 1: predicted = left
            case 2: predicted = up
            case 3: predicted = (left + up) / 2
            case 4:
                let p = left + up - upLeft
                let (pa, pb, pc) = (abs(p - left), abs(p - up), abs(p - upLeft))
                predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
            default: return false
            }
            row[i] = UInt8((value + predicted) & 0xFF)
        }
        return true
    }

    private static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        let crc = UInt32(crc32(0, typed, uInt(typed.count)))
        return bigEndian(UInt32(body.count)) + typed + bigEndian(crc)
    }

    private static func deflate(_ raw: [UInt8]) -> [UInt8] {
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(raw.count))))
        var size = uLongf(compressed.count)
        _ = compress(&compressed, &size, raw, uLong(raw.count))
        return Array(compressed.prefix(Int(size)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
}
