import Tensors

/// The three products of a convolution, computed with im2col and `sgemm` in NHWC: the im2col matrix has
/// one row per output position and one column per (tap, input channel), so `col · kernel` gives the output
/// already in NHWC order. The positions are processed in chunks so that the im2col buffer stays within
/// `bufferBudget` floats, whatever the batch. A pointwise convolution uses the input as its own im2col.
struct ConvolutionEngine {
    let geometry: ConvolutionGeometry

    /// At most 32 MB of im2col buffer.
    static let bufferBudget = 8 << 20

    private var chunkRows: Int { Swift.max(1, Swift.min(geometry.positions, ConvolutionEngine.bufferBudget / Swift.max(geometry.patchSize, 1))) }

    /// output (positions × outputChannels) = im2col(input) · kernel (patchSize × outputChannels).
    func forward(input: UnsafePointer<Float>, kernel: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) throws {
        let g = geometry, k = g.patchSize, n = g.outputChannels
        if g.isPointwise {
            try KernelSupport.sgemm(m: g.positions, n: n, k: k, a: input, lda: k, b: kernel, ldb: n, c: output, ldc: n)
            return
        }
        try withColumnBuffer { col in
            try forEachChunk { start, rows in
                im2col(input, rows: start..<(start + rows), into: col)
                try KernelSupport.sgemm(m: rows, n: n, k: k, a: col, lda: k, b: kernel, ldb: n,
                                        c: output + start * n, ldc: n)
            }
        }
    }

    /// inputGrad (the input's shape, overwritten) = col2im(outputGrad · kernelᵀ).
    func inputGradient(outputGrad: UnsafePointer<Float>, kernel: UnsafePointer<Float>, into inputGrad: UnsafeMutablePointer<Float>) throws {
        let g = geometry, k = g.patchSize, n = g.outputChannels
        if g.isPointwise {
            try KernelSupport.sgemm(transposeB: true, m: g.positions, n: k, k: n, a: outputGrad, lda: n, b: kernel, ldb: n,
                                    c: inputGrad, ldc: k)
            return
        }
        inputGrad.initialize(repeating: 0, count: g.batch * g.inputHeight * g.inputWidth * g.inputChannels)
        try withColumnBuffer { col in
            try forEachChunk { start, rows in
                try KernelSupport.sgemm(transposeB: true, m: rows, n: k, k: n, a: outputGrad + start * n, lda: n,
                                        b: kernel, ldb: n, c: col, ldc: k)
                col2imAdd(col, rows: start..<(start + rows), into: inputGrad)
            }
        }
    }

    /// kernelGrad (patchSize × outputChannels, overwritten) = im2col(input)ᵀ · outputGrad.
    func kernelGradient(input: UnsafePointer<Float>, outputGrad: UnsafePointer<Float>, into kernelGrad: UnsafeMutablePointer<Float>) throws {
        let g = geometry, k = g.patchSize, n = g.outputChannels
        if g.isPointwise {
            try KernelSupport.sgemm(transposeA: true, m: k, n: n, k: g.positions, a: input, lda: k, b: outputGrad, ldb: n,
                                    c: kernelGrad, ldc: n)
            return
        }
        try withColumnBuffer { col in
            var first = true
            try forEachChunk { start, rows in
                im2col(input, rows: start..<(start + rows), into: col)
                try KernelSupport.sgemm(transposeA: true, m: k, n: n, k: rows, a: col, lda: k, b: outputGrad + start * n, ldb: n,
                                        beta: first ? 0 : 1, c: kernelGrad, ldc: n)
                first = false
            }
        }
        if g.positions == 0 { kernelGrad.initialize(repeating: 0, count: k * n) }
    }

    private func withColumnBuffer(_ body: (UnsafeMutablePointer<Float>) throws -> Void) throws {
        let count = chunkRows * geometry.patchSize
        let col = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
        defer { col.deallocate() }
        try body(col)
    }

    private func forEachChunk(_ body: (_ start: Int, _ rows: Int) throws -> Void) rethrows {
        let total = geometry.positions, step = chunkRows
        var start = 0
        while start < total {
            let rows = Swift.min(step, total - start)
            try body(start, rows)
            start += rows
        }
    }

    /// Calls `body(inputOffset, columnOffset)` for the in-bounds taps of output position `position`:
    /// the input pixel's first channel and the tap's first column in the im2col row.
    @inline(__always)
    private func forEachTap(ofPosition position: Int, _ body: (_ pixel: Int, _ column: Int) -> Void) {
        let g = geometry
        let perImage = g.outputHeight * g.outputWidth
        let image = position / perImage, rest = position - image * perImage
        let oy = rest / g.outputWidth, ox = rest - oy * g.outputWidth
        let top = oy * g.strideY - g.padTop, left = ox * g.strideX - g.padLeft
        for ky in 0..<g.kernelHeight {
            let iy = top + ky * g.dilationY
            guard iy >= 0 && iy < g.inputHeight else { continue }
            for kx in 0..<g.kernelWidth {
                let ix = left + kx * g.dilationX
                guard ix >= 0 && ix < g.inputWidth else { continue }
                body(((image * g.inputHeight + iy) * g.inputWidth + ix) * g.inputChannels,
                     (ky * g.kernelWidth + kx) * g.inputChannels)
            }
        }
    }

    /// Writes the im2col rows of output positions `rows` (zeros for taps in the padding).
    private func im2col(_ input: UnsafePointer<Float>, rows: Range<Int>, into col: UnsafeMutablePointer<Float>) {
        let k = geometry.patchSize, channels = geometry.inputChannels
        KernelSupport.parallelFor(rows.count, grain: Swift.max(1, 16_384 / Swift.max(k, 1))) { part in
            for r in part {
                let row = col + r * k
                row.initialize(repeating: 0, count: k)
                forEachTap(ofPosition: rows.lowerBound + r) { pixel, column in
                    (row + column).update(from: input + pixel, count: channels)
                }
            }
        }
    }

    /// Adds the im2col-shaped gradient of positions `rows` back onto the input pixels they were read from.
    /// Overlapping windows write the same pixels, so the threads split the channels instead of the rows.
    private func col2imAdd(_ col: UnsafePointer<Float>, rows: Range<Int>, into inputGrad: UnsafeMutablePointer<Float>) {
        let k = geometry.patchSize, channels = geometry.inputChannels
        let grain = rows.count * k >= 1 << 15 ? 8 : Swift.max(channels, 1)
        KernelSupport.parallelFor(channels, grain: grain) { channelRange in
            let c0 = channelRange.lowerBound, width = channelRange.count
            for r in 0..<rows.count {
                let row = col + r * k
                forEachTap(ofPosition: rows.lowerBound + r) { pixel, column in
                    let target = inputGrad + pixel + c0, source = row + column + c0
                    for c in 0..<width { target[c] += source[c] }
                }
            }
        }
    }
}
