import Foundation
import Imaging
import Tensors

/// The channel layout images are brought to, named as in Keras' image loaders.
public enum ColorMode: String, Sendable, CaseIterable {
    case grayscale, rgb, rgba

    public var channels: Int {
        switch self {
        case .grayscale: return 1
        case .rgb: return 3
        case .rgba: return 4
        }
    }
}

/// Decoded images of a folder stacked into one batch.
public struct ImageSet {
    /// [count, height, width, channels], float32 in [0, 1] or uint8.
    public var images: Tensor
    /// The class id (0-based, classes in subfolder name order) of each image, int64 [count]; nil for
    /// a flat folder.
    public var labels: Tensor?
    /// The subfolder names; empty for a flat folder.
    public var classNames: [String]
    /// File names without extension.
    public var names: [String]
    public var source: URL
}

/// PNG files decoded by the Imaging library into tensors (height x width x channels).
public enum ImageLoading {
    /// Values in [0, 1]; resizing by area when shrinking, bilinear when enlarging.
    public static let defaultDType = DType.float32
    public static let defaultInterpolation = ResizeMethod.auto

    /// One PNG file; `colorMode` nil keeps the file's channels (grey 1, grey+alpha 2, RGB 3, RGBA 4).
    public static func file(path: String, colorMode: ColorMode? = nil, dtype: DType = defaultDType,
                            operation: String = "load_image") throws -> Tensor {
        var image = try decode(path: path, operation: operation)
        if let colorMode { image = try image.converted(toChannels: colorMode.channels) }
        return try tensor(image, dtype: dtype, operation: operation)
    }

    /// Every image of a flat folder, each at its own size, as RGB: (name, [height, width, 3]) in name order.
    public static func photographs(path: String, dtype: DType = defaultDType,
                                   operation: String = "images") throws -> [(name: String, image: Tensor)] {
        let listing = try ImageFolder.list(path: path)
        return try zip(listing.names, listing.files).map { name, file in
            (name, try self.file(path: file.path, colorMode: .rgb, dtype: dtype, operation: operation))
        }
    }

    /// The images of a folder (flat, or one subfolder per class) as one batch [count, height, width,
    /// channels]. `size` resizes every image (with `interpolation`); without it, all images must have
    /// the same size. `colorMode` nil means RGB when any image has colour, else grayscale.
    public static func folder(path: String, size: (height: Int, width: Int)? = nil, colorMode: ColorMode? = nil,
                              interpolation: ResizeMethod = defaultInterpolation, dtype: DType = defaultDType,
                              operation: String = "image_folder") throws -> ImageSet {
        try checkImageType(dtype, operation: operation)
        if let size, size.height < 1 || size.width < 1 {
            throw DatasetError(operation, "size must be positive, got \(size.height)x\(size.width)")
        }
        let listing = try ImageFolder.list(path: path)
        var images = try listing.files.map { try decode(path: $0.path, operation: operation) }
        let mode = colorMode ?? (images.contains { $0.channels >= 3 } ? .rgb : .grayscale)
        for index in images.indices {
            var image = try images[index].converted(toChannels: mode.channels)
            if let size {
                image = try image.resized(width: size.width, height: size.height, method: interpolation)
            } else if image.width != images[0].width || image.height != images[0].height {
                throw DatasetError(operation, file: listing.files[index].path,
                                   "this image is \(image.width)x\(image.height) but \(listing.files[0].lastPathComponent) is \(images[0].width)x\(images[0].height) (width x height); give a size to resize them all")
            }
            images[index] = image
        }
        let first = images[0]
        let batch = try Tensor.empty([images.count, first.height, first.width, mode.channels], dtype: dtype)
        let perImage = first.height * first.width * mode.channels
        if dtype == .uint8 {
            try batch.withUnsafeMutableBufferPointer(as: UInt8.self) { output in
                for (index, image) in images.enumerated() {
                    image.toBytes().bytes.withUnsafeBufferPointer { bytes in
                        (output.baseAddress! + index * perImage).update(from: bytes.baseAddress!, count: perImage)
                    }
                }
            }
        } else {
            try batch.withUnsafeMutableBufferPointer(as: Float.self) { output in
                for (index, image) in images.enumerated() {
                    image.pixels.withUnsafeBufferPointer { pixels in
                        (output.baseAddress! + index * perImage).update(from: pixels.baseAddress!, count: perImage)
                    }
                }
            }
        }
        return ImageSet(images: batch, labels: listing.labels.isEmpty ? nil : try int64Tensor(listing.labels),
                        classNames: listing.classNames, names: listing.names, source: listing.source)
    }

    /// Decodes a PNG file; a file that is not one is an error naming it.
    static func decode(path: String, operation: String) throws -> Image {
        let bytes = try ByteStream(path: path, operation: operation, compression: .none).readAll()
        do {
            return try PNG.decode(bytes, name: "this file")
        } catch let error as ImagingError {
            throw DatasetError(operation, file: path, error.message)
        }
    }

    static func tensor(_ image: Image, dtype: DType, operation: String) throws -> Tensor {
        try checkImageType(dtype, operation: operation)
        return dtype == .uint8 ? try ImageTensors.byteTensor(image) : try ImageTensors.tensor(image)
    }

    private static func checkImageType(_ dtype: DType, operation: String) throws {
        guard dtype == .float32 || dtype == .uint8 else {
            throw DatasetError(operation, "images load as float32 (values in [0, 1]) or uint8 (0 to 255), not \(dtype)")
        }
    }
}
