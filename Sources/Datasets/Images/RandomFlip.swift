import Tensors

/// Random mirror images for data augmentation, as Keras' RandomFlip layer: each image of a batch is
/// flipped left-right and/or upside-down, each with probability `probability`, independently.
public enum RandomFlip {
    public enum Mode: String, Sendable, CaseIterable {
        case horizontal, vertical
        case horizontalAndVertical = "horizontal_and_vertical"
    }

    /// Keras' defaults: left-right flips, each with probability 0.5.
    public static let defaultMode = Mode.horizontal
    public static let defaultProbability = 0.5

    /// A flipped copy of `batch` [count, height, width, channels] (any dtype).
    public static func apply(_ batch: Tensor, mode: Mode = defaultMode, probability: Double = defaultProbability, seed: UInt64,
                             operation: String = "random_flip") throws -> Tensor {
        guard batch.rank == 4 else {
            throw DatasetError(operation, "expected a batch of images of shape (N, H, W, C), got shape \(tensorShape: Array(batch.shape))")
        }
        guard probability >= 0, probability <= 1 else {
            throw DatasetError(operation, "the probability must lie in [0, 1], got \(probability)")
        }
        let input = try batch.contiguous()
        let output = try Tensor.empty(Array(batch.shape), dtype: batch.dtype)
        let (count, height, width) = (batch.shape[0], batch.shape[1], batch.shape[2])
        let pixelBytes = batch.shape[3] * batch.dtype.itemSize, rowBytes = width * pixelBytes
        var generator = SeededGenerator(seed: seed)
        try withBytes(of: input) { source in
            try withMutableBytes(of: output) { target in
                for image in 0..<count {
                    let flipRows = mode != .horizontal && generator.nextDouble() < probability
                    let flipColumns = mode != .vertical && generator.nextDouble() < probability
                    let base = image * height * rowBytes
                    for row in 0..<height {
                        let from = source.baseAddress! + base + (flipRows ? height - 1 - row : row) * rowBytes
                        let to = target.baseAddress! + base + row * rowBytes
                        if !flipColumns {
                            to.copyMemory(from: from, byteCount: rowBytes)
                            continue
                        }
                        for column in 0..<width {
                            (to + column * pixelBytes).copyMemory(from: from + (width - 1 - column) * pixelBytes, byteCount: pixelBytes)
                        }
                    }
                }
            }
        }
        return output
    }
}
