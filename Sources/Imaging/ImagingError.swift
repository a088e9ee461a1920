/// The one error type of the Imaging library. Its message names the operation and the offending
/// values, in words a student understands; the Lua layer shows it as a Lua error.
public struct ImagingError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
