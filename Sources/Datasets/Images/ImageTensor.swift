import CheckedArithmetic
import Imaging
import Tensors

/// The tensor shapes a function accepts as pictures (NHWC, as Keras): C is 1 (grey), 2 (grey +
/// alpha), 3 (RGB) or 4 (RGBA).
public enum ImageShapes: Sendable {
    /// One image: (H, W) or (H, W, C).
    case single
    /// One image, or a batch (N, H, W, C).
    case singleOrBatch
    /// A batch only: (N, H, W, C), or (N, H, W) for grey images such as MNIST's.
    case batch

    public var expected: String {
        switch self {
        case .single: return "an image tensor of shape (H, W) or (H, W, C) with C in 1...4"
        case .singleOrBatch: return "an image tensor of shape (H, W) or (H, W, C), or a batch (N, H, W, C), with C in 1...4"
        case .batch: return "a batch of images of shape (N, H, W) or (N, H, W, C) with C in 1...4"
        }
    }
}

/// The bridge between tensors and the Imaging library: a tensor checked to hold one image or a batch
/// of images, read image by image into `Image` values, and results gathered back into a tensor laid
/// out like it. float32 values are taken as they are ([0, 1] displays; other values pass through the
/// operations that compute with them); uint8 values 0...255 are read as n / 255.
public struct ImageTensor {
    /// Contiguous, float32 or uint8.
    public let tensor: Tensor
    /// Number of images; nil for a single image.
    public let batch: Int?
    public let height: Int
    public let width: Int
    public let channels: Int
    /// False when the tensor has no channel dimension ((H, W) or (N, H, W)): grey results keep that layout.
    public let hasChannelAxis: Bool

    public var count: Int { batch ?? 1 }
    /// Values per image.
    public var imageSize: Int { height * width * channels }

    /// The operation that errors name.
    let operation: String

    /// Checks `tensor`: a `DatasetError` of `operation` says what is wrong ("expected ..., got shape
    /// ..."). `allowBytes` is false where values are not pixel levels (L*a*b*).
    public init(_ tensor: Tensor, _ shapes: ImageShapes, allowBytes: Bool = true, operation: String) throws {
        func problem(_ reason: String) -> DatasetError { DatasetError(operation, reason) }
        let expectedTypes = allowBytes ? "a float32 or uint8 tensor" : "a float32 tensor"
        guard tensor.dtype == .float32 || (allowBytes && tensor.dtype == .uint8) else {
            throw problem("expected \(expectedTypes), got a tensor of dtype \(tensor.dtype)")
        }
        let sizes = tensor.shape.array
        var batch: Int? = nil
        var imageSizes = sizes
        switch (shapes, sizes.count) {
        case (.single, 2), (.single, 3), (.singleOrBatch, 2), (.singleOrBatch, 3):
            break
        case (.single, 4):
            throw problem("expected \(shapes.expected), got shape \(tensor.shape) (a batch: take one image "
                          + "with t[i], or put them side by side with image.grid(t))")
        case (.singleOrBatch, 4), (.batch, 3), (.batch, 4):
            batch = sizes[0]
            imageSizes = Array(sizes.dropFirst())
        default:
            throw problem("expected \(shapes.expected), got shape \(tensor.shape)")
        }
        let channels = imageSizes.count == 3 ? imageSizes[2] : 1
        guard (1...4).contains(channels) else {
            throw problem("expected \(shapes.expected), got shape \(tensor.shape)")
        }
        guard sizes.allSatisfy({ $0 > 0 }) else {
            throw problem("expected \(shapes.expected), got an empty tensor of shape \(tensor.shape)")
        }
        guard let pixelCount = CheckedSize.product(imageSizes[0], imageSizes[1]), pixelCount <= Image.maximumPixelCount else {
            throw problem("is an image of \(imageSizes[1])x\(imageSizes[0]) pixels, more than the "
                          + "\(Image.maximumPixelCount) the image functions accept")
        }
        self.tensor = try tensor.contiguous()
        self.operation = operation
        self.batch = batch
        height = imageSizes[0]
        width = imageSizes[1]
        self.channels = channels
        hasChannelAxis = imageSizes.count == 3
    }

    /// Image `n` (0-based) of the tensor, copied in one pass.
    public func image(_ n: Int) throws -> Image {
        let start = n * imageSize, size = imageSize
        let pixels: [Float]
        if tensor.dtype == .uint8 {
            pixels = try tensor.withUnsafeBufferPointer(as: UInt8.self) { source in
                [Float](unsafeUninitializedCapacity: size) { target, count in
                    for index in 0..<size { target[index] = Float(source[start + index]) / 255 }
                    count = size
                }
            }
        } else {
            pixels = try tensor.withUnsafeBufferPointer(as: Float.self) { source in
                Array(UnsafeBufferPointer(rebasing: source[start..<start + size]))
            }
        }
        return try Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Every image of the tensor.
    public func images() throws -> [Image] { try (0..<count).map(image) }

    /// The single image of a uint8 tensor as 8-bit components, without converting them.
    public func byteImage() throws -> ByteImage {
        let bytes = try tensor.withUnsafeBufferPointer(as: UInt8.self) { Array($0) }
        return try ByteImage(width: width, height: height, channels: channels, bytes: bytes)
    }

    /// Applies `transform` to every image and gathers the results (all of one size) in a float32
    /// tensor laid out like this one: a batch stays a batch, and grey results of a tensor without a
    /// channel dimension have none either.
    public func map(_ transform: (Image) throws -> Image) throws -> Tensor {
        try mapIndexed { _, image in try transform(image) }
    }

    /// Like `map`; the transform also receives the image's position in the batch (0-based).
    public func mapIndexed(_ transform: (Int, Image) throws -> Image) throws -> Tensor {
        var output: PixelOutput<Float>? = nil
        for n in 0..<count {
            let result = try transform(n, image(n))
            if output == nil { output = try PixelOutput(like: self, result.height, result.width, result.channels) }
            try output?.write(result.pixels, at: n, operation: operation)
        }
        guard let tensor = output?.tensor else { throw DatasetError(operation, "no images to transform") }
        return tensor
    }

    /// Like `map`, for transforms giving 8-bit images: the result is a uint8 tensor.
    public func mapToBytes(_ transform: (Image) throws -> ByteImage) throws -> Tensor {
        var output: PixelOutput<UInt8>? = nil
        for n in 0..<count {
            let result = try transform(image(n))
            if output == nil { output = try PixelOutput(like: self, result.height, result.width, result.channels) }
            try output?.write(result.bytes, at: n, operation: operation)
        }
        guard let tensor = output?.tensor else { throw DatasetError(operation, "no images to transform") }
        return tensor
    }

    /// The dimensions holding rows and columns (for operations done on the tensor itself).
    public var rowDimension: Int { batch == nil ? 0 : 1 }
    public var columnDimension: Int { rowDimension + 1 }
}

/// The tensor that collects the results of `ImageTensor.map`, image by image.
private struct PixelOutput<Element: TensorElement> {
    let tensor: Tensor
    let imageSize: Int

    init(like input: ImageTensor, _ height: Int, _ width: Int, _ channels: Int) throws {
        var shape = [height, width]
        if channels > 1 || input.hasChannelAxis { shape.append(channels) }
        if let batch = input.batch { shape.insert(batch, at: 0) }
        tensor = try Tensor.empty(shape, dtype: Element.dtype)
        imageSize = height * width * channels
    }

    func write(_ values: [Element], at n: Int, operation: String) throws {
        guard values.count == imageSize else {
            throw DatasetError(operation, "the images of a batch must all give results of one size")
        }
        try tensor.withUnsafeMutableBufferPointer(as: Element.self) { target in
            values.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                (to + n * imageSize).update(from: from, count: imageSize)
            }
        }
    }
}
