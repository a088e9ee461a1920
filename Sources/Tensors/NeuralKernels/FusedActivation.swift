import CKernels

/// An activation applied inside a kernel to the values it has just computed (convolution outputs),
/// saving a pass over memory. Each one's derivative is computed from its output alone.
public enum FusedActivation: String, Sendable, CaseIterable {
    case linear, relu, sigmoid, tanh

    /// Applies the activation to `n` values in place.
    func apply(_ y: UnsafeMutablePointer<Float>, _ n: Int) {
        switch self {
        case .linear: break
        case .relu: lunette_relu(y, Int64(n))
        case .sigmoid: KernelSupport.sigmoid(y, y, n)
        case .tanh: KernelSupport.tanh(y, y, n)
        }
    }

    /// `dz[i] = dy[i] · f'(z)` where `y[i] = f(z)`, for `n` values (`dz` may be `dy`).
    func backward(_ dy: UnsafePointer<Float>, output y: UnsafePointer<Float>, into dz: UnsafeMutablePointer<Float>, _ n: Int) {
        switch self {
        case .linear: if UnsafePointer(dz) != dy { dz.update(from: dy, count: n) }
        case .relu: lunette_relu_backward(dy, y, dz, Int64(n), nil, 0)
        case .sigmoid: for i in 0..<n { dz[i] = dy[i] * y[i] * (1 - y[i]) }
        case .tanh: for i in 0..<n { dz[i] = dy[i] * (1 - y[i] * y[i]) }
        }
    }
}

/// row sums += row, for the bias gradient's channel sums (the buffers never alias).
func addRow(_ row: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Float>, _ n: Int) {
    var c = 0
    while c + 16 <= n {
        store16(load16(sums + c) + load16(row + c), sums + c)
        c += 16
    }
    while c < n {
        sums[c] += row[c]
        c += 1
    }
}

@inline(__always) func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always) func load16(_ pointer: UnsafeMutablePointer<Float>) -> SIMD16<Float> { load16(UnsafePointer(pointer)) }

@inline(__always) func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
}
