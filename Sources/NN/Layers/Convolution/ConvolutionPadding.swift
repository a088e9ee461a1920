/// Keras' padding modes: `valid` (no padding) and `same` (pad so that stride 1 keeps the size; the extra
/// row or column goes at the bottom or right).
public enum ConvolutionPadding: String, Codable, Sendable {
    case valid, same

    public init(named name: String) throws {
        guard let padding = ConvolutionPadding(rawValue: name.lowercased()) else {
            throw NNError("padding", .value, "padding must be 'valid' or 'same', got '\(name)'")
        }
        self = padding
    }
}
