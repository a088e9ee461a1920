import CheckedArithmetic
import Tensors

/// Enlarges NHWC images by integer factors (rows, columns), 'nearest' or 'bilinear'.
public final class UpSampling2D: Layer {
    public let size: [Int]
    public let interpolation: UpsamplingInterpolation

    public init(size: [Int] = [2, 2], interpolation: UpsamplingInterpolation = .nearest, name: String? = nil) throws {
        self.size = try OptionForms.sizes(size, rank: 2, name: "size", op: "UpSampling2D")
        self.interpolation = interpolation
        try super.init(name: name)
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        guard shape.rank == 4 else { throw shapeError("expected an input of rank 4 (batch, height, width, channels), got \(shape)") }
        let sizes = try (0..<2).map { d -> Int? in
            guard let input = shape[d + 1] else { return nil }
            guard let output = CheckedSize.product(input, size[d]) else { throw shapeError("size \(OptionForms.luaText(size)) makes the input of shape \(shape) too large for a tensor") }
            return output
        }
        return [SymbolicShape([shape[0]] + sizes + [shape[3]])]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        [try Functional.upsample2d(inputs[0], factors: (size[0], size[1]), interpolation: interpolation)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["size": .array(size.map { .number(Double($0)) }), "interpolation": .string(interpolation.rawValue)]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        let name = config["interpolation"]?.stringValue ?? "nearest"
        guard let interpolation = UpsamplingInterpolation(rawValue: name) else {
            throw NNError("UpSampling2D", .value, "interpolation must be 'nearest' or 'bilinear', got '\(name)'")
        }
        return try UpSampling2D(size: try config.requiredInts("size", op: "UpSampling2D"), interpolation: interpolation,
                                name: config["name"]?.stringValue)
    }
}
