extension Tensor {
    /// Runs `body(input, output, lanes, length)` over the lanes of `self` along `dim` (all elements that
    /// differ only in their `dim` coordinate), each lane contiguous in both buffers, and returns the output
    /// in `self`'s shape. When `dim` is not the last dimension the input is copied with `dim` moved last
    /// and the output is a view moving it back.
    func mapLanes<In, Out>(along dim: Int, _: In.Type, outputType: DType, op: String,
                           _ body: (UnsafePointer<In>, UnsafeMutablePointer<Out>, Int, Int) -> Void) throws -> Tensor {
        let d = try normalizedDim(dim, op: op)
        let last = Swift.max(rank - 1, 0)
        let moved = try (d == last ? self : transpose(d, last)).contiguous().detach()
        let out = try Tensor(uninitialized: moved.shape, dtype: outputType, op: op)
        let length = rank == 0 ? 1 : moved.shape[last]
        let lanes = length == 0 ? 0 : moved.count / length
        let input = UnsafePointer(moved.pointer(In.self)), output = out.pointer(Out.self)
        parallelRanges(lanes, grain: Swift.max(1, costlyGrain / Swift.max(length, 1))) { range in
            body(input + range.lowerBound * length, output + range.lowerBound * length, range.count, length)
        }
        return d == last ? out : out.view(shape: shape, strides: Tensor.swapped(out.strides, d, last), offset: 0)
    }

    static func swapped(_ s: Shape, _ i: Int, _ j: Int) -> Shape {
        var r = s
        r[i] = s[j]
        r[j] = s[i]
        return r
    }
}
