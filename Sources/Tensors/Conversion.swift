extension Tensor {
    /// This tensor with elements of `dtype` (itself when it already has them). Floats become integers by
    /// cutting the fraction; NaN becomes 0 and values beyond an integer type's range become its ends
    /// (uint8 saturates at 0 and 255); anything nonzero becomes `true`. Not differentiable.
    public func to(_ dtype: DType) throws -> Tensor {
        if dtype == self.dtype { return self }
        let out = try Tensor(uninitialized: shape, dtype: dtype, op: "to(\(dtype))")
        switch (self.dtype, dtype) {
        case (.float32, .int64): ClosureKernel { (x: Float) in Int64(saturating: x) }.run(self, into: out)
        case (.float32, .uint8): ClosureKernel { (x: Float) in UInt8(saturating: Double(x)) }.run(self, into: out)
        case (.float32, .bool): ClosureKernel { (x: Float) -> UInt8 in x != 0 ? 1 : 0 }.run(self, into: out)
        case (.int64, .float32): ClosureKernel { (x: Int64) in Float(x) }.run(self, into: out)
        case (.int64, .uint8): ClosureKernel { (x: Int64) in UInt8(saturating: x) }.run(self, into: out)
        case (.int64, .bool): ClosureKernel { (x: Int64) -> UInt8 in x != 0 ? 1 : 0 }.run(self, into: out)
        case (.uint8, .float32), (.bool, .float32): ClosureKernel { (x: UInt8) in Float(x) }.run(self, into: out)
        case (.uint8, .int64), (.bool, .int64): ClosureKernel { (x: UInt8) in Int64(x) }.run(self, into: out)
        case (.uint8, .bool): ClosureKernel { (x: UInt8) -> UInt8 in x != 0 ? 1 : 0 }.run(self, into: out)
        case (.bool, .uint8): CopyKernel<UInt8>().run(self, into: out)
        default: break // same dtype, handled above
        }
        return out
    }

    public func float() throws -> Tensor { try to(.float32) }
    public func long() throws -> Tensor { try to(.int64) }

    /// A contiguous copy (the same tensor when already contiguous).
    public func contiguous() throws -> Tensor {
        isContiguous ? self : try clone()
    }

    /// A new contiguous tensor with a copy of the elements; differentiable.
    public func clone() throws -> Tensor {
        let out = try Tensor(uninitialized: shape, dtype: dtype, op: "clone")
        copyElements(from: self, into: out)
        return Autograd.record("clone", inputs: [self], output: out) { g in [g] }
    }

    /// The same elements without autograd history: shares storage, never requires grad.
    public func detach() -> Tensor {
        view(shape: shape, strides: strides, offset: offset)
    }

    /// Copies `source` (broadcasting, same dtype) into `destination` (any layout).
    func copyElements(from source: Tensor, into destination: Tensor) {
        switch dtype.itemSize {
        case 4: CopyKernel<Float>().run(source, into: destination)
        case 8: CopyKernel<Int64>().run(source, into: destination)
        default: CopyKernel<UInt8>().run(source, into: destination)
        }
    }
}
