import Tensors

/// The rows of `tensor` (its slices along the first dimension) at `indices` (0-based), in that order,
/// as a new tensor: how shuffles, splits and batches apply index arithmetic to data.
public func selectRows(_ tensor: Tensor, _ indices: [Int], operation: String) throws -> Tensor {
    guard tensor.rank >= 1 else {
        throw DatasetError(operation, "expected a tensor with at least one dimension (one row per example), got a 0-dimensional one")
    }
    return try tensor.indexSelect(0, index: Tensor(indices.map(Int64.init)))
}

/// The number of rows (the first dimension) of `tensor`, the `position`-th (1-based) of several arrays.
public func rowCount(_ tensor: Tensor, position: Int, operation: String) throws -> Int {
    guard tensor.rank >= 1 else {
        throw DatasetError(operation, "array \(position) is 0-dimensional; every array needs one row per example")
    }
    return tensor.shape[0]
}

/// The row count shared by several arrays, given each one's count.
public func commonRowCount(_ counts: [Int], operation: String) throws -> Int {
    guard let first = counts.first else { throw DatasetError(operation, "no data given") }
    if let position = counts.firstIndex(where: { $0 != first }) {
        throw DatasetError(operation, "array \(position + 1) has \(counts[position]) rows but array 1 has \(first); every array needs one row per example")
    }
    return first
}

/// The number of rows (first dimension) shared by every tensor in `arrays`.
public func commonRowCount(_ arrays: [Tensor], operation: String) throws -> Int {
    try commonRowCount(arrays.enumerated().map { try rowCount($1, position: $0 + 1, operation: operation) }, operation: operation)
}
