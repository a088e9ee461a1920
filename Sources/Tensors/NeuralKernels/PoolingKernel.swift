import CKernels

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

    private var imageSize: Int { geometry.inputImageSize }

    func maxForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?) {
        let g = geometry, channels = g.inputChannels, imageSize = imageSize
        KernelSupport.parallelFor(g.positions, grain: Swift.max(1, 8192 / Swift.max(channels, 1))) { range in
            forEachPosition(in: range) { image, oy, ox, out in
                let w = window(oy, ox)
                // One vectorized C loop per window (AVX2/AVX-512 at run time).
                lunette_max_window(x + image * imageSize, Int64(g.inputWidth), Int64(channels), Int64(w.y0), Int64(w.y1),
                                   Int64(w.x0), Int64(w.x1), y + out, argmax.map { $0 + out })
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
