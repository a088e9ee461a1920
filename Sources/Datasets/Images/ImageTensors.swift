import Imaging
import Tensors

/// Images as tensors: height x width x channels (HWC, as Keras), float32 in [0, 1] or uint8 0...255.
public enum ImageTensors {
    /// The image as a float32 tensor [height, width, channels].
    public static func tensor(_ image: Image) throws -> Tensor {
        try Tensor(image.pixels, shape: [image.height, image.width, image.channels])
    }

    /// The image as a uint8 tensor [height, width, channels], each value rounded to the nearest of
    /// the 256 levels (values outside [0, 1] are clamped).
    public static func byteTensor(_ image: Image) throws -> Tensor {
        let bytes = image.toBytes()
        return try Tensor(bytes.bytes, shape: [bytes.height, bytes.width, bytes.channels])
    }

    /// An image from a tensor [height, width] or [height, width, channels] with 1 to 4 channels:
    /// float32 values are taken as they are, uint8 values divided by 255.
    public static func image(_ tensor: Tensor, operation: String) throws -> Image {
        let shape = Array(tensor.shape)
        guard shape.count == 2 || (shape.count == 3 && (1...4).contains(shape[2])) else {
            throw DatasetError(operation, "expected an image tensor of shape (H, W) or (H, W, C) with C in 1...4, got shape \(tensorShape: shape)")
        }
        let channels = shape.count == 3 ? shape[2] : 1
        switch tensor.dtype {
        case .float32:
            return try Image(width: shape[1], height: shape[0], channels: channels, pixels: tensor.toArray(Float.self))
        case .uint8:
            return Image(try ByteImage(width: shape[1], height: shape[0], channels: channels, bytes: tensor.toArray(UInt8.self)))
        default:
            throw DatasetError(operation, "expected a float32 or uint8 image tensor, got \(tensor.dtype)")
        }
    }
}

extension DefaultStringInterpolation {
    /// A tensor shape as the Lua side prints it: (2, 3).
    mutating func appendInterpolation(tensorShape shape: [Int]) {
        appendLiteral("(" + shape.map(String.init).joined(separator: ", ") + ")")
    }
}
