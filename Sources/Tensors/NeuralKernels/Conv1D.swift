extension Functional {
    /// 1-D convolution of `input` (batch, length, inChannels) with `kernel` (kernelSize, inChannels,
    /// outChannels), as Keras' Conv1D: 'valid', 'same' or 'causal' padding (causal pads only before the
    /// sequence). Runs as a 2-D convolution of height 1.
    public static func conv1d(_ input: Tensor, kernel: Tensor, bias: Tensor? = nil, stride: Int = 1,
                              padding: Padding = .valid, dilation: Int = 1,
                              activation: FusedActivation = .linear) throws -> Tensor {
        let op = "conv1d"
        try requireRank(input, 3, op, "input", layout: "(batch, length, channels)")
        try requireRank(kernel, 3, op, "kernel", layout: "(size, inChannels, outChannels)")
        guard input.shape[2] == kernel.shape[1] else {
            throw TensorError(op, .shape, "the input has \(input.shape[2]) channels but the kernel expects \(kernel.shape[1]) (input shape \(input.shape), kernel shape \(kernel.shape))")
        }
        let image = try input.unsqueeze(1), kernel2D = try kernel.unsqueeze(0)
        if padding == .causal {
            // Causal padding is 'valid' after padding (size − 1)·dilation zeros before the sequence.
            try requirePositive([stride, dilation], op, "stride and dilation")
            let shift = (kernel.shape[0] - 1) * dilation
            let padded = try image.pad([(0, 0), (0, 0), (shift, 0), (0, 0)])
            return try conv2d(op, padded, kernel: kernel2D, bias: bias, strides: (1, stride), padding: .valid,
                              dilation: (1, dilation), activation: activation).squeeze(1)
        }
        return try conv2d(op, image, kernel: kernel2D, bias: bias, strides: (1, stride), padding: padding,
                          dilation: (1, dilation), activation: activation).squeeze(1)
    }
}
