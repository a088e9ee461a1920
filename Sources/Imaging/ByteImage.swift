/// An 8-bit image: the same layout as `Image` (HWC, 1 to 4 channels) with components 0...255, as
/// stored in an 8-bit PNG. The Lua layer turns it into a uint8 tensor.
public struct ByteImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public var bytes: [UInt8]

    public init(width: Int, height: Int, channels: Int, bytes: [UInt8]) throws {
        try Image.validate(width: width, height: height, channels: channels, operation: "ByteImage")
        guard bytes.count == width * height * channels else {
            throw ImagingError("ByteImage: \(bytes.count) bytes given for a \(width)x\(height) image with "
                               + "\(channels) channel(s), expected \(width * height * channels)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.bytes = bytes
    }

    init(uncheckedWidth width: Int, height: Int, channels: Int, bytes: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.bytes = bytes
    }
}

extension Image {
    /// Components 0...255 become 0...1.
    public init(_ bytes: ByteImage) {
        let pixels = bytes.bytes.withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: source.count) { target, count in
                for index in 0..<source.count { target[index] = Image.byteLevels[Int(source[index])] }
                count = source.count
            }
        }
        self.init(uncheckedWidth: bytes.width, height: bytes.height, channels: bytes.channels, pixels: pixels)
    }

    /// n / 255 for every byte n, correctly rounded (a multiplication by 1/255 is not).
    static let byteLevels: [Float] = (0...255).map { Float($0) / 255 }

    /// Values clamped to [0, 1] and rounded to the nearest of 256 levels; NaN becomes 0.
    public func toBytes() -> ByteImage {
        let bytes = pixels.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { target, count in
                for index in 0..<source.count {
                    let value = source[index]
                    // `!(value > 0)` also catches NaN.
                    target[index] = !(value > 0) ? 0 : value >= 1 ? 255 : UInt8(value * 255 + 0.5)
                }
                count = source.count
            }
        }
        return ByteImage(uncheckedWidth: width, height: height, channels: channels, bytes: bytes)
    }

    /// Every value clamped to [0, 1]; NaN becomes 0.
    public func clamped() -> Image {
        var result = self
        result.pixels.withUnsafeMutableBufferPointer { values in
            for index in 0..<values.count {
                let value = values[index]
                values[index] = !(value > 0) ? 0 : min(value, 1)
            }
        }
        return result
    }
}
