/// A raster image: `height` rows of `width` pixels of `channels` interleaved components (HWC order),
/// stored as floats. Channels: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA. Displayable values lie in
/// [0, 1]; operations keep whatever values they are given and `clamped()` brings them back.
public struct Image: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public var pixels: [Float]

    /// An image filled with one value per channel (`fill` has one entry, used for every channel, or
    /// `channels` entries).
    public init(width: Int, height: Int, channels: Int, fill: [Float] = [0]) throws {
        try Image.validate(width: width, height: height, channels: channels, operation: "Image")
        guard fill.count == 1 || fill.count == channels else {
            throw ImagingError("Image: fill has \(fill.count) values, expected 1 or \(channels) (one per channel)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        if fill.count == 1 {
            pixels = [Float](repeating: fill[0], count: width * height * channels)
        } else {
            pixels = [Float](unsafeUninitializedCapacity: width * height * channels) { buffer, count in
                for index in 0..<width * height { for c in 0..<channels { buffer[index * channels + c] = fill[c] } }
                count = width * height * channels
            }
        }
    }

    /// An image over existing pixel values, HWC order.
    public init(width: Int, height: Int, channels: Int, pixels: [Float]) throws {
        try Image.validate(width: width, height: height, channels: channels, operation: "Image")
        guard pixels.count == width * height * channels else {
            throw ImagingError("Image: \(pixels.count) pixel values given for a \(width)x\(height) image with "
                               + "\(channels) channel(s), expected \(width * height * channels)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// For library code that has already checked its sizes.
    init(uncheckedWidth width: Int, height: Int, channels: Int, pixels: [Float]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The largest image the library accepts, in pixels: far beyond any photo, small enough that
    /// sizes never overflow and a typo (an extra zero or two) fails clearly instead of exhausting memory.
    public static let maximumPixelCount = 1 << 28

    static func validate(width: Int, height: Int, channels: Int, operation: String) throws {
        guard width > 0, height > 0 else {
            throw ImagingError("\(operation): image size must be positive, got \(width)x\(height)")
        }
        guard (1...4).contains(channels) else {
            throw ImagingError("\(operation): channels must be 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA), got \(channels)")
        }
        guard width <= maximumPixelCount, height <= maximumPixelCount, width * height <= maximumPixelCount else {
            throw ImagingError("\(operation): image size \(width)x\(height) is too large (at most \(maximumPixelCount) pixels)")
        }
    }

    public var hasAlpha: Bool { channels == 2 || channels == 4 }
    public var isGrey: Bool { channels <= 2 }

    /// The value of channel `channel` at column `x`, row `y` (0-based); nil outside the image.
    public func value(x: Int, y: Int, channel: Int) -> Float? {
        guard (0..<width).contains(x), (0..<height).contains(y), (0..<channels).contains(channel) else { return nil }
        return pixels[(y * width + x) * channels + channel]
    }
}
