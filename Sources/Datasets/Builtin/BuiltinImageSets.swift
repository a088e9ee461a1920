import Foundation
import Tensors

extension BuiltinDatasets {
    /// The colour photographs decoded as RGB tensors [height, width, 3], each at its own size, in name order.
    public static func photographs(path: URL, dtype: DType = ImageLoading.defaultDType) throws -> [(name: String, image: Tensor)] {
        try ImageLoading.photographs(path: try setFolder("images", path: path).path, dtype: dtype)
    }

    /// The 200 face and non-face patches as one grey batch [200, 25, 25, 1] with labels 0 = face,
    /// 1 = other (the class folders in name order).
    public static func faceImages(path: URL, dtype: DType = ImageLoading.defaultDType) throws -> ImageSet {
        try ImageLoading.folder(path: try setFolder("faces", path: path).path, colorMode: .grayscale, dtype: dtype,
                                operation: "faces")
    }
}
