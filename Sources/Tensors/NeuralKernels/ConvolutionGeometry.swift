/// The sizes of one NHWC convolution: input (batch, inputHeight, inputWidth, inputChannels), kernel
/// (kernelHeight, kernelWidth, inputChannels, outputChannels), output (batch, outputHeight, outputWidth,
/// outputChannels). Output position (oy, ox) and tap (ky, kx) read input row
/// `oy·strideY − padTop + ky·dilationY` (and likewise for columns); rows outside the input read zeros.
struct ConvolutionGeometry: Hashable {
    var batch: Int
    var inputHeight: Int, inputWidth: Int, inputChannels: Int
    var outputHeight: Int, outputWidth: Int, outputChannels: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideY: Int, strideX: Int
    var dilationY: Int, dilationX: Int
    var padTop: Int, padLeft: Int

    /// Elements of one im2col row: every tap of every input channel.
    var patchSize: Int { kernelHeight * kernelWidth * inputChannels }
    /// Elements of one input image and of one output image (NHWC).
    var inputImageSize: Int { inputHeight * inputWidth * inputChannels }
    var outputImageSize: Int { outputHeight * outputWidth * outputChannels }
    /// Output positions over the whole batch: the rows of the convolution's matrix product.
    var positions: Int { batch * outputHeight * outputWidth }

    /// Padding after the last row and column: what the last window reaches past the input (negative when
    /// 'valid' windows leave the last rows or columns unread).
    var padBottom: Int { (outputHeight - 1) * strideY + (kernelHeight - 1) * dilationY + 1 - inputHeight - padTop }
    var padRight: Int { (outputWidth - 1) * strideX + (kernelWidth - 1) * dilationX + 1 - inputWidth - padLeft }

    /// A 1x1 convolution with unit strides and no padding is a plain matrix product of the input.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideY == 1 && strideX == 1 && padTop == 0 && padLeft == 0
            && outputHeight == inputHeight && outputWidth == inputWidth
    }
}

/// Output length and leading padding of a sliding window over `input` positions (Keras' rules).
/// `window` is the effective window, (size − 1)·dilation + 1. NN's layers compute their symbolic output
/// shapes with it.
package func slidingWindow(input: Int, window: Int, stride: Int, padding: Padding) -> (output: Int, padBefore: Int) {
    switch padding {
    case .valid:
        return (input >= window ? (input - window) / stride + 1 : 0, 0)
    case .same:
        let output = (input + stride - 1) / stride
        let total = Swift.max((output - 1) * stride + window - input, 0)
        return (output, total / 2)
    case .causal:
        return ((input - 1) / stride + 1, window - 1)
    }
}

/// Output length of a transposed sliding window over `input` positions (Keras' `deconv_output_length`):
/// without `outputPadding`, 'valid' gives n·s + max(window − s, 0) and 'same' n·s; with it,
/// (n − 1)·s + window − 2p + outputPadding, p = window / 2 for 'same' and 0 otherwise.
package func transposedWindowOutput(input: Int, window: Int, stride: Int, padding: Padding, outputPadding: Int?) -> Int {
    if let outputPadding {
        return (input - 1) * stride + window - 2 * (padding == .same ? window / 2 : 0) + outputPadding
    }
    return padding == .same ? input * stride : input * stride + Swift.max(window - stride, 0)
}
