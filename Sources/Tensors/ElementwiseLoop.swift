/// Elementwise kernels are values whose `apply` the loops below call per element; the loops are generic
/// over them, so each kernel is compiled into its own specialized, vectorizable loop (no closures or
/// dynamic dispatch per element).
protocol UnaryKernel {
    associatedtype In
    associatedtype Out
    func apply(_ x: In) -> Out
    /// Applies the kernel to `n` contiguous elements; kernels with a SIMD version override it.
    func applyContiguous(_ input: UnsafePointer<In>, _ output: UnsafeMutablePointer<Out>, _ n: Int)
    /// Below this many elements a loop runs on one thread (the hand-off costs more than it saves).
    var parallelGrain: Int { get }
}

protocol BinaryKernel {
    associatedtype A
    associatedtype B
    associatedtype Out
    func apply(_ a: A, _ b: B) -> Out
    var parallelGrain: Int { get }
}

protocol TernaryKernel {
    associatedtype A
    associatedtype B
    associatedtype C
    associatedtype Out
    func apply(_ a: A, _ b: B, _ c: C) -> Out
}

extension UnaryKernel {
    var parallelGrain: Int { cheapGrain }

    @inline(__always)
    func applyContiguous(_ input: UnsafePointer<In>, _ output: UnsafeMutablePointer<Out>, _ n: Int) {
        for i in 0..<n { output[i] = apply(input[i]) }
    }
}
extension BinaryKernel { var parallelGrain: Int { cheapGrain } }

/// Grain for kernels of a few cycles per element (memory bound) and for those calling transcendental
/// functions.
let cheapGrain = 1 << 16
let costlyGrain = 1 << 12

/// The geometry of an elementwise loop over up to 4 operands (operand 0 is usually the output): the loop
/// shape, and each operand's strides in that shape (0 along broadcast dimensions). `coalesce()` drops
/// size-1 dimensions and merges dimensions that are contiguous for every operand, so that most loops end
/// up one long row. The strides sit in one flat table of Ints (operand o, dimension d at o·8 + d): a
/// nested table of `Shape`s was copied whole on every read in the loops' inner bookkeeping.
struct LoopPlan {
    var sizes: Shape
    private var strideTable = InlineArray<32, Int>(repeating: 0)
    var operandCount = 0
    let count: Int

    init(shape: Shape) {
        sizes = shape
        count = shape.elementCount
    }

    @inline(__always) private func stride(_ operand: Int, _ dim: Int) -> Int { strideTable[operand &* Shape.maxRank &+ dim] }

    /// Adds a tensor whose shape broadcasts to the loop shape.
    mutating func add(_ t: Tensor) {
        let shift = sizes.rank - t.rank, base = operandCount * Shape.maxRank
        for d in 0..<sizes.rank { strideTable[base + d] = 0 }
        for d in 0..<t.rank where t.shape[d] != 1 { strideTable[base + d + shift] = t.strides[d] }
        operandCount += 1
    }

    /// Adds an operand given by its strides in the loop shape.
    mutating func add(strides operandStrides: Shape) {
        let base = operandCount * Shape.maxRank
        for d in 0..<sizes.rank { strideTable[base + d] = operandStrides[d] }
        operandCount += 1
    }

    mutating func coalesce() {
        var newSizes = Shape()
        var newStrides = InlineArray<32, Int>(repeating: 0)
        for d in 0..<sizes.rank where sizes[d] != 1 {
            let last = newSizes.rank - 1
            var mergeable = last >= 0
            if mergeable {
                for o in 0..<operandCount where newStrides[o * Shape.maxRank + last] != stride(o, d) &* sizes[d] {
                    mergeable = false
                    break
                }
            }
            if mergeable {
                newSizes[last] &*= sizes[d]
                for o in 0..<operandCount { newStrides[o * Shape.maxRank + last] = stride(o, d) }
            } else {
                newSizes.append(sizes[d])
                for o in 0..<operandCount { newStrides[o * Shape.maxRank + newSizes.rank - 1] = stride(o, d) }
            }
        }
        if newSizes.rank == 0 {
            newSizes.append(1)
            for o in 0..<operandCount { newStrides[o * Shape.maxRank] = 0 }
        }
        sizes = newSizes
        strideTable = newStrides
    }

    @inline(__always) func innerStride(_ operand: Int) -> Int { stride(operand, sizes.rank - 1) }

    /// Calls `body(offsets, n)` for each run of the innermost dimension that falls in the row-major element
    /// range `range`; `offsets[o]` is operand o's element offset at the run's start, and the run continues
    /// with `innerStride(o)`.
    @inline(__always)
    func forEachRow(in range: Range<Int>, _ body: (InlineArray<4, Int>, Int) -> Void) {
        if range.isEmpty { return }
        // The strides read through a pointer to one copy: subscripting the table in the loop copied it
        // whole on every row.
        var table = strideTable
        withUnsafePointer(to: &table) { tablePointer in
            let strides = UnsafeRawPointer(tablePointer).assumingMemoryBound(to: Int.self)
            @inline(__always) func stride(_ operand: Int, _ dim: Int) -> Int { strides[operand &* Shape.maxRank &+ dim] }
            let rank = sizes.rank, inner = rank - 1, innerSize = sizes[inner], operands = operandCount
            var index = Shape(repeating: 0, rank: rank)
            var offsets = InlineArray<4, Int>(repeating: 0)
            var rest = range.lowerBound
            for d in Swift.stride(from: inner, through: 0, by: -1) {
                index[d] = rest % sizes[d]
                rest /= sizes[d]
                for o in 0..<operands { offsets[o] &+= index[d] &* stride(o, d) }
            }
            var remaining = range.count
            while remaining > 0 {
                let n = min(innerSize - index[inner], remaining)
                body(offsets, n)
                remaining -= n
                if remaining == 0 { break }
                // Next row: back to the start of the inner dimension, then carry into the outer ones.
                for o in 0..<operands { offsets[o] &-= index[inner] &* stride(o, inner) }
                index[inner] = 0
                var d = inner - 1
                while d >= 0 {
                    index[d] += 1
                    for o in 0..<operands { offsets[o] &+= stride(o, d) }
                    if index[d] < sizes[d] { break }
                    for o in 0..<operands { offsets[o] &-= sizes[d] &* stride(o, d) }
                    index[d] = 0
                    d -= 1
                }
            }
        }
    }
}
