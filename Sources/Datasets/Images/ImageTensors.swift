import Imaging
import Tensors

/// Images as tensors: height x width x channels (HWC, as Keras), float32 in [0, 1] or uint8 0...255.
/// With `ImageTensor` (tensors read as images), the one bridge between Tensors and Imaging.
public enum ImageTensors {
    /// The image as a float32 tensor [height, width, channels].
    public static func tensor(_ image: Image) throws -> Tensor {
        try Tensor(image.pixels, shape: [image.height, image.width, image.channels])
    }

    /// The 8-bit image as a uint8 tensor [height, width, channels].
    public static func tensor(_ image: ByteImage) throws -> Tensor {
        try Tensor(image.bytes, shape: [image.height, image.width, image.channels])
    }

    /// The image as a uint8 tensor [height, width, channels], each value rounded to the nearest of
    /// the 256 levels (values outside [0, 1] are clamped).
    public static func byteTensor(_ image: Image) throws -> Tensor {
        try tensor(image.toBytes())
    }

    /// An image from a tensor [height, width] or [height, width, channels] with 1 to 4 channels:
    /// float32 values are taken as they are, uint8 values divided by 255.
    public static func image(_ tensor: Tensor, operation: String) throws -> Image {
        try ImageTensor(tensor, .single, operation: operation).image(0)
    }
}

extension DefaultStringInterpolation {
    /// A tensor shape as the Lua side prints it: (2, 3).
    mutating func appendInterpolation(tensorShape shape: [Int]) {
        appendLiteral("(" + shape.map(String.init).joined(separator: ", ") + ")")
    }
}
