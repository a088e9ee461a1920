/// The shape of a symbolic tensor: known sizes, and nil for sizes not known until data arrives (the batch
/// dimension). Printed as Keras prints shapes: `(None, 28, 28, 1)`.
public struct SymbolicShape: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var dims: [Int?]

    public init(_ dims: [Int?]) { self.dims = dims }
    public init(arrayLiteral elements: Int?...) { dims = elements }

    /// A shape with an unknown batch dimension in front of `sizes`.
    public init(batchOf sizes: [Int]) { dims = [nil] + sizes.map { Optional($0) } }

    /// The shape of a real tensor seen with its first dimension (the batch) unknown.
    public init(batchOf tensor: Tensor) {
        dims = tensor.shape.array.enumerated().map { $0.offset == 0 ? nil : $0.element }
    }

    public var rank: Int { dims.count }

    public subscript(i: Int) -> Int? { dims[i < 0 ? i + dims.count : i] }

    /// The sizes after the batch dimension.
    public var featureDims: [Int?] { Array(dims.dropFirst()) }

    /// The sizes after the batch dimension when all are known.
    public var knownFeatureSizes: [Int]? {
        let known = featureDims.compactMap { $0 }
        return known.count == rank - 1 ? known : nil
    }

    /// True when a real tensor of shape `concrete` fits this shape (nil dims match anything).
    public func accepts(_ concrete: Shape) -> Bool {
        concrete.rank == rank && zip(dims, concrete).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
    }

    /// Python's tuple text: `(None, 10)`, `(None,)` for one dimension, `()` for none.
    public var description: String {
        let parts = dims.map { $0.map(String.init) ?? "None" }
        return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
    }
}

import Tensors
