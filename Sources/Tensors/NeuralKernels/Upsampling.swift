import CheckedArithmetic

/// How `upsample2d` fills the new pixels.
public enum UpsamplingInterpolation: String, Sendable, CaseIterable {
    /// Each input pixel repeated into a factorY × factorX block.
    case nearest
    /// Linear in both directions between the nearest input pixel centres: output pixel i samples input
    /// coordinate (i + 0.5) / factor − 0.5, clamped to the image (half-pixel centres, as Keras' resize).
    case bilinear
}

extension Functional {
    /// Enlarges NHWC `input` by integer `factors` (rows, columns), as Keras' UpSampling2D.
    public static func upsample2d(_ input: Tensor, factors: (Int, Int),
                                  interpolation: UpsamplingInterpolation = .nearest) throws -> Tensor {
        let op = "upsample2d"
        try requireRank(input, 4, op, "input", layout: "(batch, height, width, channels)")
        try requireFloat(input, op, "input")
        try requirePositive([factors.0, factors.1], op, "upsampling factors")
        let s = input.shape
        guard CheckedSize.product(s[1], factors.0) != nil, CheckedSize.product(s[2], factors.1) != nil else {
            throw TensorError(op, .value, "factors (\(factors.0), \(factors.1)) are too large for an input of shape \(s)")
        }
        switch interpolation {
        case .nearest:
            // A broadcast view repeated into blocks: its gradient sums each block.
            return try input.reshape([s[0], s[1], 1, s[2], 1, s[3]])
                .expand([s[0], s[1], factors.0, s[2], factors.1, s[3]])
                .reshape([s[0], s[1] * factors.0, s[2] * factors.1, s[3]])
        case .bilinear:
            return try bilinearUpsample(input, factors: factors)
        }
    }

    /// For each output coordinate along one axis: the two input coordinates it mixes and the second's weight.
    private static func bilinearTaps(input: Int, factor: Int) -> [(low: Int, high: Int, weight: Float)] {
        (0..<(input * factor)).map { i in
            let source = Swift.max((Double(i) + 0.5) / Double(factor) - 0.5, 0)
            let low = Swift.min(Int(source), input - 1)
            return (low, Swift.min(low + 1, input - 1), Float(source - Double(low)))
        }
    }

    private static func bilinearUpsample(_ input: Tensor, factors: (Int, Int)) throws -> Tensor {
        let s = input.shape, channels = s[3]
        let rows = bilinearTaps(input: s[1], factor: factors.0), columns = bilinearTaps(input: s[2], factor: factors.1)
        let outH = rows.count, outW = columns.count, inImage = s[1] * s[2] * channels, outImage = outH * outW * channels
        let x = try input.kernelOperand()
        let output = try Tensor.empty([s[0], outH, outW, channels])
        withExtendedLifetime((x, output)) {
            let px = x.floats, py = output.floats
            KernelSupport.parallelFor(s[0] * outH, grain: Swift.max(1, 8192 / Swift.max(outW * channels, 1))) { range in
                for r in range {
                    let image = r / outH, row = rows[r % outH]
                    let top = px + image * inImage + row.low * s[2] * channels
                    let bottom = px + image * inImage + row.high * s[2] * channels
                    let target = py + r * outW * channels
                    for (ox, column) in columns.enumerated() {
                        let a = column.low * channels, b = column.high * channels, o = target + ox * channels
                        for c in 0..<channels {
                            let upper = top[a + c] + column.weight * (top[b + c] - top[a + c])
                            let lower = bottom[a + c] + column.weight * (bottom[b + c] - bottom[a + c])
                            o[c] = upper + row.weight * (lower - upper)
                        }
                    }
                }
            }
        }
        guard Autograd.needsGrad([input]) else { return output }
        return Autograd.recordFirstOrder("upsample2d", inputs: [input], output: output) { gradOutput in
            let dy = try gradOutput.kernelOperand()
            let dx = try Tensor.zeros(s.array)
            withExtendedLifetime((dy, dx)) {
                let pdy = dy.floats, pdx = dx.floats
                KernelSupport.parallelFor(s[0], grain: 1) { images in
                    for image in images {
                        for (oy, row) in rows.enumerated() {
                            let top = pdx + image * inImage + row.low * s[2] * channels
                            let bottom = pdx + image * inImage + row.high * s[2] * channels
                            let source = pdy + image * outImage + oy * outW * channels
                            for (ox, column) in columns.enumerated() {
                                let a = column.low * channels, b = column.high * channels, g = source + ox * channels
                                let wa = (1 - row.weight) * (1 - column.weight), wb = (1 - row.weight) * column.weight
                                let wc = row.weight * (1 - column.weight), wd = row.weight * column.weight
                                for c in 0..<channels {
                                    top[a + c] += wa * g[c]
                                    top[b + c] += wb * g[c]
                                    bottom[a + c] += wc * g[c]
                                    bottom[b + c] += wd * g[c]
                                }
                            }
                        }
                    }
                }
            }
            return [dx]
        }
    }
}
