import CheckedArithmetic
/// A short list of integers stored inline (no heap allocation): the sizes of a tensor's dimensions, and
/// also its strides. Tensors have at most `Shape.maxRank` dimensions.
public struct Shape: RandomAccessCollection, Hashable, Sendable, CustomStringConvertible {
    public static let maxRank = 8

    @usableFromInline var values: InlineArray<8, Int>
    public private(set) var rank: Int

    /// The empty shape, of a 0-dimensional (scalar) tensor.
    public init() {
        values = InlineArray(repeating: 0)
        rank = 0
    }

    /// A shape from a Swift array. Throws when the array has more than `maxRank` entries or a negative one.
    public init(_ sizes: some Collection<Int>, op: String = "shape") throws(TensorError) {
        guard sizes.count <= Shape.maxRank else {
            throw TensorError(op, .shape, "tensors have at most \(Shape.maxRank) dimensions, got \(sizes.count)")
        }
        self.init()
        for size in sizes {
            guard size >= 0 else { throw TensorError(op, .value, "sizes must not be negative, got \(Array(sizes))") }
            append(size)
        }
    }

    /// Builds a shape whose validity the caller guarantees (rank ≤ 8).
    init(unchecked sizes: some Collection<Int>) {
        self.init()
        for size in sizes { append(size) }
    }

    init(repeating value: Int, rank: Int) {
        self.init()
        for _ in 0..<rank { append(value) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rank }

    public subscript(position: Int) -> Int {
        @inline(__always) get { values[position] }
        @inline(__always) set { values[position] = newValue }
    }

    /// Number of elements of a tensor of this shape (1 for a scalar).
    public var elementCount: Int {
        var n = 1
        for i in 0..<rank { n &*= values[i] }
        return n
    }

    /// The element count, or nil when it overflows `Int`.
    var checkedElementCount: Int? { CheckedSize.product(self) }

    /// Row-major strides for a contiguous tensor of this shape.
    var contiguousStrides: Shape {
        var strides = Shape(repeating: 1, rank: rank)
        var step = 1
        for i in stride(from: rank - 1, through: 0, by: -1) {
            strides[i] = step
            step &*= Swift.max(values[i], 1)
        }
        return strides
    }

    mutating func append(_ value: Int) {
        values[rank] = value
        rank += 1
    }

    mutating func insert(_ value: Int, at index: Int) {
        var i = rank
        while i > index { values[i] = values[i - 1]; i -= 1 }
        values[index] = value
        rank += 1
    }

    @discardableResult
    mutating func remove(at index: Int) -> Int {
        let removed = values[index]
        for i in index..<(rank - 1) { values[i] = values[i + 1] }
        rank -= 1
        values[rank] = 0
        return removed
    }

    public var array: [Int] { Array(self) }

    public static func == (a: Shape, b: Shape) -> Bool {
        guard a.rank == b.rank else { return false }
        for i in 0..<a.rank where a.values[i] != b.values[i] { return false }
        return true
    }

    public static func == (a: Shape, b: [Int]) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rank)
        for i in 0..<rank { hasher.combine(values[i]) }
    }

    /// `(2, 3)`; a scalar's shape is `()`, a vector's `(5)`.
    public var description: String { "(" + map(String.init).joined(separator: ", ") + ")" }

    /// `2x3`, as in the tensor summary line `[Tensor float32 2x3]`; a scalar's is `scalar`.
    public var sizeText: String { rank == 0 ? "scalar" : map(String.init).joined(separator: "x") }
}
