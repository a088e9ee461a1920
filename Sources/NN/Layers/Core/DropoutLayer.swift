import Tensors

/// During training, zeroes each element with probability `rate` and scales the others by 1/(1 − rate);
/// at evaluation it passes its input through.
public final class Dropout: Layer {
    public let rate: Double
    /// Sizes of the mask (1 where the mask is shared along a dimension); nil for the input's shape.
    public let noiseShape: [Int?]?

    public init(_ rate: Double, noiseShape: [Int?]? = nil, name: String? = nil) throws {
        guard rate >= 0, rate < 1 else { throw NNError("Dropout", .value, "rate must lie in [0, 1), got \(rate)") }
        self.rate = rate
        self.noiseShape = noiseShape
        try super.init(name: name)
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        let x = inputs[0]
        guard training, rate > 0 else { return [x] }
        var maskShape: [Int]? = nil
        if let noiseShape {
            guard noiseShape.count == x.rank else {
                throw shapeError("noise shape \(noiseShape.map { $0.map(String.init) ?? "None" }) does not fit an input of shape \(x.shape)")
            }
            maskShape = zip(noiseShape, x.shape).map { $0 ?? $1 }
        }
        return [try Functional.dropout(x, rate: rate, training: training, noiseShape: maskShape)]
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        ["rate": .number(rate),
         "noise_shape": noiseShape.map { .array($0.map { $0.map { .number(Double($0)) } ?? .null }) } ?? .null]
    }

    static func fromConfig(_ config: [String: JSONValue]) throws -> Layer {
        guard let rate = config["rate"]?.numberValue else { throw NNError("Dropout", .value, "the configuration needs a number 'rate'") }
        let noise = config["noise_shape"]?.arrayValue?.map(\.intValue)
        return try Dropout(rate, noiseShape: noise, name: config["name"]?.stringValue)
    }
}
