/// What the library needs to know from a PNG's chunk list before libpng decodes it: whether the
/// bytes are a PNG at all, the sample depth, and whether the file states its colour encoding.
struct PNGSignature {
    static let magic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let bitDepth: Int
    /// The encoding exponent the file declares (stored = linear ^ gamma): from its sRGB chunk
    /// (libpng's 1/2.2 for sRGB) or its gAMA chunk; nil when it declares none.
    let gamma: Float?

    /// Nil when the bytes do not start like a PNG file (signature followed by an IHDR chunk).
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 33, Array(bytes[0..<8]) == PNGSignature.magic,
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        bitDepth = Int(bytes[24])
        var gammaChunk: Float? = nil, hasSRGBChunk = false
        var offset = 8
        // Walk the chunks (length, type, data, CRC) up to the first IDAT; a damaged length just ends
        // the walk, libpng reports the damage itself.
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            if type == "IDAT" { break }
            if type == "sRGB" { hasSRGBChunk = true }
            if type == "gAMA", length == 4, offset + 12 <= bytes.count {
                let value = bytes[offset + 8..<offset + 12].reduce(0) { $0 << 8 | Int($1) }
                if value > 0 { gammaChunk = Float(value) / 100_000 }
            }
            offset += 12 + length
        }
        gamma = hasSRGBChunk ? 0.45455 : gammaChunk
    }
}
