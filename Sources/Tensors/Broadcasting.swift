/// NumPy broadcasting: shapes are aligned at their last dimension; each pair of sizes must be equal or
/// one of them 1, and the result takes the larger.
func broadcastShape(_ a: Shape, _ b: Shape, op: String) throws -> Shape {
    if a == b { return a }
    let rank = max(a.rank, b.rank)
    var result = Shape(repeating: 1, rank: rank)
    for i in 0..<rank {
        let da = i < rank - a.rank ? 1 : a[i - (rank - a.rank)]
        let db = i < rank - b.rank ? 1 : b[i - (rank - b.rank)]
        guard da == db || da == 1 || db == 1 else {
            throw TensorError(op, .shape, "shapes \(a) and \(b) cannot be broadcast")
        }
        result[i] = da == 1 ? db : da
    }
    return result
}

extension Tensor {
    /// Sums `self` down to `shape`, a shape that broadcasts to `self`'s: what the gradient of a broadcast
    /// operand needs (for custom operations that broadcast).
    public func sum(toShape sizes: [Int]) throws -> Tensor {
        let target = try Shape(sizes, op: "sum(toShape:)")
        guard try broadcastShape(target, shape, op: "sum(toShape:)") == shape else {
            throw TensorError("sum(toShape:)", .shape, "shape \(target) does not broadcast to \(shape)")
        }
        return try sumTo(target)
    }

    /// The gradient of a broadcast operand: sums `self` (a gradient of the broadcast shape) over the
    /// dimensions that broadcasting added or stretched, giving a tensor of `target` shape.
    func sumTo(_ target: Shape) throws -> Tensor {
        if shape == target { return self }
        let extra = rank - target.rank
        var dims: [Int] = Array(0..<extra)
        for i in 0..<target.rank where target[i] == 1 && shape[i + extra] != 1 { dims.append(i + extra) }
        let summed = dims.isEmpty ? self : try sum(dims: dims, keepDims: true)
        return try summed.reshape(shape: target)
    }
}
