/// The differentiable operations that layers are made of, as functions of tensors. The ones with kernels
/// of their own (convolutions, pooling, upsampling, batch normalization, recurrent sequences, the fused
/// softmax cross-entropies) are here, beside the other tensor kernels; NN adds those composed of other
/// operations (activations, dropout, embeddings, layer normalization, losses). Shapes and defaults follow
/// Keras: images are NHWC, sequences (batch, time, features), kernels in Keras' layouts.
///
/// Every function validates its arguments and throws a `TensorError` naming the operation and the
/// offending shapes or values.
public enum Functional {}

/// How a convolution or pooling window treats the border (Keras' `padding`, saved by its name).
public enum Padding: String, Codable, Sendable, CaseIterable {
    /// No padding: windows lie entirely inside the input.
    case valid
    /// Zero padding so that the output has ceil(input / stride) positions; when the padding is odd the
    /// extra row or column goes at the bottom or right (Keras' and TensorFlow's rule).
    case same
    /// Zero padding only before the sequence, so no output sees a later time step (1-D convolutions).
    case causal

    /// The padding Keras calls `name` (`"same"`), in any case.
    public init(named name: String) throws {
        guard let padding = Padding(rawValue: name.lowercased()) else {
            throw TensorError("padding", .value, "padding must be 'valid', 'same' or 'causal' (1-D convolutions only), got '\(name)'")
        }
        self = padding
    }
}

extension Tensor {
    /// This tensor as contiguous float32 without autograd history: what kernels read through `floats`.
    func kernelOperand() throws -> Tensor { try to(.float32).contiguous().detach() }

    /// The first element of a contiguous float32 tensor (from `kernelOperand()` or a new tensor). Keep
    /// the tensor alive (`withExtendedLifetime`) while the pointer is used.
    var floats: UnsafeMutablePointer<Float> { pointer(Float.self) }
}

/// Throws unless `tensor` has rank `rank`; `what` names it in the message (`conv2d input`). Package-wide:
/// NN's composed operations check their arguments with the same words.
package func requireRank(_ tensor: Tensor, _ rank: Int, _ op: String, _ what: String, layout: String) throws {
    guard tensor.rank == rank else {
        throw TensorError(op, .shape, "expected the \(what) of rank \(rank) \(layout), got shape \(tensor.shape)")
    }
}

/// Throws unless `tensor` holds float32 values.
package func requireFloat(_ tensor: Tensor, _ op: String, _ what: String) throws {
    guard tensor.dtype == .float32 else {
        throw TensorError(op, .dtype, "the \(what) must be float32, got \(tensor.dtype)")
    }
}

/// The largest stride, dilation rate, pool size or upsampling factor accepted: far beyond any real use,
/// and small enough that window and output sizes computed from it cannot overflow.
let largestWindowParameter = 1 << 24

/// Throws unless every value lies in 1...largestWindowParameter.
func requirePositive(_ values: [Int], _ op: String, _ what: String) throws {
    guard values.allSatisfy({ $0 >= 1 }) else {
        throw TensorError(op, .value, "\(what) must be at least 1, got \(values)")
    }
    guard values.allSatisfy({ $0 <= largestWindowParameter }) else {
        throw TensorError(op, .value, "\(what) must be at most \(largestWindowParameter), got \(values)")
    }
}
