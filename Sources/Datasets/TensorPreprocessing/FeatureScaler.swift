import Tensors

/// Per-feature scaling fitted on training data and applied unchanged to other data (fit on train,
/// transform train and test), as scikit-learn's StandardScaler and MinMaxScaler.
///
/// Statistics are computed over every dimension except the feature dimensions: by default the last
/// one (columns of a samples x features matrix, channels of N x H x W x C images); a 1-D tensor gets
/// one statistic. Standard deviations are the population ones (divided by n, as scikit-learn); a
/// feature that does not vary is left unscaled (scale 1) instead of dividing by zero.
public final class FeatureScaler {
    public enum Method: Sendable, Equatable {
        /// (x - mean) / std
        case standard
        /// (x - min) / (max - min) x (high - low) + low
        case minMax(low: Double, high: Double)
    }

    /// scikit-learn's MinMaxScaler range.
    public static let defaultFeatureRange = (low: 0.0, high: 1.0)

    public let method: Method
    /// The feature dimensions as given (0-based, negative from the end); nil for the default.
    public let featureDims: [Int]?
    /// The fitted statistics, shaped as the feature dimensions (a 0-d tensor when there are none).
    public private(set) var mean: Tensor?
    public private(set) var std: Tensor?
    public private(set) var min: Tensor?
    public private(set) var max: Tensor?

    /// Shaped to broadcast against the data (size 1 along the reduced dimensions).
    private var shift: Tensor?
    private var scale: Tensor?
    private var offset = 0.0
    /// The fitted data's shape with the reduced dimensions marked nil: data to transform must match
    /// it at the feature dimensions.
    private var fittedShape: [Int?] = []
    private let operation: String

    public init(method: Method, featureDims: [Int]? = nil, operation: String = "scaler") throws {
        if case .minMax(let low, let high) = method, !(low < high) {
            throw DatasetError(operation, "the feature range must have low < high, got (\(low), \(high))")
        }
        self.method = method
        self.featureDims = featureDims
        self.operation = operation
    }

    public var isFitted: Bool { shift != nil }

    /// Computes the statistics of `data`.
    public func fit(_ data: Tensor) throws {
        let x = try data.float().detach()
        let kept = try keptDims(rank: x.rank)
        let reduced = (0..<x.rank).filter { !kept.contains($0) }
        guard reduced.allSatisfy({ x.shape[$0] > 0 }), x.count > 0 else {
            throw DatasetError(operation, "cannot fit on an empty tensor of shape \(tensorShape: Array(x.shape))")
        }
        let featureShape = kept.map { x.shape[$0] }
        fittedShape = (0..<x.rank).map { kept.contains($0) ? x.shape[$0] : nil }
        switch method {
        case .standard:
            let mean = try x.mean(dims: reduced, keepDims: true)
            let std = try x.std(dims: reduced, unbiased: false, keepDims: true)
            self.mean = try mean.reshape(featureShape)
            self.std = try std.reshape(featureShape)
            shift = mean
            scale = try replacingZeros(std)
            offset = 0
        case .minMax(let low, let high):
            let minimum = try x.min(dims: reduced, keepDims: true)
            let maximum = try x.max(dims: reduced, keepDims: true)
            min = try minimum.reshape(featureShape)
            max = try maximum.reshape(featureShape)
            shift = minimum
            scale = try replacingZeros(maximum.sub(minimum)).div(high - low)
            offset = low
        }
    }

    /// The data scaled with the fitted statistics (float32).
    public func transform(_ data: Tensor) throws -> Tensor {
        let (shift, scale) = try fitted(for: data, step: "transform")
        return try data.float().sub(shift).div(scale).add(offset)
    }

    /// Scaled data brought back to the original units.
    public func inverseTransform(_ data: Tensor) throws -> Tensor {
        let (shift, scale) = try fitted(for: data, step: "inverse_transform")
        return try data.float().sub(offset).mul(scale).add(shift)
    }

    private func fitted(for data: Tensor, step: String) throws -> (Tensor, Tensor) {
        guard let shift, let scale else {
            throw DatasetError(operation, "\(step) needs the statistics: call fit (or fit_transform) on the training data first")
        }
        let shape = Array(data.shape)
        let matches = shape.count == fittedShape.count && zip(shape, fittedShape).allSatisfy { size, fitted in fitted == nil || fitted == size }
        guard matches else {
            let expected = fittedShape.map { $0.map(String.init) ?? "*" }.joined(separator: ", ")
            throw DatasetError(operation, "\(step): the data has shape \(tensorShape: shape) but the scaler was fitted on shape (\(expected)) (* = any size)")
        }
        return (shift, scale)
    }

    private func keptDims(rank: Int) throws -> [Int] {
        guard let featureDims else { return rank >= 2 ? [rank - 1] : [] }
        var kept: [Int] = []
        for dim in featureDims {
            let normalized = dim < 0 ? dim + rank : dim
            guard (0..<rank).contains(normalized), !kept.contains(normalized) else {
                throw DatasetError(operation, "the feature dimensions must be distinct dimensions of the data, which has rank \(rank)")
            }
            kept.append(normalized)
        }
        return kept.sorted()
    }

    /// A copy with every 0 replaced by 1, so constant features keep their values instead of becoming NaN.
    private func replacingZeros(_ tensor: Tensor) throws -> Tensor {
        let copy = try tensor.clone()
        try copy.withUnsafeMutableBufferPointer(as: Float.self) { values in
            for index in values.indices where values[index] == 0 { values[index] = 1 }
        }
        return copy
    }
}
