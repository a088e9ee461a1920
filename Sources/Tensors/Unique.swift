extension Tensor {
    /// The distinct values of the flattened tensor in ascending order, where each element's value lies
    /// among them (0-based, int64, the shape of the tensor), and how often each occurs (int64), as
    /// NumPy's `unique` with `return_inverse` and `return_counts`. NaNs are each their own value.
    public func unique() throws -> (values: Tensor, inverse: Tensor, counts: Tensor) {
        let (sorted, order) = try reshape([count]).sort(0)
        let positions = try order.toArray(Int64.self)
        // Runs of equal values in the sorted list; compared in the tensor's own type.
        let starts: [Int]
        if dtype == .float32 {
            let v = try sorted.toArray(Float.self)
            starts = v.indices.filter { $0 == 0 || v[$0] != v[$0 - 1] }
        } else {
            let v = try sorted.toArray(Int64.self)
            starts = v.indices.filter { $0 == 0 || v[$0] != v[$0 - 1] }
        }
        var inverse = [Int64](repeating: 0, count: count), counts = [Int64](repeating: 0, count: starts.count)
        for (run, start) in starts.enumerated() {
            let end = run + 1 < starts.count ? starts[run + 1] : count
            counts[run] = Int64(end - start)
            for k in start..<end { inverse[Int(positions[k])] = Int64(run) }
        }
        let values = try sorted.indexSelect(0, index: Tensor(starts.map(Int64.init), shape: [starts.count]))
        return (values, try Tensor(inverse, shape: shape.array), try Tensor(counts, shape: [counts.count]))
    }
}
