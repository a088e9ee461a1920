/// A reduction folds the elements of each reduced slice into an accumulator; the engine hands each
/// finished accumulator to the caller, which writes the output(s).
protocol Reducer {
    associatedtype Element
    associatedtype Accumulator
    var initial: Accumulator { get }
    /// Folds `x`, the element at row-major position `index` within its slice, into `accumulator`.
    func combine(_ accumulator: inout Accumulator, _ x: Element, _ index: Int)
    /// Folds `n` contiguous elements, the first at position `index`; reducers with a SIMD version
    /// override it.
    func combineContiguous(_ accumulator: inout Accumulator, _ x: UnsafePointer<Element>, _ n: Int, _ index: Int)
}

extension Reducer {
    @inline(__always)
    func combineContiguous(_ accumulator: inout Accumulator, _ x: UnsafePointer<Element>, _ n: Int, _ index: Int) {
        for i in 0..<n { combine(&accumulator, x[i], index &+ i) }
    }
}

/// Dimensions of one group (kept or reduced) of a reduction, size-1 dimensions dropped and contiguous
/// neighbours merged. Linear positions within the group stay row-major.
private struct DimGroup {
    var sizes = Shape()
    var strides = Shape()

    mutating func append(size: Int, stride: Int) {
        if size == 1 { return }
        sizes.append(size)
        strides.append(stride)
    }

    /// Merges neighbours that step through memory as one dimension.
    mutating func coalesce() {
        var merged = DimGroup()
        for d in 0..<sizes.rank {
            let last = merged.sizes.rank - 1
            if last >= 0 && merged.strides[last] == strides[d] &* sizes[d] {
                merged.sizes[last] &*= sizes[d]
                merged.strides[last] = strides[d]
            } else {
                merged.sizes.append(sizes[d])
                merged.strides.append(strides[d])
            }
        }
        self = merged
    }

    var count: Int { sizes.elementCount }
    var innerSize: Int { sizes.rank == 0 ? 1 : sizes[sizes.rank - 1] }
    var innerStride: Int { sizes.rank == 0 ? 0 : strides[strides.rank - 1] }

    /// Calls `body(offset, n)` for every run of the innermost dimension, in row-major order.
    @inline(__always)
    func forEachRun(_ body: (Int, Int) -> Void) {
        let rank = sizes.rank
        if count == 0 { return }
        if rank <= 1 {
            body(0, innerSize)
            return
        }
        var index = Shape(repeating: 0, rank: rank - 1)
        var offset = 0
        while true {
            body(offset, sizes[rank - 1])
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                offset &+= strides[d]
                if index[d] < sizes[d] { break }
                offset &-= sizes[d] &* strides[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}

extension Tensor {
    /// The output shape of reducing `dims` (sorted, normalized) with or without keeping them as size 1.
    static func reducedShape(_ shape: Shape, _ dims: [Int], keepDims: Bool) -> Shape {
        var out = Shape()
        for d in 0..<shape.rank {
            if !dims.contains(d) { out.append(shape[d]) } else if keepDims { out.append(1) }
        }
        return out
    }

    /// Normalizes the `dims` argument of a reduction: nil means all dimensions.
    func reductionDims(_ dims: [Int]?, op: String) throws -> [Int] {
        guard let dims else { return Array(0..<rank) }
        if rank == 0 {
            for d in dims where d != 0 && d != -1 {
                throw TensorError(op, .index, "dimension \(dim: d) out of range for a 0-dimensional tensor")
            }
            return []
        }
        return try normalizedDims(dims, op: op).sorted()
    }

    /// Runs `reducer` over the slices of `self` along `dims` (normalized, sorted) and calls
    /// `emit(outputPosition, accumulator)` once per output element, in row-major output order. `self` must
    /// hold `R.Element`s.
    func reduce<R: Reducer>(_ reducer: R, dims: [Int], _ emit: (Int, R.Accumulator) -> Void) {
        var kept = DimGroup(), reduced = DimGroup()
        for d in 0..<rank {
            if dims.contains(d) { reduced.append(size: shape[d], stride: strides[d]) } else { kept.append(size: shape[d], stride: strides[d]) }
        }
        kept.coalesce()
        reduced.coalesce()
        let p = pointer(R.Element.self)
        let keptCount = kept.count, reducedCount = reduced.count
        if keptCount == 0 { return }

        // Reduced elements adjacent in memory while kept ones are far apart (or nothing is kept): fold
        // each slice by itself, the slices shared among the cores when there is enough work.
        if reduced.innerStride == 1 || kept.innerStride != 1 || reducedCount <= 1 {
            var plan = LoopPlan(shape: kept.sizes)
            plan.add(strides: kept.strides)
            plan.coalesce()
            // Read once: reading through the captured plan copied it for every element.
            let keptStride = plan.innerStride(0), s = reduced.innerStride
            parallelRanges(keptCount, grain: Swift.max(1, cheapGrain / Swift.max(reducedCount, 1))) { [plan] range in
                var position = range.lowerBound
                plan.forEachRow(in: range) { offsets, n in
                    for k in 0..<n {
                        let base = offsets[0] &+ k &* keptStride
                        var accumulator = reducer.initial
                        var index = 0
                        reduced.forEachRun { offset, m in
                            let q = p + base + offset
                            if s == 1 {
                                reducer.combineContiguous(&accumulator, q, m, index)
                            } else {
                                for i in 0..<m { reducer.combine(&accumulator, q[i &* s], index &+ i) }
                            }
                            index &+= m
                        }
                        emit(position, accumulator)
                        position += 1
                    }
                }
            }
            return
        }

        // Kept elements adjacent in memory (e.g. summing a batch over its first dimension): sweep whole
        // rows of kept elements, folding them into a row of accumulators; the columns are shared among
        // the cores.
        let accumulators = UnsafeMutablePointer<R.Accumulator>.allocate(capacity: kept.innerSize)
        defer { accumulators.deallocate() }
        var position = 0
        let reducedStride = reduced.innerStride
        kept.forEachRun { keptOffset, n in
            parallelRanges(n, grain: Swift.max(8, cheapGrain / reducedCount)) { columns in
                let row = accumulators + columns.lowerBound, width = columns.count
                row.initialize(repeating: reducer.initial, count: width)
                var index = 0
                reduced.forEachRun { offset, m in
                    for i in 0..<m {
                        let q = p + keptOffset + offset + i &* reducedStride + columns.lowerBound
                        for k in 0..<width { reducer.combine(&row[k], q[k], index) }
                        index &+= 1
                    }
                }
                for k in 0..<width { emit(position + columns.lowerBound + k, row[k]) }
                row.deinitialize(count: width)
            }
            position += n
        }
    }
}
