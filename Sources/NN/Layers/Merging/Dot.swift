import Tensors

/// The dot product of two inputs along one axis of each, sample by sample (Keras' Dot): two (batch, d)
/// inputs give (batch, 1); rank-3 inputs (batch, n, d) and (batch, m, d) with axes 2 give (batch, n, m).
/// With `normalize` both are first scaled to unit L2 norm along their axis, giving cosine similarities
/// (word2vec's negative sampling compares a word's and a context's embeddings this way).
public final class Dot: Layer {
    /// The contracted axis of each input, in Keras' numbering: 0 is the batch, negative counts from the end.
    public let axes: [Int]
    public let normalize: Bool

    /// `axes`: one axis for both inputs, or one per input.
    public init(axes: [Int], normalize: Bool = false, name: String? = nil) throws {
        guard axes.count == 1 || axes.count == 2 else {
            throw NNError("Dot", .value, "axes must be one axis, or two (one per input), got \(axes)")
        }
        self.axes = axes.count == 1 ? [axes[0], axes[0]] : axes
        self.normalize = normalize
        try super.init(name: name)
    }

    public override var inputCountRange: ClosedRange<Int> { 2...2 }

    /// The two axes as positions for inputs of rank 2 or 3.
    private func positions(_ shapes: [SymbolicShape]) throws -> (Int, Int) {
        let rank = shapes[0].rank
        guard shapes[1].rank == rank, rank == 2 || rank == 3 else {
            throw shapeError("takes two inputs of the same rank, 2 or 3 with the batch; got \(shapes[0]) and \(shapes[1])")
        }
        let p = try axes.map { axis -> Int in
            let p = axis < 0 ? axis + rank : axis
            guard p >= 1, p < rank else {
                throw shapeError("axis \(axis) does not fit inputs of rank \(rank) (the batch axis 0 cannot be contracted)")
            }
            return p
        }
        if let a = shapes[0][p[0]], let b = shapes[1][p[1]], a != b {
            throw shapeError("the contracted sizes differ: axis \(axes[0]) of \(shapes[0]) has \(a), axis \(axes[1]) of \(shapes[1]) has \(b)")
        }
        return (p[0], p[1])
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let (a, b) = try positions(inputShapes)
        let batch = inputShapes[0][0] ?? inputShapes[1][0]
        if inputShapes[0].rank == 2 { return [SymbolicShape([batch, 1])] }
        // Rank 3: the axis left in each input (3 - position) makes the result's rows and columns.
        return [SymbolicShape([batch, inputShapes[0][3 - a], inputShapes[1][3 - b]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let (pa, pb) = try positions(inputs.map { SymbolicShape($0.shape.array.map { Optional($0) }) })
        var a = inputs[0], b = inputs[1]
        if normalize {
            a = try a / (a * a).sum(pa, keepDims: true).clamp(min: 1e-12).sqrt()
            b = try b / (b * b).sum(pb, keepDims: true).clamp(min: 1e-12).sqrt()
        }
        if a.rank == 2 { return [try (a * b).sum(1, keepDims: true)] }
        let left = pa == 2 ? a : try a.transpose(1, 2)
        let right = pb == 1 ? b : try b.transpose(1, 2)
        return [try left.matmul(right)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["axes": .array(axes.map { .number(Double($0)) }), "normalize": .bool(normalize)]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        let axes: [Int]
        if let axis = config["axes"]?.intValue {
            axes = [axis]
        } else {
            axes = try config.requiredInts("axes", op: "Dot")
        }
        if let unknown = config.keys.sorted().first(where: { !["axes", "normalize", "name", "trainable"].contains($0) }) {
            throw NNError("Dot", .value, "unknown option '\(unknown)'; the options are axes, name, normalize, trainable")
        }
        guard config["normalize"] == nil || config["normalize"]?.boolValue != nil else {
            throw NNError("Dot", .value, "option 'normalize' must be a boolean")
        }
        return try Dot(axes: axes, normalize: config["normalize"]?.boolValue ?? false, name: config["name"]?.stringValue)
    }
}
