import Tensors

/// Adds zeros around (ZeroPadding1D/2D) or cuts rows off (Cropping1D/2D) the spatial dimensions of
/// channels-last input: (batch, steps, channels) or (batch, height, width, channels). Each spatial
/// dimension has an amount before and after.
public class BorderLayer: Layer {
    /// (before, after) per spatial dimension.
    public let edges: [(before: Int, after: Int)]
    class var spatialRank: Int { 2 }
    class var crops: Bool { false }
    /// The option holding the amounts: `padding` or `cropping`.
    class var optionName: String { crops ? "cropping" : "padding" }

    /// `amounts` in Keras' forms: one integer for every side; for 2-D, (rows, columns) each on both
    /// sides or ((top, bottom), (left, right)); for 1-D, (before, after).
    public required init(_ amounts: JSONValue, name: String? = nil) throws {
        edges = try Self.edges(amounts, op: String(describing: Self.self))
        try super.init(name: name)
    }

    private static func edges(_ value: JSONValue, op: String) throws -> [(before: Int, after: Int)] {
        let pairs: [[Int]]?
        if let single = value.intValue {
            pairs = Array(repeating: [single, single], count: spatialRank)
        } else if spatialRank == 1 {
            pairs = OptionForms.integerList(value).flatMap { $0.count == 2 ? [$0] : nil }
        } else if let list = value.arrayValue, list.count == 2 {
            let perDimension = list.map { item -> [Int]? in
                if let n = item.intValue { return [n, n] }
                return OptionForms.integerList(item).flatMap { $0.count == 2 && item.arrayValue != nil ? $0 : nil }
            }
            pairs = perDimension.contains { $0 == nil } ? nil : perDimension.compactMap { $0 }
        } else {
            pairs = nil
        }
        guard let pairs, pairs.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0 < 1 << 40 } }) else {
            let accepted = spatialRank == 1
                ? "an integer ≥ 0 or a list {before, after}"
                : "an integer ≥ 0, a list {rows, columns}, or {{top, bottom}, {left, right}}"
            throw NNError(op, .value, "option '\(optionName)' must be \(accepted), got \(OptionForms.luaText(value))")
        }
        return pairs.map { (before: $0[0], after: $0[1]) }
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0], rank = Self.spatialRank
        guard shape.rank == rank + 2 else {
            throw shapeError("expected an input of rank \(rank + 2) (batch, \(rank == 1 ? "steps" : "height, width"), channels), got \(shape)")
        }
        var dims = shape.dims
        for (d, edge) in edges.enumerated() {
            guard let size = shape[d + 1] else { continue }
            let border = edge.before + edge.after
            let (result, overflow) = Self.crops ? size.subtractingReportingOverflow(border) : size.addingReportingOverflow(border)
            guard !overflow, result > 0 else {
                throw shapeError("cannot crop \(edge.before) + \(edge.after) from a size of \(size) (input of shape \(shape))")
            }
            dims[d + 1] = result
        }
        return [SymbolicShape(dims)]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        var x = inputs[0]
        if Self.crops {
            for (d, edge) in edges.enumerated() {
                x = try x.narrow(d + 1, start: edge.before, length: x.shape[d + 1] - edge.before - edge.after)
            }
            return [x]
        }
        return [try x.pad([(0, 0)] + edges + [(0, 0)])]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        let pairs = edges.map { JSONValue.array([.number(Double($0.before)), .number(Double($0.after))]) }
        return [Self.optionName: Self.spatialRank == 1 ? pairs[0] : .array(pairs)]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        let op = String(describing: Self.self)
        guard let amounts = config[optionName] else { throw NNError(op, .value, "the configuration needs the option '\(optionName)'") }
        return try Self(amounts, name: config["name"]?.stringValue)
    }
}

public final class ZeroPadding1D: BorderLayer {
    override class var spatialRank: Int { 1 }
}

public final class ZeroPadding2D: BorderLayer {}

public final class Cropping1D: BorderLayer {
    override class var spatialRank: Int { 1 }
    override class var crops: Bool { true }
}

public final class Cropping2D: BorderLayer {
    override class var crops: Bool { true }
}
