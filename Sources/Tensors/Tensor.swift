import CheckedArithmetic
/// An n-dimensional array of `float32`, `int64`, `uint8` or `bool` elements, viewing a `Storage` through a
/// shape, strides (in elements) and an offset (in elements). Views share their storage.
///
/// A class, because identity matters: autograd records which tensors an operation used, and the Lua
/// binding wraps one tensor in one userdata. Shape, strides and dtype never change; operations return
/// new tensors, except the in-place ones (`add_`, `fill_`...) that write the existing elements.
///
/// Every operation that can fail `throws` a `TensorError`; operations that allocate throw when the
/// memory cannot be had, so a mistaken shape never crashes the process.
public final class Tensor {
    public let storage: Storage
    public let shape: Shape
    public let strides: Shape
    /// Offset of element 0 from the start of `storage`, in elements.
    public let offset: Int
    public let dtype: DType
    /// Number of elements.
    public let count: Int
    /// True when the elements lie in row-major order without gaps (views may have other layouts).
    public let isContiguous: Bool

    /// True for tensors whose gradient autograd computes: leaves marked with `setRequiresGrad()` and the
    /// results of recorded operations on them.
    public private(set) var requiresGrad: Bool = false
    /// The operation that made this tensor, for tensors that require grad and are not leaves.
    public internal(set) var gradFn: GradNode?
    /// The accumulated gradient of a leaf after `backward()`; optimizers read it and may reset it to nil.
    public var grad: Tensor?
    /// Set on the output of a softmax over the last axis or of a sigmoid that a layer applied: the scores
    /// it came from, so that a cross-entropy can start from them as Keras does (one fused pass, and exact
    /// where probabilities round to 0 or 1).
    public var activationLogits: ActivationLogits?

    init(storage: Storage, shape: Shape, strides: Shape, offset: Int, dtype: DType) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.dtype = dtype
        count = shape.elementCount
        isContiguous = Tensor.isRowMajor(shape, strides)
    }

    /// A new contiguous tensor with uninitialized elements.
    init(uninitialized shape: Shape, dtype: DType, op: String) throws {
        guard let count = shape.checkedElementCount,
              let bytes = CheckedSize.product(count, dtype.itemSize),
              let storage = Storage(byteCount: bytes) else {
            throw TensorError(op, .memory, "cannot allocate a \(dtype) tensor of shape \(shape): not enough memory")
        }
        self.storage = storage
        self.shape = shape
        strides = shape.contiguousStrides
        offset = 0
        self.dtype = dtype
        self.count = count
        isContiguous = true
    }

    private static func isRowMajor(_ shape: Shape, _ strides: Shape) -> Bool {
        var expected = 1
        for i in stride(from: shape.rank - 1, through: 0, by: -1) where shape[i] != 1 {
            if strides[i] != expected { return false }
            expected &*= shape[i]
        }
        return true
    }

    /// A new tensor viewing the same storage with other geometry (no autograd recording).
    func view(shape: Shape, strides: Shape, offset: Int) -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset, dtype: dtype)
    }

    public var rank: Int { shape.rank }

    /// Size of dimension `dim` (negative counts from the end).
    public func size(_ dim: Int) throws -> Int {
        guard rank > 0 else { throw TensorError("size", .index, "a 0-dimensional tensor has no dimension \(dim: dim)") }
        return shape[try normalizedDim(dim, op: "size")]
    }

    /// True for tensors no recorded operation produced (parameters, data).
    public var isLeaf: Bool { gradFn == nil }

    /// Marks a float32 leaf tensor as a parameter whose gradient `backward()` accumulates in `grad`.
    @discardableResult
    public func setRequiresGrad(_ flag: Bool = true) throws -> Tensor {
        if let gradFn {
            throw TensorError("setRequiresGrad", .autograd, "only leaf tensors can change requiresGrad; this one was computed by \(gradFn.name) (use detach() first)")
        }
        guard !flag || dtype == .float32 else {
            throw TensorError("setRequiresGrad", .dtype, "only float32 tensors can require gradients, this one is \(dtype)")
        }
        requiresGrad = flag
        return self
    }

    /// Marks a freshly computed tensor as the output of recorded operation `node`.
    func attach(_ node: GradNode) {
        gradFn = node
        requiresGrad = true
    }

    // MARK: Element access

    /// Address of element 0 of this view.
    var baseAddress: UnsafeMutableRawPointer { storage.pointer + offset * dtype.itemSize }

    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> { baseAddress.assumingMemoryBound(to: T.self) }

    private func checkAccess<T: TensorElement>(_: T.Type, op: String) throws {
        guard T.dtype == dtype || (T.self == UInt8.self && dtype == .bool) else {
            throw TensorError(op, .dtype, "the tensor holds \(dtype) elements, not \(T.dtype)")
        }
        guard isContiguous else {
            throw TensorError(op, .value, "the tensor is not contiguous; call contiguous() first")
        }
    }

    /// Calls `body` with the elements of a contiguous tensor in row-major order (bool tensors read as
    /// UInt8 0/1). For kernels written outside this module; keep the pointer inside `body`.
    public func withUnsafeBufferPointer<T: TensorElement, R>(as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) throws -> R {
        try checkAccess(type, op: "withUnsafeBufferPointer")
        return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: pointer(T.self), count: count)) }
    }

    /// Like `withUnsafeBufferPointer`, for writing the elements. It bumps the storage's version, so a
    /// recorded operation that saved these elements refuses its backward afterwards; otherwise it bypasses
    /// autograd: use it to fill new tensors (e.g. the output of a custom kernel) or to update parameters
    /// outside a recorded graph (optimizers), not to change tensors a graph has used.
    public func withUnsafeMutableBufferPointer<T: TensorElement, R>(as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R) throws -> R {
        try checkAccess(type, op: "withUnsafeMutableBufferPointer")
        storage.version &+= 1
        return try withExtendedLifetime(self) { try body(UnsafeMutableBufferPointer(start: pointer(T.self), count: count)) }
    }

    /// The elements in row-major order, converted to `T` (bool and uint8 read as 0/1 and 0...255).
    public func toArray<T: TensorElement>(_: T.Type = T.self) throws -> [T] {
        let source = try (dtype == T.dtype ? self : to(T.dtype)).contiguous()
        return withExtendedLifetime(source) { Array(UnsafeBufferPointer(start: source.pointer(T.self), count: source.count)) }
    }

    /// The value of a one-element tensor.
    public func item() throws -> Double {
        guard count == 1 else {
            throw TensorError("item", .shape, "needs a tensor with one element, got shape \(shape)")
        }
        return elementAsDouble(at: offset)
    }

    /// The element at storage position `position` (in elements), as a Double.
    func elementAsDouble(at position: Int) -> Double {
        let raw = storage.pointer
        switch dtype {
        case .float32: return Double(raw.assumingMemoryBound(to: Float.self)[position])
        case .int64: return Double(raw.assumingMemoryBound(to: Int64.self)[position])
        case .uint8, .bool: return Double(raw.assumingMemoryBound(to: UInt8.self)[position])
        }
    }

    /// Storage position of the element at a multi-index (validated by the caller).
    func storagePosition(_ index: some Collection<Int>) -> Int {
        var position = offset
        for (dim, i) in index.enumerated() { position += i * strides[dim] }
        return position
    }

    /// Normalizes a possibly negative dimension number against this tensor's rank.
    func normalizedDim(_ dim: Int, op: String, rank: Int? = nil) throws -> Int {
        let r = rank ?? self.rank
        let d = dim < 0 ? dim + r : dim
        guard d >= 0, d < Swift.max(r, 1) else {
            throw TensorError(op, .index, "dimension \(dim: dim) out of range for a tensor of rank \(self.rank) (shape \(shape))")
        }
        return d
    }

    /// Normalizes a list of dimensions (negative allowed; no repeats).
    func normalizedDims(_ dims: [Int], op: String) throws -> [Int] {
        var seen = Set<Int>()
        return try dims.map { dim in
            let d = try normalizedDim(dim, op: op)
            guard seen.insert(d).inserted else {
                throw TensorError(op, .index, "dimension \(dim: d) appears twice in \(dims: dims)")
            }
            return d
        }
    }
}
