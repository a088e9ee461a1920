import CheckedArithmetic
/// Cuts a time series into (input window, target horizon) pairs for forecasting and NARX models:
/// pair n has inputs at steps start..<start+window and targets at start+window..<start+window+horizon,
/// with start = n x stride.
public struct SlidingWindows: Sendable, Equatable {
    public let window: Int
    public let horizon: Int
    public let stride: Int
    /// The first step of each pair's input window.
    public let starts: [Int]

    /// One target step per pair, pairs starting at every step.
    public static let defaultHorizon = 1
    public static let defaultStride = 1

    public init(seriesLength: Int, window: Int, horizon: Int = defaultHorizon, stride: Int = defaultStride) throws {
        let operation = "sliding_windows"
        guard window >= 1, horizon >= 0, stride >= 1 else {
            throw DatasetError(operation, "window and stride must be 1 or more and horizon 0 or more; got window \(window), horizon \(horizon), stride \(stride)")
        }
        guard window <= seriesLength, horizon <= seriesLength - window else {
            throw DatasetError(operation, "a series of \(seriesLength) steps is too short for window \(window) + horizon \(horizon)")
        }
        self.window = window
        self.horizon = horizon
        self.stride = stride
        starts = Array(Swift.stride(from: 0, through: seriesLength - window - horizon, by: stride))
    }

    /// Inputs and targets cut from `series`, of shape [steps] or [steps, channels]: inputs are
    /// [pairs, window] (or [pairs, window, channels]), targets [pairs, horizon] (or with channels).
    /// Targets come from `targets` when given (a second series of the same length, e.g. the output
    /// of a NARX model whose inputs are `series`), else from `series` itself.
    public static func make(series: NumericArray, targets: NumericArray? = nil, window: Int, horizon: Int = defaultHorizon,
                            stride: Int = defaultStride) throws -> (inputs: NumericArray, targets: NumericArray) {
        let targetSeries = targets ?? series
        for array in [series, targetSeries] {
            guard array.shape.count == 1 || array.shape.count == 2, CheckedSize.product(array.shape) == array.values.count else {
                throw DatasetError("sliding_windows", "the series must have shape [steps] or [steps, channels], got shape \(tensorShape: array.shape)")
            }
        }
        guard targetSeries.shape[0] == series.shape[0] else {
            throw DatasetError("sliding_windows", "the target series has \(targetSeries.shape[0]) steps but the input series \(series.shape[0])")
        }
        let windows = try SlidingWindows(seriesLength: series.shape[0], window: window, horizon: horizon, stride: stride)
        let channels = Swift.max(series.shape.count == 2 ? series.shape[1] : 1, targetSeries.shape.count == 2 ? targetSeries.shape[1] : 1)
        try MemoryBudget.check(elements: CheckedSize.product([windows.starts.count, window + horizon, channels]) ?? -1,
                               elementSize: 4, operation: "sliding_windows", what: "the windows")
        func cut(_ array: NumericArray, offset: Int, length: Int) -> NumericArray {
            let channels = array.shape.count == 2 ? array.shape[1] : 1
            var values: [Float] = []
            values.reserveCapacity(windows.starts.count * length * channels)
            for start in windows.starts {
                values += array.values[(start + offset) * channels..<(start + offset + length) * channels]
            }
            let shape = array.shape.count == 2 ? [windows.starts.count, length, channels] : [windows.starts.count, length]
            return NumericArray(shape: shape, values: values)
        }
        return (cut(series, offset: 0, length: window), cut(targetSeries, offset: window, length: horizon))
    }
}
