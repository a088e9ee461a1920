import Tensors

/// Max or average pooling over windows of channels-last input (Keras' MaxPooling1D/2D and
/// AveragePooling1D/2D); strides default to the pool size.
public class WindowPooling: Layer {
    public struct Options: LayerOptions {
        /// nil: the pool size.
        public var strides: [Int]? = nil
        public var padding: Padding = .valid
        public init() {}
    }

    public let poolSize: [Int]
    public let strides: [Int]
    public let padding: Padding
    /// Max pooling in the Max classes, averages in the Average ones.
    class var isMax: Bool { false }
    /// 1: (batch, steps, channels); 2: (batch, height, width, channels).
    class var spatialRank: Int { 2 }

    public required init(poolSize: [Int] = [2], options: Options = Options(), name: String? = nil) throws {
        let op = String(describing: Self.self)
        self.poolSize = try OptionForms.sizes(poolSize, rank: Self.spatialRank, name: "pool_size", op: op)
        strides = try OptionForms.sizes(options.strides ?? self.poolSize, rank: Self.spatialRank, name: "strides", op: op)
        guard options.padding != .causal else { throw NNError(op, .value, "pooling takes 'valid' or 'same' padding, not 'causal'") }
        padding = options.padding
        try super.init(name: name)
    }

    /// `MaxPooling2D(2)`.
    public convenience init(_ poolSize: Int, strides: Int? = nil, padding: Padding = .valid, name: String? = nil) throws {
        var options = Options()
        options.strides = strides.map { [$0] }
        options.padding = padding
        try self.init(poolSize: [poolSize], options: options, name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0], rank = Self.spatialRank
        guard shape.rank == rank + 2 else {
            throw shapeError("expected an input of rank \(rank + 2) (batch, \(rank == 1 ? "steps" : "height, width"), channels), got \(shape)")
        }
        let sizes = try (0..<rank).map { try WindowGeometry.outputLength(shape[$0 + 1], kernel: poolSize[$0], stride: strides[$0], padding: padding, op: label) }
        if sizes.contains(0) { throw shapeError("the input of shape \(shape) is smaller than the pool \(OptionForms.luaText(poolSize))") }
        return [SymbolicShape([shape[0]] + sizes + [shape[-1]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        if Self.spatialRank == 1 {
            return [Self.isMax ? try Functional.maxPool1d(inputs[0], poolSize: poolSize[0], stride: strides[0], padding: padding)
                               : try Functional.avgPool1d(inputs[0], poolSize: poolSize[0], stride: strides[0], padding: padding)]
        }
        let pool = (poolSize[0], poolSize[1]), step = (strides[0], strides[1])
        return [Self.isMax ? try Functional.maxPool2d(inputs[0], poolSize: pool, strides: step, padding: padding)
                           : try Functional.avgPool2d(inputs[0], poolSize: pool, strides: step, padding: padding)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["pool_size": .array(poolSize.map { .number(Double($0)) }), "strides": .array(strides.map { .number(Double($0)) }),
         "padding": .string(padding.rawValue)]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        let op = String(describing: Self.self)
        return try Self(poolSize: try config.requiredInts("pool_size", op: op),
                        options: try ConfigCoding.decodeOptions(Options.self, from: config, op: op),
                        name: config["name"]?.stringValue)
    }
}

public typealias Pooling2D = WindowPooling

public final class MaxPooling2D: WindowPooling {
    override class var isMax: Bool { true }
}

public final class AveragePooling2D: WindowPooling {}

public final class MaxPooling1D: WindowPooling {
    override class var isMax: Bool { true }
    override class var spatialRank: Int { 1 }
}

public final class AveragePooling1D: WindowPooling {
    override class var spatialRank: Int { 1 }
}
