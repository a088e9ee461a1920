#if canImport(Glibc)
import Glibc
#endif
import Tensors

/// Activations Tensors lacks, composed from its differentiable ops (see Interim/Interim.swift).
enum InterimActivations {
    /// scale · elu(x, alpha) with Keras' (Klambauer et al.'s) constants.
    static func selu(_ x: Tensor) throws -> Tensor {
        try x.elu(alpha: 1.6732632423543772848170429916717) * 1.0507009873554804934193349852946
    }

    /// x · sigmoid(x).
    static func swish(_ x: Tensor) throws -> Tensor { try x * x.sigmoid() }

    /// The exact GELU, x · Φ(x) = x/2 · (1 + erf(x/√2)), Keras' default.
    static func gelu(_ x: Tensor) throws -> Tensor {
        try x * 0.5 * (erf(x * (1 / 2.0.squareRoot())) + 1)
    }

    /// The error function, elementwise; its derivative 2/√π · e^(−z²) is written with tensor ops, so it
    /// is differentiable twice.
    static func erf(_ z: Tensor) throws -> Tensor {
        let input = try z.float().contiguous().detach()
        let out = try Tensor.empty(input.shape.array)
        try input.withUnsafeBufferPointer(as: Float.self) { source in
            try out.withUnsafeMutableBufferPointer(as: Float.self) { target in
                for i in 0..<source.count { target[i] = erff(source[i]) }
            }
        }
        return Autograd.record("erf", inputs: [z], output: out) { g in
            [try g * (z * z).neg().exp() * (2 / Double.pi.squareRoot())]
        }
    }
}
