import Tensors

/// The functional operations whose kernels are written on another branch (Sources/NN/Functional). The
/// layers call them here with Keras' layouts already decided; connecting a layer is replacing one body
/// below with a call to the functional op. Until then each throws a clear error.
enum PendingKernels {
    private static func unavailable(_ op: String) -> NNError {
        NNError(op, .usage, "this build does not have the \(op) kernel yet; the layer can be built, summarized and saved, but not run")
    }

    /// NHWC input, kernel (kh, kw, in, out), optional bias (out).
    static func conv2d(_ x: Tensor, kernel: Tensor, bias: Tensor?, strides: [Int], padding: ConvolutionPadding, dilation: [Int]) throws -> Tensor {
        throw unavailable("conv2d")
    }

    /// (N, L, C) input, kernel (k, in, out).
    static func conv1d(_ x: Tensor, kernel: Tensor, bias: Tensor?, stride: Int, padding: ConvolutionPadding, dilation: Int) throws -> Tensor {
        throw unavailable("conv1d")
    }

    /// NHWC input, kernel (kh, kw, out, in).
    static func conv2dTranspose(_ x: Tensor, kernel: Tensor, bias: Tensor?, strides: [Int], padding: ConvolutionPadding,
                                outputPadding: [Int]?, dilation: [Int]) throws -> Tensor {
        throw unavailable("conv2d_transpose")
    }

    static func maxPool2d(_ x: Tensor, poolSize: [Int], strides: [Int], padding: ConvolutionPadding) throws -> Tensor {
        throw unavailable("max_pool2d")
    }

    static func averagePool2d(_ x: Tensor, poolSize: [Int], strides: [Int], padding: ConvolutionPadding) throws -> Tensor {
        throw unavailable("average_pool2d")
    }

    static func upsampling2d(_ x: Tensor, size: [Int], interpolation: String) throws -> Tensor {
        throw unavailable("upsampling2d")
    }

    /// Training mode: normalizes with the batch statistics over all axes but the last and returns them.
    static func batchNormTraining(_ x: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Double) throws -> (output: Tensor, mean: Tensor, variance: Tensor) {
        throw unavailable("batch_norm")
    }

    static func batchNormInference(_ x: Tensor, mean: Tensor, variance: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Double) throws -> Tensor {
        throw unavailable("batch_norm")
    }

    static func layerNorm(_ x: Tensor, gamma: Tensor?, beta: Tensor?, epsilon: Double) throws -> Tensor {
        throw unavailable("layer_norm")
    }

    /// A whole (N, T, F) sequence; returns all hidden states (N, T, U) and the final states.
    static func simpleRNN(_ x: Tensor, initialState: Tensor?, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?,
                          activation: ActivationFunction, goBackwards: Bool) throws -> (sequence: Tensor, states: [Tensor]) {
        throw unavailable("simple_rnn")
    }

    static func lstm(_ x: Tensor, initialStates: [Tensor]?, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?,
                     activation: ActivationFunction, recurrentActivation: ActivationFunction, goBackwards: Bool) throws -> (sequence: Tensor, states: [Tensor]) {
        throw unavailable("lstm")
    }

    /// reset_after = true: bias (2, 3u), gate order z, r, h.
    static func gru(_ x: Tensor, initialState: Tensor?, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor?,
                    activation: ActivationFunction, recurrentActivation: ActivationFunction, goBackwards: Bool) throws -> (sequence: Tensor, states: [Tensor]) {
        throw unavailable("gru")
    }
}
