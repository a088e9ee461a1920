import Tensors

extension SlidingWindows {
    /// `make` on tensors: `series` (and `targets`) of shape [steps] or [steps, channels], any dtype;
    /// the windows come back as float32.
    public static func make(series: Tensor, targets: Tensor? = nil, window: Int, horizon: Int = defaultHorizon,
                            stride: Int = defaultStride) throws -> (inputs: Tensor, targets: Tensor) {
        func numeric(_ tensor: Tensor) throws -> NumericArray {
            NumericArray(shape: Array(tensor.shape), values: try tensor.toArray(Float.self))
        }
        let (inputs, outputs) = try make(series: numeric(series), targets: targets.map(numeric),
                                         window: window, horizon: horizon, stride: stride)
        return (try inputs.tensor(), try outputs.tensor())
    }
}
