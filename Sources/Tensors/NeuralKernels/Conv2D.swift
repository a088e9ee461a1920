import CKernels

extension Functional {
    /// 2-D convolution of NHWC `input` (batch, height, width, inChannels) with `kernel` (kernelHeight,
    /// kernelWidth, inChannels, outChannels), plus `bias` (outChannels) and `activation`, as Keras' Conv2D.
    /// 'same' padding puts the odd extra row/column at the bottom/right. Differentiable in all three.
    public static func conv2d(_ input: Tensor, kernel: Tensor, bias: Tensor? = nil, strides: (Int, Int) = (1, 1),
                              padding: Padding = .valid, dilation: (Int, Int) = (1, 1),
                              activation: FusedActivation = .linear) throws -> Tensor {
        try conv2d("conv2d", input, kernel: kernel, bias: bias, strides: strides, padding: padding, dilation: dilation,
                   activation: activation)
    }

    /// `conv2d` reporting errors as operation `op` (conv1d runs through it).
    static func conv2d(_ op: String, _ input: Tensor, kernel: Tensor, bias: Tensor?, strides: (Int, Int), padding: Padding,
                       dilation: (Int, Int), activation: FusedActivation) throws -> Tensor {
        try requireRank(input, 4, op, "input", layout: "(batch, height, width, channels)")
        try requireRank(kernel, 4, op, "kernel", layout: "(height, width, inChannels, outChannels)")
        try requirePositive([strides.0, strides.1], op, "strides")
        try requirePositive([dilation.0, dilation.1], op, "dilation rates")
        guard padding != .causal else {
            throw TensorError(op, .value, "causal padding is for 1-D convolutions; use 'valid' or 'same'")
        }
        let geometry = try convolutionGeometry(op, input: input.shape.array, kernel: kernel.shape.array,
                                               strides: strides, dilation: dilation,
                                               padding: (padding, padding))
        return try convolve(op, input: input, kernel: kernel, bias: bias, geometry: geometry, activation: activation)
    }

    /// The geometry of a convolution of an input (batch, height, width, channels) with a kernel (kh, kw,
    /// inChannels, outChannels), checking that they fit; `padding` per spatial dimension.
    static func convolutionGeometry(_ op: String, input: [Int], kernel: [Int], strides: (Int, Int), dilation: (Int, Int),
                                    padding: (Padding, Padding)) throws -> ConvolutionGeometry {
        guard input[3] == kernel[2] else {
            throw TensorError(op, .shape, "the input has \(input[3]) channels but the kernel expects \(kernel[2]) (input shape \(input), kernel shape \(kernel))")
        }
        guard kernel[0] >= 1, kernel[1] >= 1 else {
            throw TensorError(op, .shape, "the kernel must have at least one row and column, got shape \(kernel)")
        }
        let windowY = (kernel[0] - 1) * dilation.0 + 1, windowX = (kernel[1] - 1) * dilation.1 + 1
        let rows = slidingWindow(input: input[1], window: windowY, stride: strides.0, padding: padding.0)
        let columns = slidingWindow(input: input[2], window: windowX, stride: strides.1, padding: padding.1)
        guard rows.output > 0, columns.output > 0 else {
            throw TensorError(op, .shape, "the input of spatial size (\(input[1]), \(input[2])) is smaller than the dilated kernel (\(windowY), \(windowX)) with 'valid' padding; use 'same' padding or a larger input")
        }
        return ConvolutionGeometry(batch: input[0], inputHeight: input[1], inputWidth: input[2], inputChannels: input[3],
                                   outputHeight: rows.output, outputWidth: columns.output, outputChannels: kernel[3],
                                   kernelHeight: kernel[0], kernelWidth: kernel[1], strideY: strides.0, strideX: strides.1,
                                   dilationY: dilation.0, dilationX: dilation.1, padTop: rows.padBefore, padLeft: columns.padBefore)
    }

    /// Throws unless `bias` is nil or a vector of `channels` float32 values.
    static func checkBias(_ bias: Tensor?, channels: Int, _ op: String) throws {
        guard let bias else { return }
        guard bias.rank == 1, bias.shape[0] == channels else {
            throw TensorError(op, .shape, "the bias must be a vector of \(channels) values (one per output channel), got shape \(bias.shape)")
        }
        try requireFloat(bias, op, "bias")
    }

    /// Runs the convolution described by `geometry` with its bias and activation, and records its backward.
    private static func convolve(_ op: String, input: Tensor, kernel: Tensor, bias: Tensor?, geometry g: ConvolutionGeometry,
                                 activation: FusedActivation) throws -> Tensor {
        try requireFloat(input, op, "input")
        try requireFloat(kernel, op, "kernel")
        try checkBias(bias, channels: g.outputChannels, op)
        let x = try input.kernelOperand(), w = try kernel.kernelOperand(), b = try bias?.kernelOperand()
        let engine = ConvolutionEngine(geometry: g)
        let output = try Tensor.empty([g.batch, g.outputHeight, g.outputWidth, g.outputChannels])
        try withExtendedLifetime((x, w, b, output)) {
            try engine.forward(input: x.floats, kernel: w.floats, bias: b?.floats, activation: activation, output: output.floats)
        }
        return recordConvolution(op, input: input, kernel: kernel, bias: bias, output: output, activation: activation) { dz, dx in
            try engine.inputGradient(outputGrad: dz, kernel: w.floats, into: dx)
        } kernelGradient: { dz, dw in
            try engine.kernelGradient(input: x.floats, outputGrad: dz, into: dw)
        }
    }

    /// Records the backward of a convolution whose `output` has its bias added and `activation` applied:
    /// the gradient before the activation goes to `inputGradient` and `kernelGradient` (each writing its
    /// whole result), and its channel sums are the bias gradient. The closures keep the operands alive.
    static func recordConvolution(_ op: String, input: Tensor, kernel: Tensor, bias: Tensor?, output: Tensor, activation: FusedActivation,
                                  inputGradient: @escaping (UnsafePointer<Float>, UnsafeMutablePointer<Float>) throws -> Void,
                                  kernelGradient: @escaping (UnsafePointer<Float>, UnsafeMutablePointer<Float>) throws -> Void) -> Tensor {
        let inputs = [input, kernel] + (bias.map { [$0] } ?? [])
        guard Autograd.needsGrad(inputs) else { return output }
        let y = output.detach()
        return Autograd.recordFirstOrder(op, inputs: inputs, output: output) { gradOutput in
            let (dz, db) = try activationGradient(gradOutput, output: y, activation: activation,
                                                  channelSums: bias?.requiresGrad == true ? output.shape[output.rank - 1] : nil)
            let dx = input.requiresGrad ? try Tensor.empty(input.shape.array) : nil
            let dw = kernel.requiresGrad ? try Tensor.empty(kernel.shape.array) : nil
            try withExtendedLifetime((dz, dx, dw)) {
                if let dx { try inputGradient(dz.floats, dx.floats) }
                if let dw { try kernelGradient(dz.floats, dw.floats) }
            }
            return [dx, dw] + (bias == nil ? [] : [db])
        }
    }

    /// `y[r, c] = activation(y[r, c] + bias[c])` over a rows × channels buffer.
    static func addBiasAndActivate(_ y: UnsafeMutablePointer<Float>, rows: Int, channels: Int, bias: UnsafePointer<Float>?,
                                   activation: FusedActivation) {
        guard bias != nil || activation != .linear else { return }
        KernelSupport.parallelFor(rows, grain: Swift.max(1, 8192 / Swift.max(channels, 1))) { range in
            for r in range {
                let row = y + r * channels
                if let bias { for c in 0..<channels { row[c] += bias[c] } }
                activation.apply(row, channels)
            }
        }
    }

    /// The gradient before a fused activation, from the gradient after it and the activation's output, and
    /// with `channelSums` (the last dimension's size) its sums over every other dimension (a bias's
    /// gradient), computed in the same pass: each thread sums its rows, then the parts are added.
    static func activationGradient(_ gradOutput: Tensor, output y: Tensor, activation: FusedActivation,
                                   channelSums channels: Int?) throws -> (Tensor, Tensor?) {
        let dy = try gradOutput.kernelOperand()
        let dz = activation == .linear ? dy : try Tensor.empty(y.shape.array)
        let sums = try channels.map { try Tensor.zeros([$0]) }
        let width = channels ?? 1, rows = y.count / Swift.max(width, 1)
        let parts = channels == nil ? 0 : Swift.max(1, Swift.min(KernelSupport.workerCount, y.count / (1 << 15)))
        let partial = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(parts * width, 1))
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: parts * width)
        withExtendedLifetime((dy, y, dz, sums)) {
            let pdy = dy.floats, py = y.floats, pdz = dz.floats
            guard let sums, parts > 0 else {
                if activation == .linear { return }
                KernelSupport.parallelFor(y.count, grain: 1 << 15) { range in
                    activation.backward(pdy + range.lowerBound, output: py + range.lowerBound, into: pdz + range.lowerBound, range.count)
                }
                return
            }
            KernelSupport.parallelFor(parts, grain: 1) { partRange in
                for part in partRange {
                    let sum = partial + part * width, first = rows * part / parts, last = rows * (part + 1) / parts
                    let offset = first * width, count = (last - first) * width
                    if activation == .relu {  // the gradient and its channel sums in one pass
                        lunette_relu_backward(pdy + offset, py + offset, pdz + offset, Int64(count), sum, Int64(width))
                        continue
                    }
                    if activation != .linear { activation.backward(pdy + offset, output: py + offset, into: pdz + offset, count) }
                    for r in first..<last { addRow(pdz + r * width, into: sum, width) }
                }
            }
            let total = sums.floats
            for part in 0..<parts { for c in 0..<width { total[c] += partial[part * width + c] } }
        }
        return (dz, sums)
    }
}
