extension Tensor {
    /// Writes the elements of `source` (in row-major order, converted to this tensor's dtype) into the
    /// positions where `mask` (broadcast to this tensor's shape) is true, in row-major order: the
    /// in-place inverse of `maskedSelect` (`t[mask] = values` in the Lua binding). `source` must hold
    /// exactly as many elements as the mask selects.
    @discardableResult
    public func maskedScatter_(_ mask: Tensor, source: Tensor) throws -> Tensor {
        try checkWritable("maskedScatter_", mask, arithmetic: false)
        try checkWritable("maskedScatter_", source, arithmetic: false, operandsBroadcast: false)
        let m = try mask.to(.bool).expand(to: shape).contiguous()
        let pm = m.pointer(UInt8.self)
        var selected = 0
        for i in 0..<m.count where pm[i] != 0 { selected += 1 }
        guard source.count == selected else {
            throw TensorError("maskedScatter_", .shape, "the mask selects \(selected) elements, but the source has \(source.count) (shape \(source.shape))")
        }
        let values = try source.to(dtype).contiguous()
        // Written into a contiguous copy first, so that any layout of `self` is handled by one copy back.
        let target = try Autograd.withoutGradients { try clone() }
        let bytes = dtype.itemSize
        var j = 0
        for i in 0..<m.count where pm[i] != 0 {
            (target.baseAddress + i * bytes).copyMemory(from: values.baseAddress + j * bytes, byteCount: bytes)
            j += 1
        }
        copyElements(from: target, into: self)
        return self
    }
}
