/// The input a layer declares in Keras 2 style (`Dense(64, input_shape = (10,))`): used by a Sequential
/// model when the layer comes first, as Keras does, and ignored elsewhere.
public struct InputDeclaration: Sendable {
    /// The option names, any one of which declares the input.
    public static let keys = ["batch_input_shape", "input_dim", "input_shape"]
    /// Sizes per sample, without the batch.
    public let shape: [Int]
    public let batchSize: Int?

    /// From the options as JSON values (`input_shape = {10}`, `input_dim = 10`, `batch_input_shape =
    /// {32, 10}`); nil when none is given.
    public init?(_ options: [String: JSONValue], op: String) throws {
        let given = InputDeclaration.keys.filter { options[$0] != nil }
        guard let key = given.first else { return nil }
        guard given.count == 1 else {
            throw NNError(op, .value, "give one of the options 'input_shape', 'input_dim', 'batch_input_shape', not \(given.map { "'\($0)'" }.joined(separator: " and "))")
        }
        let value = options[key]!
        guard let sizes = OptionForms.integerList(value), sizes.allSatisfy({ $0 > 0 }),
              key != "batch_input_shape" || sizes.count >= 2, key != "input_dim" || sizes.count == 1 else {
            let accepted = ["input_shape": "a positive integer or a list of them (sizes without the batch)",
                            "input_dim": "a positive integer",
                            "batch_input_shape": "a list of positive integers, the batch size first"][key]!
            throw NNError(op, .value, "option '\(key)' must be \(accepted), got \(OptionForms.luaText(value))")
        }
        shape = key == "batch_input_shape" ? Array(sizes.dropFirst()) : sizes
        batchSize = key == "batch_input_shape" ? sizes[0] : nil
    }
}
