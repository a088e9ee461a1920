// In-place operations write the elements of `self` (which may be a view: the viewed tensor changes too).
// They are refused on tensors that take part in a recorded graph while gradients are enabled, because
// the recorded backward could need the old values; optimizers update parameters inside
// `Autograd.withoutGradients`.

struct AddScaledKernel: BinaryKernel {
    let alpha: Float
    @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a + alpha * b }
}
struct AddProductKernel: TernaryKernel {
    let value: Float
    @inline(__always) func apply(_ a: Float, _ b: Float, _ c: Float) -> Float { a + value * b * c }
}
struct AddQuotientKernel: TernaryKernel {
    let value: Float
    @inline(__always) func apply(_ a: Float, _ b: Float, _ c: Float) -> Float { a + value * b / c }
}
struct LerpKernel: BinaryKernel {
    let weight: Float
    @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a + weight * (b - a) }
}

extension Tensor {
    /// Throws unless `self` may be written in place with the given operands.
    func checkWritable(_ op: String, _ a: Tensor? = nil, _ b: Tensor? = nil, arithmetic: Bool = true,
                       operandsBroadcast: Bool = true) throws {
        if Autograd.isGradEnabled && (requiresGrad || a?.requiresGrad == true || b?.requiresGrad == true) {
            throw TensorError(op, .autograd, "in-place operations are not allowed on tensors that require grad (or with operands that do) while gradients are recorded; use the out-of-place form, or do it inside Autograd.withoutGradients (as optimizers do)")
        }
        for d in 0..<rank where strides[d] == 0 && shape[d] > 1 {
            throw TensorError(op, .value, "cannot write in place into an expanded tensor (dimension \(dim: d) repeats one element); call contiguous() first")
        }
        storage.version &+= 1
        if arithmetic && dtype != .float32 && dtype != .int64 {
            throw TensorError(op, .dtype, "in-place arithmetic needs a float32 or int64 tensor, this one is \(dtype)")
        }
        for operand in [a, b] where operandsBroadcast {
            guard let operand else { continue }
            if arithmetic && dtype == .int64 && operand.dtype == .float32 {
                throw TensorError(op, .dtype, "cannot store float32 results in an int64 tensor; use the out-of-place form or convert with to(.float32)")
            }
            let s = try broadcastShape(shape, operand.shape, op: op)
            guard s == shape else {
                throw TensorError(op, .shape, "the operand of shape \(operand.shape) does not broadcast to the tensor's shape \(shape)")
            }
        }
    }

    /// `self += alpha * other` (other broadcasts to self's shape).
    @discardableResult
    public func add_(_ other: Tensor, alpha: Double = 1) throws -> Tensor {
        try checkWritable("add_", other)
        if alpha == 1 || dtype == .int64 {
            let scaled = alpha == 1 ? other : try other.mul(alpha)
            try ArithmeticOp.add.write(self, scaled, into: self)
        } else {
            AddScaledKernel(alpha: Float(alpha)).run(self, try other.to(.float32), into: self)
        }
        return self
    }

    @discardableResult
    public func sub_(_ other: Tensor) throws -> Tensor { try add_(other, alpha: -1) }

    @discardableResult
    public func mul_(_ other: Tensor) throws -> Tensor {
        try checkWritable("mul_", other)
        try ArithmeticOp.multiply.write(self, other, into: self)
        return self
    }

    @discardableResult
    public func div_(_ other: Tensor) throws -> Tensor {
        try checkWritable("div_", other)
        guard dtype == .float32 else { throw TensorError("div_", .dtype, "division gives float32 results, which an int64 tensor cannot store") }
        DivideKernel().run(self, try other.to(.float32), into: self)
        return self
    }

    @discardableResult
    public func add_(_ value: Double) throws -> Tensor { try scalar_("add_", .add, value) }
    @discardableResult
    public func sub_(_ value: Double) throws -> Tensor { try scalar_("sub_", .add, -value) }
    @discardableResult
    public func mul_(_ value: Double) throws -> Tensor { try scalar_("mul_", .multiply, value) }
    @discardableResult
    public func div_(_ value: Double) throws -> Tensor {
        guard dtype == .float32 else { throw TensorError("div_", .dtype, "division gives float32 results, which an int64 tensor cannot store") }
        return try scalar_("div_", .multiply, 1 / value)
    }

    private func scalar_(_ name: String, _ op: ArithmeticOp, _ value: Double) throws -> Tensor {
        try checkWritable(name)
        if dtype == .float32 { op.run(self, scalar: Float(value), into: self) } else {
            guard value.rounded() == value else {
                throw TensorError(name, .dtype, "cannot store the float32 result of \(value) in an int64 tensor")
            }
            op.run(self, scalar: Int64(saturating: value), into: self)
        }
        return self
    }

    /// Sets every element to `value`.
    @discardableResult
    public func fill_(_ value: Double) throws -> Tensor {
        try checkWritable("fill_", arithmetic: false)
        copyElements(from: Tensor(scalar: value, dtype: dtype), into: self)
        return self
    }

    @discardableResult
    public func zero_() throws -> Tensor { try fill_(0) }

    /// Copies `source` (broadcast to self's shape, converted to self's dtype) into `self`.
    @discardableResult
    public func copy_(_ source: Tensor) throws -> Tensor {
        try checkWritable("copy_", source, arithmetic: false)
        let converted = try source.to(dtype)
        // A source that overlaps self's storage is copied first, so no element is read after it was written.
        copyElements(from: converted.storage === storage ? try converted.clone() : converted, into: self)
        return self
    }

    /// Limits every element to `min...max` in place.
    @discardableResult
    public func clamp_(min low: Double? = nil, max high: Double? = nil) throws -> Tensor {
        try checkWritable("clamp_")
        if let low, let high, low > high { throw TensorError("clamp_", .value, "min \(low) is larger than max \(high)") }
        if dtype == .float32 {
            ClampKernel(low: low.map(Float.init) ?? -.infinity, high: high.map(Float.init) ?? .infinity).run(self, into: self)
        } else {
            ClampKernel(low: low.map { Int64(saturating: $0.rounded(.up)) } ?? .min,
                        high: high.map { Int64(saturating: $0.rounded(.down)) } ?? .max).run(self, into: self)
        }
        return self
    }

    /// `self += value * a * b` (float32; a and b broadcast to self's shape).
    @discardableResult
    public func addcmul_(_ a: Tensor, _ b: Tensor, value: Double = 1) throws -> Tensor {
        try checkFloatWritable("addcmul_", a, b)
        AddProductKernel(value: Float(value)).run(self, try a.to(.float32), try b.to(.float32), into: self)
        return self
    }

    /// `self += value * a / b` (float32; a and b broadcast to self's shape).
    @discardableResult
    public func addcdiv_(_ a: Tensor, _ b: Tensor, value: Double = 1) throws -> Tensor {
        try checkFloatWritable("addcdiv_", a, b)
        AddQuotientKernel(value: Float(value)).run(self, try a.to(.float32), try b.to(.float32), into: self)
        return self
    }

    /// `self += weight * (end − self)`: moves towards `end` (float32; exponential moving averages).
    @discardableResult
    public func lerp_(_ end: Tensor, weight: Double) throws -> Tensor {
        try checkFloatWritable("lerp_", end)
        LerpKernel(weight: Float(weight)).run(self, try end.to(.float32), into: self)
        return self
    }

    /// Sets the elements where `mask` (broadcast to self's shape) is true to `value`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, value: Double) throws -> Tensor {
        try checkWritable("maskedFill_", mask, arithmetic: false)
        copyElements(from: try Tensor.where(mask, Tensor(scalar: value, dtype: dtype), self).to(dtype), into: self)
        return self
    }

    private func checkFloatWritable(_ op: String, _ a: Tensor, _ b: Tensor? = nil) throws {
        try checkWritable(op, a, b)
        guard dtype == .float32 else { throw TensorError(op, .dtype, "needs a float32 tensor, this one is \(dtype)") }
    }
}
