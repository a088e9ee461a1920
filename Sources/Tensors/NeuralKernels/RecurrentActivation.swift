/// The activations a recurrent cell may use for its candidate/output (`activation`, Keras default tanh)
/// and its gates (`recurrentActivation`, default sigmoid). Each derivative is computed from the output.
public enum RecurrentActivation: String, Sendable, CaseIterable {
    case tanh, sigmoid, hardSigmoid = "hard_sigmoid", relu, linear

    /// Applies the activation to `n` contiguous values in place.
    @inline(__always)
    func apply(_ values: UnsafeMutablePointer<Float>, _ n: Int) {
        switch self {
        case .tanh: KernelSupport.tanh(values, values, n)
        case .sigmoid: KernelSupport.sigmoid(values, values, n)
        case .hardSigmoid: for i in 0..<n { values[i] = Swift.min(Swift.max(values[i] + 3, 0), 6) / 6 }
        case .relu: for i in 0..<n where !(values[i] > 0) { values[i] = values[i].isNaN ? values[i] : 0 }
        case .linear: break
        }
    }

    /// f'(z) given y = f(z).
    @inline(__always)
    func derivative(output y: Float) -> Float {
        switch self {
        case .tanh: 1 - y * y
        case .sigmoid: y * (1 - y)
        case .hardSigmoid: y > 0 && y < 1 ? 1.0 / 6 : 0
        case .relu: y > 0 ? 1 : 0
        case .linear: 1
        }
    }
}
