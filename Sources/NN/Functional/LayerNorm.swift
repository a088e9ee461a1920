import Tensors

extension Functional {
    /// Layer normalization (Keras' LayerNormalization): each sample is normalized over the trailing
    /// `axes` (by default the last) with its mean and biased variance, then scaled by `gamma` and shifted
    /// by `beta`, which have the shape of those trailing axes. Differentiable throughout.
    public static func layerNorm(_ input: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, axes: Int = 1,
                                 epsilon: Double = 1e-3) throws -> Tensor {
        let op = "layerNorm"
        try requireFloat(input, op, "input")
        guard axes >= 1, axes <= input.rank else {
            throw TensorError(op, .value, "normalizes 1 to \(input.rank) trailing axes of an input of shape \(input.shape), got \(axes)")
        }
        guard epsilon > 0, epsilon.isFinite else { throw TensorError(op, .value, "epsilon must be positive, got \(epsilon)") }
        let trailing = Array(input.shape.array.suffix(axes))
        for (name, parameter) in [("gamma", gamma), ("beta", beta)] {
            guard let parameter else { continue }
            guard parameter.shape.array == trailing else {
                throw TensorError(op, .shape, "\(name) must have the shape of the normalized axes \(trailing), got \(parameter.shape)")
            }
        }
        let dims = Array((input.rank - axes)..<input.rank)
        let mean = try input.mean(dims: dims, keepDims: true)
        let centered = try input - mean
        let variance = try (centered * centered).mean(dims: dims, keepDims: true)
        var output = try centered * (variance + epsilon).rsqrt()
        if let gamma { output = try output * gamma }
        if let beta { output = try output + beta }
        return output
    }
}
