import Tensors

/// An activation applied inside a kernel to the values it has just computed (convolution outputs),
/// saving a pass over memory. Each one's derivative is computed from its output alone.
public enum FusedActivation: String, Sendable, CaseIterable {
    case linear, relu, sigmoid, tanh

    /// Applies the activation to `n` values in place.
    func apply(_ y: UnsafeMutablePointer<Float>, _ n: Int) {
        switch self {
        case .linear: break
        case .relu: for i in 0..<n where !(y[i] > 0) { y[i] = y[i].isNaN ? y[i] : 0 }
        case .sigmoid: KernelSupport.sigmoid(y, y, n)
        case .tanh: KernelSupport.tanh(y, y, n)
        }
    }

    /// `dz[i] = dy[i] · f'(z)` where `y[i] = f(z)`, for `n` values (`dz` may be `dy`).
    func backward(_ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>, into dz: UnsafeMutablePointer<Float>, _ n: Int) {
        switch self {
        case .linear: if UnsafePointer(dz) != dy { dz.update(from: dy, count: n) }
        case .relu: for i in 0..<n { dz[i] = y[i] > 0 ? dy[i] : 0 }
        case .sigmoid: for i in 0..<n { dz[i] = dy[i] * y[i] * (1 - y[i]) }
        case .tanh: for i in 0..<n { dz[i] = dy[i] * (1 - y[i] * y[i]) }
        }
    }
}
