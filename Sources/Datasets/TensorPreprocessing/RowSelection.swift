import Tensors

/// The rows of `tensor` (its slices along the first dimension) at `indices` (0-based), in that order,
/// as a new tensor: how shuffles, splits and batches apply index arithmetic to data.
public func selectRows(_ tensor: Tensor, _ indices: [Int], operation: String) throws -> Tensor {
    guard tensor.rank >= 1 else {
        throw DatasetError(operation, "expected a tensor with at least one dimension (one row per example), got a 0-dimensional one")
    }
    return try tensor.indexSelect(0, index: Tensor(indices.map(Int64.init)))
}

/// The number of rows (first dimension) shared by every tensor in `arrays`.
public func commonRowCount(_ arrays: [Tensor], operation: String) throws -> Int {
    guard let first = arrays.first else { throw DatasetError(operation, "no data given") }
    for (position, array) in arrays.enumerated() {
        guard array.rank >= 1 else {
            throw DatasetError(operation, "array \(position + 1) is 0-dimensional; every array needs one row per example")
        }
        guard array.shape[0] == first.shape[0] else {
            throw DatasetError(operation, "array \(position + 1) has \(array.shape[0]) rows but array 1 has \(first.shape[0]); every array needs one row per example")
        }
    }
    return first.rank >= 1 ? first.shape[0] : 0
}
