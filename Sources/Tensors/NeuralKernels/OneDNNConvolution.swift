import CKernels
import Synchronization

/// A convolution's oneDNN kernels, which pick AVX2 or AVX-512 code at run time and reach about twice the
/// throughput of im2col + sgemm. The threads split the batch: each part runs its images through a kernel
/// built for its own batch size, on its own thread. `nil` when oneDNN has no kernel for the geometry.
struct OneDNNConvolution {
    /// The parts' images and their kernels (parts of equal size share one).
    private let parts: [(images: Range<Int>, kernel: OneDNNKernel)]
    private let geometry: ConvolutionGeometry

    init?(_ geometry: ConvolutionGeometry) {
        guard geometry.batch > 0 else { return nil }
        let count = Swift.max(1, Swift.min(KernelSupport.workerCount, geometry.batch))
        var parts: [(Range<Int>, OneDNNKernel)] = []
        for part in 0..<count {
            let images = (geometry.batch * part / count)..<(geometry.batch * (part + 1) / count)
            guard let kernel = OneDNNKernel.cached(geometry, batch: images.count) else { return nil }
            parts.append((images, kernel))
        }
        self.parts = parts
        self.geometry = geometry
    }

    /// output = input ⊛ kernel + bias, then `activation`, each part's rows while they are in cache.
    func forward(input: UnsafePointer<Float>, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                 activation: FusedActivation, output: UnsafeMutablePointer<Float>) throws {
        let inImage = geometry.inputImageSize, outImage = geometry.outputImageSize
        try withLayouts(kernel, size: { $0.forwardWeightsSize }, convert: { lunette_conv_forward_weights($0, $1, $2) }) { weights in
            try runParts { part, scratch in
                let (images, k) = parts[part]
                let out = output + images.lowerBound * outImage
                let status = lunette_conv_forward(k.handle, input + images.lowerBound * inImage, weights[ObjectIdentifier(k)]!,
                                                  bias, out, scratch)
                if activation != .linear { activation.apply(out, images.count * outImage) }
                return status
            }
        }
    }

    /// inputGrad (overwritten) = the gradient of the input from outputGrad.
    func inputGradient(outputGrad: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                       into inputGrad: UnsafeMutablePointer<Float>) throws {
        let inImage = geometry.inputImageSize, outImage = geometry.outputImageSize
        try prepareBackward()
        try withLayouts(kernel, size: { $0.backwardWeightsSize }, convert: { lunette_conv_backward_weights($0, $1, $2) }) { weights in
            try runParts { part, scratch in
                let (images, k) = parts[part]
                return lunette_conv_backward_data(k.handle, outputGrad + images.lowerBound * outImage,
                                                  weights[ObjectIdentifier(k)]!, inputGrad + images.lowerBound * inImage, scratch)
            }
        }
    }

    /// kernelGrad (overwritten) = the kernel's gradient: each part's in its own buffer, then their sum.
    func kernelGradient(input: UnsafePointer<Float>, outputGrad: UnsafePointer<Float>,
                        into kernelGrad: UnsafeMutablePointer<Float>) throws {
        let inImage = geometry.inputImageSize, outImage = geometry.outputImageSize
        let size = geometry.patchSize * geometry.outputChannels
        try prepareBackward()
        let blocked = parts.map { UnsafeMutableRawPointer.allocate(byteCount: Swift.max($0.kernel.weightGradientSize, 4), alignment: 64) }
        let plain = UnsafeMutablePointer<Float>.allocate(capacity: parts.count * size)
        defer { blocked.forEach { $0.deallocate() }; plain.deallocate() }
        try runParts { part, scratch in
            let (images, k) = parts[part]
            let gradient = blocked[part].assumingMemoryBound(to: Float.self)
            let status = lunette_conv_weight_gradient(k.handle, input + images.lowerBound * inImage,
                                                      outputGrad + images.lowerBound * outImage, gradient, scratch)
            guard status == 0 else { return status }
            return lunette_conv_weight_gradient_to_kernel(k.handle, gradient, plain + part * size)
        }
        sumParts(plain, parts: parts.count, size: size, into: kernelGrad)
    }

    private func prepareBackward() throws {
        for (_, kernel) in parts where lunette_conv_prepare_backward(kernel.handle) != 0 {
            throw TensorError("conv2d", .value, "oneDNN could not build the backward kernels of this convolution")
        }
    }

    /// Calls `body` with the kernel converted into each distinct part kernel's layout, keyed by that kernel.
    private func withLayouts(_ kernel: UnsafePointer<Float>, size: (OneDNNKernel) -> Int,
                             convert: (OpaquePointer, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Int32,
                             _ body: ([ObjectIdentifier: UnsafeMutablePointer<Float>]) throws -> Void) throws {
        var converted: [ObjectIdentifier: UnsafeMutablePointer<Float>] = [:]
        defer { converted.values.forEach { UnsafeMutableRawPointer($0).deallocate() } }
        for (_, k) in parts where converted[ObjectIdentifier(k)] == nil {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(size(k), 4), alignment: 64)
                .bindMemory(to: Float.self, capacity: Swift.max(size(k), 4) / 4)
            converted[ObjectIdentifier(k)] = buffer
            guard convert(k.handle, kernel, buffer) == 0 else {
                throw TensorError("conv2d", .value, "oneDNN could not convert the convolution's kernel")
            }
        }
        try body(converted)
    }

    /// Runs `body(part, scratchpad)` for every part, on the workers; throws if any part failed.
    private func runParts(_ body: (Int, UnsafeMutableRawPointer) -> Int32) throws {
        let failures = Atomic<Int>(0)
        KernelSupport.parallelFor(parts.count, grain: 1) { range in
            for part in range {
                let scratch = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(parts[part].kernel.scratchpadSize, 64),
                                                               alignment: 64)
                defer { scratch.deallocate() }
                if body(part, scratch) != 0 { failures.add(1, ordering: .relaxed) }
            }
        }
        guard failures.load(ordering: .relaxed) == 0 else {
            throw TensorError("conv2d", .value, "a oneDNN convolution kernel failed")
        }
    }
}

/// One oneDNN convolution for one batch size, built once and shared by every call with that geometry.
final class OneDNNKernel: @unchecked Sendable {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) { self.handle = handle }
    deinit { lunette_conv_destroy(handle) }

    var forwardWeightsSize: Int { lunette_conv_forward_weights_size(handle) }
    var backwardWeightsSize: Int { lunette_conv_backward_weights_size(handle) }
    var weightGradientSize: Int { lunette_conv_weight_gradient_size(handle) }
    var scratchpadSize: Int { lunette_conv_scratchpad_size(handle) }

    private static let cache = Mutex<[ConvolutionGeometry: OneDNNKernel?]>([:])

    /// The kernel of `geometry` with `batch` images, built on first use (nil if oneDNN has none).
    static func cached(_ geometry: ConvolutionGeometry, batch: Int) -> OneDNNKernel? {
        var g = geometry
        g.batch = batch
        return cache.withLock { cache in
            if let known = cache[g] { return known }
            if cache.count >= 256 { cache.removeAll() }  // batch sizes of many shapes: start over
            var description = lunette_conv_geometry(
                batch: Int64(g.batch), in_h: Int64(g.inputHeight), in_w: Int64(g.inputWidth), in_c: Int64(g.inputChannels),
                out_h: Int64(g.outputHeight), out_w: Int64(g.outputWidth), out_c: Int64(g.outputChannels),
                kernel_h: Int64(g.kernelHeight), kernel_w: Int64(g.kernelWidth), stride_y: Int64(g.strideY),
                stride_x: Int64(g.strideX), dilation_y: Int64(g.dilationY), dilation_x: Int64(g.dilationX),
                pad_top: Int64(g.padTop), pad_left: Int64(g.padLeft), pad_bottom: Int64(g.padBottom),
                pad_right: Int64(g.padRight))
            let kernel = lunette_conv_create(&description).map(OneDNNKernel.init(handle:))
            cache[g] = kernel
            return kernel
        }
    }
}
