import Tensors

/// Mini-batches of several arrays cut along their first dimension together (inputs and targets stay
/// paired), in order or in a seeded random order.
public final class Batches {
    public let arrays: [Tensor]
    public let batchSize: Int
    /// Rows in the order they are served; nil serves them in order (batches are then views).
    private let order: [Int]?
    private let rowCount: Int
    private let dropLast: Bool
    private var position = 0

    public init(_ arrays: [Tensor], batchSize: Int, shuffle: Bool, seed: UInt64, dropLast: Bool = false,
                operation: String = "batches") throws {
        guard batchSize >= 1 else { throw DatasetError(operation, "batch_size must be 1 or more, got \(batchSize)") }
        rowCount = try commonRowCount(arrays, operation: operation)
        self.arrays = arrays
        self.batchSize = batchSize
        self.dropLast = dropLast
        order = shuffle ? try Splitting.permutation(count: rowCount, seed: seed) : nil
    }

    /// How many batches a full pass serves.
    public var count: Int { dropLast ? rowCount / batchSize : (rowCount + batchSize - 1) / batchSize }

    /// The next batch of every array, or nil after the last one.
    public func next() throws -> [Tensor]? {
        let size = Swift.min(batchSize, rowCount - position)
        guard size > 0, !(dropLast && size < batchSize) else { return nil }
        defer { position += size }
        guard let order else {
            return try arrays.map { try $0.narrow(0, start: position, length: size) }
        }
        let rows = Array(order[position..<position + size])
        return try arrays.map { try selectRows($0, rows, operation: "batches") }
    }
}
