import Tensors

/// The functional operations whose kernels are written on another branch (Sources/NN/Functional). The
/// signatures here are that branch's (`Functional.conv2d(...)` and so on), so connecting the layers is
/// replacing `PendingKernels.` by `Functional.` at the call sites (and the recurrent activations by
/// `RecurrentActivation(rawValue:)`). Until then each throws a clear error.
enum PendingKernels {
    private static func unavailable(_ op: String) -> NNError {
        NNError(op, .usage, "this build does not have the \(op) kernel yet; the layer can be built, summarized and saved, but not run")
    }

    /// NHWC input, kernel (kh, kw, in, out), optional bias (out).
    static func conv2d(_ input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int), padding: ConvolutionPadding,
                       dilation: (Int, Int)) throws -> Tensor {
        throw unavailable("conv2d")
    }

    /// (N, L, C) input, kernel (k, in, out).
    static func conv1d(_ input: Tensor, kernel: Tensor, bias: Tensor?, stride: Int, padding: ConvolutionPadding, dilation: Int) throws -> Tensor {
        throw unavailable("conv1d")
    }

    /// NHWC input, kernel (kh, kw, out, in).
    static func conv2dTranspose(_ input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int), padding: ConvolutionPadding,
                                outputPadding: (Int, Int)?, dilation: (Int, Int)) throws -> Tensor {
        throw unavailable("conv2dTranspose")
    }

    static func maxPool2d(_ input: Tensor, poolSize: (Int, Int), strides: (Int, Int)?, padding: ConvolutionPadding) throws -> Tensor {
        throw unavailable("maxPool2d")
    }

    static func avgPool2d(_ input: Tensor, poolSize: (Int, Int), strides: (Int, Int)?, padding: ConvolutionPadding) throws -> Tensor {
        throw unavailable("avgPool2d")
    }

    static func upsample2d(_ input: Tensor, factors: (Int, Int), interpolation: String) throws -> Tensor {
        throw unavailable("upsample2d")
    }

    /// Training mode: normalizes with the batch statistics over all axes but the last and returns them.
    static func batchNormTraining(_ input: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Double) throws -> (output: Tensor, mean: Tensor, variance: Tensor) {
        throw unavailable("batchNorm")
    }

    static func batchNormInference(_ input: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Double) throws -> Tensor {
        throw unavailable("batchNorm")
    }

    /// Normalizes over the last `axes` axes.
    static func layerNorm(_ input: Tensor, gamma: Tensor?, beta: Tensor?, axes: Int, epsilon: Double) throws -> Tensor {
        throw unavailable("layerNorm")
    }

    typealias RecurrentOutput = (sequence: Tensor, lastHidden: Tensor, lastCell: Tensor?)

    /// A whole (N, T, F) sequence: all hidden states (N, T, U) and the final states.
    static func simpleRNN(_ input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?, initialHidden: Tensor?,
                          goBackwards: Bool, activation: ActivationFunction) throws -> RecurrentOutput {
        throw unavailable("simpleRNN")
    }

    static func lstm(_ input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?, initialHidden: Tensor?, initialCell: Tensor?,
                     goBackwards: Bool, activation: ActivationFunction, recurrentActivation: ActivationFunction) throws -> RecurrentOutput {
        throw unavailable("lstm")
    }

    /// reset_after = true: bias (2, 3u), gate order z, r, h.
    static func gru(_ input: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?, initialHidden: Tensor?,
                    goBackwards: Bool, activation: ActivationFunction, recurrentActivation: ActivationFunction) throws -> RecurrentOutput {
        throw unavailable("gru")
    }
}
