/// Cuts a time series into (input window, target horizon) pairs for forecasting and NARX models:
/// pair n has inputs at steps start..<start+window and targets at start+window..<start+window+horizon,
/// with start = n x stride.
public struct SlidingWindows: Sendable, Equatable {
    public let window: Int
    public let horizon: Int
    public let stride: Int
    /// The first step of each pair's input window.
    public let starts: [Int]

    public init(seriesLength: Int, window: Int, horizon: Int = 1, stride: Int = 1) throws {
        let operation = "sliding_windows"
        guard window >= 1, horizon >= 0, stride >= 1 else {
            throw DatasetError(operation, "window and stride must be 1 or more and horizon 0 or more; got window \(window), horizon \(horizon), stride \(stride)")
        }
        guard seriesLength >= window + horizon else {
            throw DatasetError(operation, "a series of \(seriesLength) steps is too short for window \(window) + horizon \(horizon)")
        }
        self.window = window
        self.horizon = horizon
        self.stride = stride
        starts = Array(Swift.stride(from: 0, through: seriesLength - window - horizon, by: stride))
    }

    /// Inputs and targets cut from `series`, of shape [steps] or [steps, channels]: inputs are
    /// [pairs, window] (or [pairs, window, channels]), targets [pairs, horizon] (or with channels).
    public static func make(series: NumericArray, window: Int, horizon: Int = 1, stride: Int = 1) throws
        -> (inputs: NumericArray, targets: NumericArray) {
        guard series.shape.count == 1 || series.shape.count == 2,
              series.shape.reduce(1, *) == series.values.count else {
            throw DatasetError("sliding_windows", "the series must have shape [steps] or [steps, channels], got \(series.shape)")
        }
        let channels = series.shape.count == 2 ? series.shape[1] : 1
        let windows = try SlidingWindows(seriesLength: series.shape[0], window: window, horizon: horizon, stride: stride)
        func cut(offset: Int, length: Int) -> NumericArray {
            var values: [Float] = []
            values.reserveCapacity(windows.starts.count * length * channels)
            for start in windows.starts {
                values += series.values[(start + offset) * channels..<(start + offset + length) * channels]
            }
            let shape = series.shape.count == 2 ? [windows.starts.count, length, channels] : [windows.starts.count, length]
            return NumericArray(shape: shape, values: values)
        }
        return (cut(offset: 0, length: window), cut(offset: window, length: horizon))
    }
}
