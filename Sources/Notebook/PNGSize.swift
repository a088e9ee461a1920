import Foundation

/// The width and height a PNG declares in its header (the IHDR chunk right after the signature), which
/// also tells PNG data apart from anything else handed to the report as a picture.
public struct PNGSize: Equatable, Sendable {
    public let width: Int
    public let height: Int

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Nil when the bytes do not start like a PNG.
    public init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[0..<8]) == Self.signature,
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func bigEndian(_ offset: Int) -> Int {
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        width = bigEndian(16)
        height = bigEndian(20)
        guard width > 0, height > 0 else { return nil }
    }
}
