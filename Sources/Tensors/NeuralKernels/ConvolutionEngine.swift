/// The three products of a convolution: on oneDNN's kernels where it has them (`OneDNNConvolution`), otherwise
/// computed here with im2col and `sgemm` in NHWC: the im2col matrix has
/// one row per output position and one column per (tap, input channel), so `col · kernel` gives the output
/// already in NHWC order. The positions are processed in chunks so that the im2col buffer stays within
/// `chunkBudget` floats per thread, whatever the batch; the threads split the batch's images. A pointwise
/// convolution uses the input as its own im2col.
struct ConvolutionEngine {
    let geometry: ConvolutionGeometry
    private let oneDNN: OneDNNConvolution?
    var usesOneDNN: Bool { oneDNN != nil }

    /// `useOneDNN: false` keeps every product here (the tests compare the two).
    init(geometry: ConvolutionGeometry, useOneDNN: Bool = true) {
        self.geometry = geometry
        oneDNN = useOneDNN ? OneDNNConvolution(geometry) : nil
    }

    /// output = activation(im2col(input) · kernel + bias). Patches of at most `directPatchLimit` values
    /// (one input channel: the first layer of an image model) make a GEMM with a tiny inner dimension,
    /// where the im2col copy and BLAS zeroing the output cost more than the products: those are computed
    /// directly, each output row written once. Otherwise the bias and activation are applied to each chunk
    /// of rows right after its product, while it is in cache.
    func forward(input: UnsafePointer<Float>, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>? = nil,
                 activation: FusedActivation = .linear, output: UnsafeMutablePointer<Float>) throws {
        if let oneDNN {
            return try oneDNN.forward(input: input, kernel: kernel, bias: bias, activation: activation, output: output)
        }
        let g = geometry, k = g.patchSize, n = g.outputChannels
        if g.isPointwise {
            try KernelSupport.sgemm(m: g.positions, n: n, k: k, a: input, lda: k, b: kernel, ldb: n, c: output, ldc: n)
            Functional.addBiasAndActivate(output, rows: g.positions, channels: n, bias: bias, activation: activation)
            return
        }
        if k <= ConvolutionEngine.directPatchLimit {
            directForward(input, kernel: kernel, bias: bias, activation: activation, output: output)
            return
        }
        try forEachChunk { _, start, rows, col in
            im2col(input, rows: start..<(start + rows), into: col)
            let out = output + start * n
            try KernelSupport.sgemm(m: rows, n: n, k: k, a: col, lda: k, b: kernel, ldb: n, c: out, ldc: n)
            guard bias != nil || activation != .linear else { return }
            for r in 0..<rows {
                let row = out + r * n
                if let bias { for c in 0..<n { row[c] += bias[c] } }
                activation.apply(row, n)
            }
        }
    }

    static let directPatchLimit = 16

    private func directForward(_ input: UnsafePointer<Float>, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                               activation: FusedActivation, output: UnsafeMutablePointer<Float>) {
        let g = geometry, k = g.patchSize, n = g.outputChannels, channels = g.inputChannels
        KernelSupport.parallelFor(g.positions, grain: Swift.max(1, 32_768 / Swift.max(k * n, 1))) { part in
            // One im2col row at a time, in L1.
            let patch = UnsafeMutablePointer<Float>.allocate(capacity: k)
            defer { patch.deallocate() }
            for p in part {
                patch.initialize(repeating: 0, count: k)
                forEachTap(ofPosition: p) { pixel, column in
                    for c in 0..<channels { patch[column + c] = input[pixel + c] }
                }
                let out = output + p * n
                if let bias { out.update(from: bias, count: n) } else { out.initialize(repeating: 0, count: n) }
                for t in 0..<k {
                    let v = patch[t], w = kernel + t * n
                    for c in 0..<n { out[c] += v * w[c] }
                }
                activation.apply(out, n)
            }
        }
    }

    /// inputGrad (the input's shape, overwritten) = col2im(outputGrad · kernelᵀ).
    func inputGradient(outputGrad: UnsafePointer<Float>, kernel: UnsafePointer<Float>, into inputGrad: UnsafeMutablePointer<Float>) throws {
        if let oneDNN {
            return try oneDNN.inputGradient(outputGrad: outputGrad, kernel: kernel, into: inputGrad)
        }
        let g = geometry, k = g.patchSize, n = g.outputChannels
        if g.isPointwise {
            try KernelSupport.sgemm(transposeB: true, m: g.positions, n: k, k: n, a: outputGrad, lda: n, b: kernel, ldb: n,
                                    c: inputGrad, ldc: k)
            return
        }
        // Each part holds whole images, so the windows it adds into belong to it alone.
        let imageSize = g.inputImageSize
        try forEachChunk(beforePart: { images in
            (inputGrad + images.lowerBound * imageSize).initialize(repeating: 0, count: images.count * imageSize)
        }) { _, start, rows, col in
            try KernelSupport.sgemm(transposeB: true, m: rows, n: k, k: n, a: outputGrad + start * n, lda: n,
                                    b: kernel, ldb: n, c: col, ldc: k)
            col2imAdd(col, rows: start..<(start + rows), into: inputGrad)
        }
    }

    /// kernelGrad (patchSize × outputChannels, overwritten) = im2col(input)ᵀ · outputGrad.
    func kernelGradient(input: UnsafePointer<Float>, outputGrad: UnsafePointer<Float>, into kernelGrad: UnsafeMutablePointer<Float>) throws {
        if let oneDNN {
            return try oneDNN.kernelGradient(input: input, outputGrad: outputGrad, into: kernelGrad)
        }
        let g = geometry, k = g.patchSize, n = g.outputChannels
        if g.isPointwise {
            try KernelSupport.sgemm(transposeA: true, m: k, n: n, k: g.positions, a: input, lda: k, b: outputGrad, ldb: n,
                                    c: kernelGrad, ldc: n)
            return
        }
        // Each part sums its own products; the parts are added at the end.
        let parts = partCount
        let partial = UnsafeMutablePointer<Float>.allocate(capacity: parts * k * n)
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: parts * k * n)
        try forEachChunk { part, start, rows, col in
            im2col(input, rows: start..<(start + rows), into: col)
            try KernelSupport.sgemm(transposeA: true, m: k, n: n, k: rows, a: col, lda: k, b: outputGrad + start * n, ldb: n,
                                    beta: 1, c: partial + part * k * n, ldc: n)
        }
        sumParts(partial, parts: parts, size: k * n, into: kernelGrad)
    }

    /// Floats of im2col buffer per thread: 1 MB, so that a chunk's rows stay in cache between the copy and
    /// the product.
    static let chunkBudget = 1 << 18

    /// How many threads share the batch: one per image at most.
    private var partCount: Int { Swift.max(1, Swift.min(KernelSupport.workerCount, geometry.batch)) }

    /// Splits the batch's images between the threads (each part's products on its own thread) and
    /// calls `body(part, start, rows, col)` for consecutive chunks of each part's output positions, which
    /// start at image boundaries; `col` is the part's own buffer of `rows` im2col rows. `beforePart` gets
    /// each part's images first.
    private func forEachChunk(beforePart: (Range<Int>) -> Void = { _ in },
                              _ body: (_ part: Int, _ start: Int, _ rows: Int, _ col: UnsafeMutablePointer<Float>) throws -> Void) throws {
        let g = geometry, k = Swift.max(g.patchSize, 1), perImage = g.outputHeight * g.outputWidth, parts = partCount
        let chunkRows = Swift.max(1, Swift.min(perImage * ((g.batch + parts - 1) / parts), ConvolutionEngine.chunkBudget / k))
        let failure = FirstError()
        func run(_ part: Int) {
            let images = (g.batch * part / parts)..<(g.batch * (part + 1) / parts)
            beforePart(images)
            let col = UnsafeMutablePointer<Float>.allocate(capacity: chunkRows * k)
            defer { col.deallocate() }
            var start = images.lowerBound * perImage
            let end = images.upperBound * perImage
            while start < end {
                let rows = Swift.min(chunkRows, end - start)
                do { try body(part, start, rows, col) } catch { failure.record(error); return }
                start += rows
            }
        }
        if parts == 1 {
            run(0)
        } else {
            KernelSupport.withoutSplittingProducts {
                KernelSupport.parallelFor(parts, grain: 1) { range in for part in range { run(part) } }
            }
        }
        try failure.rethrow()
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
        for r in 0..<rows.count {
            let row = col + r * k
            var written = 0
            forEachTap(ofPosition: rows.lowerBound + r) { pixel, column in
                (row + column).update(from: input + pixel, count: channels)
                written += channels
            }
            if written < k {  // some taps fell in the padding: write the row again over zeros
                row.initialize(repeating: 0, count: k)
                forEachTap(ofPosition: rows.lowerBound + r) { pixel, column in
                    (row + column).update(from: input + pixel, count: channels)
                }
            }
        }
    }

    /// Adds the im2col-shaped gradient of positions `rows` back onto the input pixels they were read from.
    private func col2imAdd(_ col: UnsafePointer<Float>, rows: Range<Int>, into inputGrad: UnsafeMutablePointer<Float>) {
        let k = geometry.patchSize, channels = geometry.inputChannels
        for r in 0..<rows.count {
            let row = col + r * k
            forEachTap(ofPosition: rows.lowerBound + r) { pixel, column in
                let target = inputGrad + pixel, source = row + column
                for c in 0..<channels { target[c] += source[c] }
            }
        }
    }
}

/// out = the sum of `parts` consecutive buffers of `size` floats starting at `partial` (each thread's share
/// of a kernel gradient).
func sumParts(_ partial: UnsafePointer<Float>, parts: Int, size: Int, into out: UnsafeMutablePointer<Float>) {
    out.update(from: partial, count: size)
    for part in 1..<Swift.max(parts, 1) { addRow(partial + part * size, into: out, size) }
}
