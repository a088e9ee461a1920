import Tensors

/// The loops of 2-D pooling in NHWC, with a convolution's geometry (kernel = pool window, one channel
/// in per channel out). Forward passes split the output positions between threads; backward passes add
/// into overlapping windows, so they split the images.
struct PoolingKernel {
    let geometry: ConvolutionGeometry

    /// The window of output position (oy, ox) clipped to the input: rows y0..<y1, columns x0..<x1.
    @inline(__always)
    private func window(_ oy: Int, _ ox: Int) -> (y0: Int, y1: Int, x0: Int, x1: Int) {
        let g = geometry
        let top = oy * g.strideY - g.padTop, left = ox * g.strideX - g.padLeft
        return (Swift.max(top, 0), Swift.min(top + g.kernelHeight, g.inputHeight),
                Swift.max(left, 0), Swift.min(left + g.kernelWidth, g.inputWidth))
    }

    /// Calls `body(image, oy, ox, outputOffset)` for every output position in `range` (flattened).
    @inline(__always)
    private func forEachPosition(in range: Range<Int>, _ body: (Int, Int, Int, Int) -> Void) {
        let g = geometry, perImage = g.outputHeight * g.outputWidth
        for p in range {
            let image = p / perImage, rest = p - image * perImage
            body(image, rest / g.outputWidth, rest % g.outputWidth, p * g.inputChannels)
        }
    }

    private var imageSize: Int { geometry.inputHeight * geometry.inputWidth * geometry.inputChannels }

    private static let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)

    func maxForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?) {
        let g = geometry, channels = g.inputChannels, imageSize = imageSize
        KernelSupport.parallelFor(g.positions, grain: Swift.max(1, 8192 / Swift.max(channels, 1))) { range in
            forEachPosition(in: range) { image, oy, ox, out in
                let w = window(oy, ox), base = x + image * imageSize
                let best = y + out
                best.initialize(repeating: -.infinity, count: channels)
                if let argmax {
                    let first = (w.y0 * g.inputWidth + w.x0) * channels
                    for c in 0..<channels { argmax[out + c] = Int32(first + c) }
                }
                for iy in w.y0..<w.y1 {
                    for ix in w.x0..<w.x1 {
                        let pixel = (iy * g.inputWidth + ix) * channels, source = base + pixel
                        // Selects instead of branches, eight channels at a time.
                        if let argmax {
                            let index = argmax + out, first = Int32(pixel)
                            var c0 = 0
                            while c0 + 8 <= channels {
                                let v = UnsafeRawPointer(source + c0).loadUnaligned(as: SIMD8<Float>.self)
                                var b = UnsafeRawPointer(best + c0).loadUnaligned(as: SIMD8<Float>.self)
                                var i = UnsafeRawPointer(index + c0).loadUnaligned(as: SIMD8<Int32>.self)
                                let take = (v .> b) .| ((v .!= v) .& (b .== b))
                                b.replace(with: v, where: take)
                                i.replace(with: PoolingKernel.lanes &+ (first &+ Int32(truncatingIfNeeded: c0)), where: take)
                                UnsafeMutableRawPointer(best + c0).storeBytes(of: b, as: SIMD8<Float>.self)
                                UnsafeMutableRawPointer(index + c0).storeBytes(of: i, as: SIMD8<Int32>.self)
                                c0 += 8
                            }
                            for c in c0..<channels {
                                let v = source[c], b = best[c]
                                let take = v > b || (v != v && b == b)
                                best[c] = take ? v : b
                                index[c] = take ? first &+ Int32(truncatingIfNeeded: c) : index[c]
                            }
                        } else {
                            for c in 0..<channels {
                                let v = source[c], b = best[c]
                                best[c] = v > b || v != v ? v : b
                            }
                        }
                    }
                }
            }
        }
    }

    func maxBackward(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, argmax: UnsafePointer<Int32>) {
        let g = geometry, channels = g.inputChannels, imageSize = imageSize, perImage = g.outputHeight * g.outputWidth
        KernelSupport.parallelFor(g.batch, grain: Swift.max(1, 8192 / Swift.max(perImage * channels, 1))) { images in
            for image in images {
                let target = dx + image * imageSize
                for p in (image * perImage)..<((image + 1) * perImage) {
                    let out = p * channels
                    for c in 0..<channels { target[Int(argmax[out + c])] += dy[out + c] }
                }
            }
        }
    }

    func averageForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        let g = geometry, channels = g.inputChannels, imageSize = imageSize
        KernelSupport.parallelFor(g.positions, grain: Swift.max(1, 8192 / Swift.max(channels, 1))) { range in
            forEachPosition(in: range) { image, oy, ox, out in
                let w = window(oy, ox), base = x + image * imageSize, sum = y + out
                sum.initialize(repeating: 0, count: channels)
                for iy in w.y0..<w.y1 {
                    for ix in w.x0..<w.x1 {
                        let source = base + (iy * g.inputWidth + ix) * channels
                        for c in 0..<channels { sum[c] += source[c] }
                    }
                }
                let scale = 1 / Float((w.y1 - w.y0) * (w.x1 - w.x0))
                for c in 0..<channels { sum[c] *= scale }
            }
        }
    }

    func averageBackward(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>) {
        let g = geometry, channels = g.inputChannels, imageSize = imageSize, perImage = g.outputHeight * g.outputWidth
        KernelSupport.parallelFor(g.batch, grain: Swift.max(1, 8192 / Swift.max(perImage * channels, 1))) { images in
            for image in images {
                forEachPosition(in: (image * perImage)..<((image + 1) * perImage)) { _, oy, ox, out in
                    let w = window(oy, ox), base = dx + image * imageSize
                    let scale = 1 / Float((w.y1 - w.y0) * (w.x1 - w.x0))
                    for iy in w.y0..<w.y1 {
                        for ix in w.x0..<w.x1 {
                            let target = base + (iy * g.inputWidth + ix) * channels
                            for c in 0..<channels { target[c] += dy[out + c] * scale }
                        }
                    }
                }
            }
        }
    }
}
