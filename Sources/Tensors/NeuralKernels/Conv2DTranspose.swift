extension Functional {
    /// Transposed 2-D convolution (Keras' Conv2DTranspose): NHWC `input` (batch, height, width, inChannels)
    /// and `kernel` (kernelHeight, kernelWidth, outChannels, inChannels), plus `bias` (outChannels).
    ///
    /// Output size per dimension, as Keras computes it (k the dilated kernel size, s the stride): without
    /// `outputPadding`, 'valid' gives n·s + max(k − s, 0) and 'same' n·s; with it, (n − 1)·s + k − 2p + outputPadding
    /// where p = k / 2 for 'same' and 0 for 'valid'. It is the gradient of the convolution that maps the output
    /// back to the input, with that convolution's 'same' padding split (extra at the bottom/right).
    public static func conv2dTranspose(_ input: Tensor, kernel: Tensor, bias: Tensor? = nil, strides: (Int, Int) = (1, 1),
                                       padding: Padding = .valid, outputPadding: (Int, Int)? = nil,
                                       dilation: (Int, Int) = (1, 1), activation: FusedActivation = .linear) throws -> Tensor {
        let op = "conv2dTranspose"
        try requireRank(input, 4, op, "input", layout: "(batch, height, width, channels)")
        try requireRank(kernel, 4, op, "kernel", layout: "(height, width, outChannels, inChannels)")
        try requireFloat(input, op, "input")
        try requireFloat(kernel, op, "kernel")
        try requirePositive([strides.0, strides.1], op, "strides")
        try requirePositive([dilation.0, dilation.1], op, "dilation rates")
        guard padding != .causal else { throw TensorError(op, .value, "causal padding is for 1-D convolutions; use 'valid' or 'same'") }
        guard input.shape[3] == kernel.shape[3] else {
            throw TensorError(op, .shape, "the input has \(input.shape[3]) channels but the kernel expects \(kernel.shape[3]) (its last dimension; input shape \(input.shape), kernel shape \(kernel.shape))")
        }
        guard kernel.shape[0] >= 1, kernel.shape[1] >= 1 else {
            throw TensorError(op, .shape, "the kernel must have at least one row and column, got shape \(kernel.shape)")
        }
        if let outputPadding {
            guard outputPadding.0 >= 0, outputPadding.1 >= 0, outputPadding.0 < strides.0, outputPadding.1 < strides.1 else {
                throw TensorError(op, .value, "output padding must be at least 0 and smaller than the stride: got (\(outputPadding.0), \(outputPadding.1)) with strides (\(strides.0), \(strides.1))")
            }
        }
        let outChannels = kernel.shape[2]
        try checkBias(bias, channels: outChannels, op)

        func dimension(_ n: Int, _ size: Int, _ stride: Int, _ rate: Int, _ extra: Int?) throws -> (output: Int, padBefore: Int) {
            let window = (size - 1) * rate + 1
            let output = transposedWindowOutput(input: n, window: window, stride: stride, padding: padding, outputPadding: extra)
            guard output > 0 else {
                throw TensorError(op, .shape, "the output would have no rows or columns (input \(input.shape), kernel \(kernel.shape))")
            }
            let padBefore = padding == .same ? Swift.max((n - 1) * stride + window - output, 0) / 2 : 0
            return (output, padBefore)
        }
        let rows = try dimension(input.shape[1], kernel.shape[0], strides.0, dilation.0, outputPadding?.0)
        let columns = try dimension(input.shape[2], kernel.shape[1], strides.1, dilation.1, outputPadding?.1)
        // The convolution this one transposes: from the output (as its input) back to `input`.
        let g = ConvolutionGeometry(batch: input.shape[0], inputHeight: rows.output, inputWidth: columns.output, inputChannels: outChannels,
                                    outputHeight: input.shape[1], outputWidth: input.shape[2], outputChannels: input.shape[3],
                                    kernelHeight: kernel.shape[0], kernelWidth: kernel.shape[1], strideY: strides.0, strideX: strides.1,
                                    dilationY: dilation.0, dilationX: dilation.1, padTop: rows.padBefore, padLeft: columns.padBefore)
        let engine = ConvolutionEngine(geometry: g)
        let x = try input.kernelOperand(), w = try kernel.kernelOperand(), b = try bias?.kernelOperand()
        let output = try Tensor.empty([g.batch, rows.output, columns.output, outChannels])
        try withExtendedLifetime((x, w, b, output)) {
            try engine.inputGradient(outputGrad: x.floats, kernel: w.floats, into: output.floats)
            addBiasAndActivate(output.floats, rows: g.batch * rows.output * columns.output, channels: outChannels,
                               bias: b?.floats, activation: activation)
        }
        return recordConvolution(op, input: input, kernel: kernel, bias: bias, output: output, activation: activation) { dz, dx in
            try engine.forward(input: dz, kernel: w.floats, output: dx)
        } kernelGradient: { dz, dw in
            try engine.kernelGradient(input: dz, outputGrad: x.floats, into: dw)
        }
    }
}
