extension Functional {
    /// Max pooling of NHWC `input` over `poolSize` windows moved by `strides` (the pool size when nil,
    /// as in Keras). With 'same' padding the windows may reach past the border; those positions are ignored.
    /// The gradient goes to the first maximum of each window.
    public static func maxPool2d(_ input: Tensor, poolSize: (Int, Int), strides: (Int, Int)? = nil,
                                 padding: Padding = .valid) throws -> Tensor {
        try pool2d("maxPool2d", input, poolSize: poolSize, strides: strides ?? poolSize, padding: padding, kind: .max)
    }

    /// Average pooling of NHWC `input`; with 'same' padding each window averages only the positions
    /// inside the input (the padding is not counted, as in Keras).
    public static func avgPool2d(_ input: Tensor, poolSize: (Int, Int), strides: (Int, Int)? = nil,
                                 padding: Padding = .valid) throws -> Tensor {
        try pool2d("avgPool2d", input, poolSize: poolSize, strides: strides ?? poolSize, padding: padding, kind: .average)
    }

    /// Max pooling of `input` (batch, length, channels) along the length.
    public static func maxPool1d(_ input: Tensor, poolSize: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
        try requireRank(input, 3, "maxPool1d", "input", layout: "(batch, length, channels)")
        return try pool2d("maxPool1d", input.unsqueeze(1), poolSize: (1, poolSize), strides: (1, stride ?? poolSize),
                          padding: padding, kind: .max).squeeze(1)
    }

    /// Average pooling of `input` (batch, length, channels) along the length.
    public static func avgPool1d(_ input: Tensor, poolSize: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
        try requireRank(input, 3, "avgPool1d", "input", layout: "(batch, length, channels)")
        return try pool2d("avgPool1d", input.unsqueeze(1), poolSize: (1, poolSize), strides: (1, stride ?? poolSize),
                          padding: padding, kind: .average).squeeze(1)
    }

    /// The mean over the spatial dimensions of NHWC `input`: (batch, channels), or (batch, 1, 1, channels)
    /// with `keepDims`.
    public static func globalAvgPool2d(_ input: Tensor, keepDims: Bool = false) throws -> Tensor {
        try requireRank(input, 4, "globalAvgPool2d", "input", layout: "(batch, height, width, channels)")
        return try input.mean(dims: [1, 2], keepDims: keepDims)
    }

    /// The maximum over the spatial dimensions of NHWC `input`.
    public static func globalMaxPool2d(_ input: Tensor, keepDims: Bool = false) throws -> Tensor {
        try requireRank(input, 4, "globalMaxPool2d", "input", layout: "(batch, height, width, channels)")
        return try input.max(dims: [1, 2], keepDims: keepDims)
    }

    /// The mean over the time steps of `input` (batch, steps, features).
    public static func globalAvgPool1d(_ input: Tensor, keepDims: Bool = false) throws -> Tensor {
        try requireRank(input, 3, "globalAvgPool1d", "input", layout: "(batch, steps, features)")
        return try input.mean(dims: [1], keepDims: keepDims)
    }

    /// The maximum over the time steps of `input` (batch, steps, features).
    public static func globalMaxPool1d(_ input: Tensor, keepDims: Bool = false) throws -> Tensor {
        try requireRank(input, 3, "globalMaxPool1d", "input", layout: "(batch, steps, features)")
        return try input.max(dims: [1], keepDims: keepDims)
    }

    enum PoolKind { case max, average }

    private static func pool2d(_ op: String, _ input: Tensor, poolSize: (Int, Int), strides: (Int, Int), padding: Padding,
                               kind: PoolKind) throws -> Tensor {
        try requireRank(input, 4, op, "input", layout: "(batch, height, width, channels)")
        try requireFloat(input, op, "input")
        try requirePositive([poolSize.0, poolSize.1], op, "pool sizes")
        try requirePositive([strides.0, strides.1], op, "strides")
        guard padding != .causal else { throw TensorError(op, .value, "pooling takes 'valid' or 'same' padding, not 'causal'") }
        let s = input.shape
        let rows = slidingWindow(input: s[1], window: poolSize.0, stride: strides.0, padding: padding)
        let columns = slidingWindow(input: s[2], window: poolSize.1, stride: strides.1, padding: padding)
        guard rows.output > 0, columns.output > 0 else {
            throw TensorError(op, .shape, "the input of spatial size (\(s[1]), \(s[2])) is smaller than the pool (\(poolSize.0), \(poolSize.1)) with 'valid' padding")
        }
        let g = ConvolutionGeometry(batch: s[0], inputHeight: s[1], inputWidth: s[2], inputChannels: s[3],
                                    outputHeight: rows.output, outputWidth: columns.output, outputChannels: s[3],
                                    kernelHeight: poolSize.0, kernelWidth: poolSize.1, strideY: strides.0, strideX: strides.1,
                                    dilationY: 1, dilationX: 1, padTop: rows.padBefore, padLeft: columns.padBefore)
        let pooling = PoolingKernel(geometry: g)
        let x = try input.kernelOperand()
        let output = try Tensor.empty([g.batch, g.outputHeight, g.outputWidth, g.outputChannels])
        let needsGrad = Autograd.needsGrad([input])
        // The argmax positions are stored as 32-bit offsets within one image.
        guard kind == .average || s[1] * s[2] * s[3] <= Int(Int32.max) else {
            throw TensorError(op, .shape, "an image of shape \(s) is too large to max-pool")
        }
        let argmax: UnsafeMutableBufferPointer<Int32>? = kind == .max && needsGrad ? .allocate(capacity: output.count) : nil
        withExtendedLifetime((x, output)) {
            switch kind {
            case .max: pooling.maxForward(x.floats, output.floats, argmax: argmax?.baseAddress)
            case .average: pooling.averageForward(x.floats, output.floats)
            }
        }
        guard needsGrad else { return output }
        let positions = PoolingPositions(argmax)
        return Autograd.recordFirstOrder(op, inputs: [input], output: output) { gradOutput in
            let dy = try gradOutput.kernelOperand()
            let dx = try Tensor.zeros(input.shape.array)
            withExtendedLifetime((dy, dx, positions)) {
                switch kind {
                case .max: if let indices = positions.indices?.baseAddress { pooling.maxBackward(dy.floats, dx.floats, argmax: indices) }
                case .average: pooling.averageBackward(dy.floats, dx.floats)
                }
            }
            return [dx]
        }
    }
}

/// The argmax positions a max pooling saved for its backward, freed with the graph.
final class PoolingPositions {
    let indices: UnsafeMutableBufferPointer<Int32>?
    init(_ indices: UnsafeMutableBufferPointer<Int32>?) { self.indices = indices }
    deinit { indices?.deallocate() }
}
