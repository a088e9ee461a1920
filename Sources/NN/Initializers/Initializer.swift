import Tensors

/// How a layer fills a new weight (Keras' initializers, by the same names and defaults). Saved in
/// configurations as Keras does: a name (`"glorot_uniform"`) or `{"class_name": ..., "config": ...}`
/// for those with arguments.
public enum Initializer: Equatable, Sendable, Codable, CustomStringConvertible {
    case zeros
    case ones
    case constant(Double)
    case glorotUniform
    case glorotNormal
    case heUniform
    case heNormal
    case lecunUniform
    case lecunNormal
    /// Orthogonal matrix (of the weight seen as rows × last dimension), times `gain` (Keras' default 1).
    case orthogonal(gain: Double)
    case randomNormal(mean: Double, stddev: Double)
    case randomUniform(minval: Double, maxval: Double)

    /// Keras' default arguments of the initializers that take any, the one place they are stated.
    public struct Defaults {
        public let value = 0.0, mean = 0.0, stddev = 0.05, minval = -0.05, maxval = 0.05, gain = 1.0
        public let scale = 1.0, mode = "fan_in", distribution = "truncated_normal"
        public init() {}
    }

    /// The initializer called `name` in Keras, with Keras' default arguments.
    public static func named(_ name: String) throws -> Initializer {
        switch name.lowercased() {
        case "zeros", "zero": .zeros
        case "ones", "one": .ones
        case "glorot_uniform", "glorotuniform", "xavier_uniform": .glorotUniform
        case "glorot_normal", "glorotnormal", "xavier_normal": .glorotNormal
        case "he_uniform", "heuniform": .heUniform
        case "he_normal", "henormal": .heNormal
        case "lecun_uniform", "lecununiform": .lecunUniform
        case "lecun_normal", "lecunnormal": .lecunNormal
        case "orthogonal": .orthogonal(gain: Defaults().gain)
        case "random_normal", "randomnormal": .randomNormal(mean: Defaults().mean, stddev: Defaults().stddev)
        case "random_uniform", "randomuniform": .randomUniform(minval: Defaults().minval, maxval: Defaults().maxval)
        default:
            throw NNError("initializer", .value, "unknown initializer '\(name)'; known: zeros, ones, glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, orthogonal, random_normal, random_uniform (and constant with a value)")
        }
    }

    /// Keras' name for it.
    public var name: String {
        switch self {
        case .zeros: "zeros"
        case .ones: "ones"
        case .constant: "constant"
        case .glorotUniform: "glorot_uniform"
        case .glorotNormal: "glorot_normal"
        case .heUniform: "he_uniform"
        case .heNormal: "he_normal"
        case .lecunUniform: "lecun_uniform"
        case .lecunNormal: "lecun_normal"
        case .orthogonal: "orthogonal"
        case .randomNormal: "random_normal"
        case .randomUniform: "random_uniform"
        }
    }

    public var description: String { name }

    /// A new float32 tensor of `shape` filled by this initializer (`Initializers`, with Keras' formulas);
    /// `op` names the layer in errors.
    func make(shape: [Int], op: String) throws -> Tensor {
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw NNError(op, .value, "weight sizes must be positive, got \(shape)")
        }
        switch self {
        case .zeros: return try Initializers.zeros(shape)
        case .ones: return try Initializers.ones(shape)
        case .constant(let value): return try Initializers.constant(shape, value: value)
        case .glorotUniform: return try Initializers.glorotUniform(shape)
        case .glorotNormal: return try Initializers.glorotNormal(shape)
        case .heUniform: return try Initializers.heUniform(shape)
        case .heNormal: return try Initializers.heNormal(shape)
        case .lecunUniform: return try Initializers.lecunUniform(shape)
        case .lecunNormal: return try Initializers.lecunNormal(shape)
        case .orthogonal(let gain): return try Initializers.orthogonal(shape, gain: gain)
        case .randomNormal(let mean, let stddev): return try Initializers.randomNormal(shape, mean: mean, std: stddev)
        case .randomUniform(let low, let high): return try Initializers.randomUniform(shape, low: low, high: high)
        }
    }

    // MARK: Codable as Keras writes initializers

    private struct Described: Codable {
        var className: String
        var config: [String: Double]
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let name = try? container.decode(String.self) {
            do { self = try Initializer.named(name) } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: (error as? NNError)?.message ?? "\(error)")
            }
            return
        }
        let described = try container.decode(Described.self)
        let c = described.config
        let keras = Defaults()
        switch described.className {
        case "Constant": self = .constant(c["value"] ?? keras.value)
        case "Orthogonal": self = .orthogonal(gain: c["gain"] ?? keras.gain)
        case "RandomNormal": self = .randomNormal(mean: c["mean"] ?? keras.mean, stddev: c["stddev"] ?? keras.stddev)
        case "RandomUniform": self = .randomUniform(minval: c["minval"] ?? keras.minval, maxval: c["maxval"] ?? keras.maxval)
        default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown initializer class '\(described.className)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .constant(let value): try container.encode(Described(className: "Constant", config: ["value": value]))
        case .orthogonal(let gain) where gain != 1: try container.encode(Described(className: "Orthogonal", config: ["gain": gain]))
        case .randomNormal(let mean, let stddev): try container.encode(Described(className: "RandomNormal", config: ["mean": mean, "stddev": stddev]))
        case .randomUniform(let low, let high): try container.encode(Described(className: "RandomUniform", config: ["minval": low, "maxval": high]))
        default: try container.encode(name)
        }
    }
}
