import CheckedArithmetic
import Tensors

/// Where in each photograph patches are cut. Holding out the bottom rows of every photo gives test
/// patches that no training patch overlaps.
public enum PatchRegion: Sendable, Equatable {
    case whole
    /// Rows above the bottom `heldOut` fraction (0 < heldOut < 1).
    case train(heldOut: Double)
    /// The bottom `heldOut` fraction of the rows.
    case test(heldOut: Double)
}

/// Random crops ("patches") of a fixed size cut from larger images, e.g. training examples for a
/// colorization or denoising network.
public enum Patches {
    /// `count` patches of `height` x `width` from `images` (each [H, W, C], all with the same channels
    /// and dtype): for each patch an image is drawn uniformly, then a position uniformly among those
    /// where the patch lies inside the image's region. Returns the patches [count, height, width, C]
    /// and the index (0-based) of the image each came from.
    public static func sample(from images: [Tensor], count: Int, height: Int, width: Int,
                              region: PatchRegion = .whole, seed: UInt64,
                              operation: String = "patches") throws -> (patches: Tensor, sources: [Int]) {
        guard count >= 0, height >= 1, width >= 1 else {
            throw DatasetError(operation, "count must be 0 or more and the patch size positive, got count \(count), size \(height)x\(width)")
        }
        guard let first = images.first else { throw DatasetError(operation, "no images to cut patches from") }
        try MemoryBudget.check(elements: CheckedSize.product([count, height, width, first.rank == 3 ? first.shape[2] : 1]) ?? -1,
                               elementSize: first.dtype.itemSize, operation: operation, what: "the patches")
        let heldOut: Double
        switch region {
        case .whole: heldOut = 0
        case .train(let fraction), .test(let fraction): heldOut = fraction
        }
        if region != .whole, !(heldOut > 0 && heldOut < 1) {
            throw DatasetError(operation, "the held-out fraction must lie between 0 and 1 (exclusive), got \(heldOut)")
        }
        // Rows each patch may cover, per image: [top, bottom).
        var rowRanges: [Range<Int>] = []
        for (index, image) in images.enumerated() {
            guard image.rank == 3, image.shape[2] == first.shape[2], image.dtype == first.dtype else {
                throw DatasetError(operation, "image \(index + 1) has shape \(tensorShape: Array(image.shape)) and dtype \(image.dtype); every image must be (H, W, \(first.rank == 3 ? first.shape[2] : 0)) \(first.dtype)")
            }
            let rows = image.shape[0], heldRows = Int((Double(rows) * heldOut).rounded())
            let range: Range<Int>
            switch region {
            case .whole: range = 0..<rows
            case .train: range = 0..<rows - heldRows
            case .test: range = rows - heldRows..<rows
            }
            guard range.count >= height, image.shape[1] >= width else {
                throw DatasetError(operation, "image \(index + 1) (\(image.shape[1])x\(image.shape[0]) pixels, \(range.count) rows in the region) is smaller than the patch size \(width)x\(height) (width x height)")
            }
            rowRanges.append(range)
        }
        let channels = first.shape[2], itemSize = first.dtype.itemSize
        let patches = try Tensor.empty([count, height, width, channels], dtype: first.dtype)
        let contiguous = try images.map { try $0.contiguous() }
        var generator = SeededGenerator(seed: seed)
        var sources: [Int] = []
        sources.reserveCapacity(count)
        let patchRowBytes = width * channels * itemSize
        try withMutableBytes(of: patches) { output in
            for patch in 0..<count {
                let source = generator.integer(below: contiguous.count)
                let image = contiguous[source], rows = rowRanges[source]
                let top = rows.lowerBound + generator.integer(below: rows.count - height + 1)
                let left = generator.integer(below: image.shape[1] - width + 1)
                let imageRowBytes = image.shape[1] * channels * itemSize
                try withBytes(of: image) { input in
                    for row in 0..<height {
                        let from = (top + row) * imageRowBytes + left * channels * itemSize
                        let to = (patch * height + row) * patchRowBytes
                        (output.baseAddress! + to).copyMemory(from: input.baseAddress! + from, byteCount: patchRowBytes)
                    }
                }
                sources.append(source)
            }
        }
        return (patches, sources)
    }
}
