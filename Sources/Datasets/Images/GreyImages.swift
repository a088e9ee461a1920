import CheckedArithmetic
import Imaging
import Tensors

/// Grey copies of colour images (ITU-R 601 luma, through the Imaging library), e.g. the inputs of a
/// colorization network whose targets are the colour images.
public enum GreyImages {
    /// [..., H, W, C] with C = 3 or 4 (alpha ignored) → [..., H, W, 1], float32 or uint8 as given.
    public static func grey(_ images: Tensor, operation: String = "grey") throws -> Tensor {
        let shape = Array(images.shape)
        guard shape.count >= 3, shape.last == 3 || shape.last == 4 else {
            throw DatasetError(operation, "expected colour images of shape (H, W, 3) or (N, H, W, 3) (or 4 channels), got shape \(tensorShape: shape)")
        }
        guard images.dtype == .float32 || images.dtype == .uint8 else {
            throw DatasetError(operation, "expected float32 or uint8 images, got \(images.dtype)")
        }
        let (height, width, channels) = (shape[shape.count - 3], shape[shape.count - 2], shape[shape.count - 1])
        let count = CheckedSize.product(shape.dropLast(3)) ?? 0, pixels = height * width // a tensor's sizes multiply within Int
        let output = try Tensor.empty(shape.dropLast() + [1], dtype: images.dtype)
        guard count > 0, pixels > 0 else { return output }
        let flat = try images.reshape([count, height, width, channels])
        for index in 0..<count {
            let grey = try ImageTensors.image(flat.select(0, index), operation: operation).converted(toChannels: 1)
            if images.dtype == .uint8 {
                try output.withUnsafeMutableBufferPointer(as: UInt8.self) { target in
                    grey.toBytes().bytes.withUnsafeBufferPointer { (target.baseAddress! + index * pixels).update(from: $0.baseAddress!, count: pixels) }
                }
            } else {
                try output.withUnsafeMutableBufferPointer(as: Float.self) { target in
                    grey.pixels.withUnsafeBufferPointer { (target.baseAddress! + index * pixels).update(from: $0.baseAddress!, count: pixels) }
                }
            }
        }
        return output
    }
}
