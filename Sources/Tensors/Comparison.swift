enum ComparisonRelation { case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual }

struct CompareKernel<T: Comparable>: BinaryKernel {
    let relation: ComparisonRelation
    @inline(__always) func apply(_ a: T, _ b: T) -> UInt8 {
        let result: Bool
        switch relation {
        case .equal: result = a == b
        case .notEqual: result = a != b
        case .less: result = a < b
        case .lessOrEqual: result = a <= b
        case .greater: result = a > b
        case .greaterOrEqual: result = a >= b
        }
        return result ? 1 : 0
    }
}

struct LogicalKernel: BinaryKernel {
    enum Connective { case and, or, xor }
    let connective: Connective
    @inline(__always) func apply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        switch connective {
        case .and: a & b
        case .or: a | b
        case .xor: a ^ b
        }
    }
}

struct WhereKernel<T>: TernaryKernel {
    @inline(__always) func apply(_ condition: UInt8, _ a: T, _ b: T) -> T { condition != 0 ? a : b }
}

extension Tensor {
    private func compare(_ other: Tensor, _ relation: ComparisonRelation, _ name: String) throws -> Tensor {
        let out = try Tensor(uninitialized: try broadcastShape(shape, other.shape, op: name), dtype: .bool, op: name)
        if DType.promoted(dtype, other.dtype) == .float32 {
            CompareKernel<Float>(relation: relation).run(try to(.float32), try other.to(.float32), into: out)
        } else {
            CompareKernel<Int64>(relation: relation).run(try to(.int64), try other.to(.int64), into: out)
        }
        return out
    }

    private func compare(_ value: Double, _ relation: ComparisonRelation, _ name: String) throws -> Tensor {
        let isInteger = value.rounded() == value && Swift.abs(value) < 9e18
        return try compare(Tensor(scalar: value, dtype: dtype != .float32 && isInteger ? .int64 : .float32), relation, name)
    }

    /// Elementwise comparisons with broadcasting, giving bool tensors (not differentiable).
    public func eq(_ other: Tensor) throws -> Tensor { try compare(other, .equal, "eq") }
    public func ne(_ other: Tensor) throws -> Tensor { try compare(other, .notEqual, "ne") }
    public func lt(_ other: Tensor) throws -> Tensor { try compare(other, .less, "lt") }
    public func le(_ other: Tensor) throws -> Tensor { try compare(other, .lessOrEqual, "le") }
    public func gt(_ other: Tensor) throws -> Tensor { try compare(other, .greater, "gt") }
    public func ge(_ other: Tensor) throws -> Tensor { try compare(other, .greaterOrEqual, "ge") }
    public func eq(_ value: Double) throws -> Tensor { try compare(value, .equal, "eq") }
    public func ne(_ value: Double) throws -> Tensor { try compare(value, .notEqual, "ne") }
    public func lt(_ value: Double) throws -> Tensor { try compare(value, .less, "lt") }
    public func le(_ value: Double) throws -> Tensor { try compare(value, .lessOrEqual, "le") }
    public func gt(_ value: Double) throws -> Tensor { try compare(value, .greater, "gt") }
    public func ge(_ value: Double) throws -> Tensor { try compare(value, .greaterOrEqual, "ge") }

    /// True when the tensors have the same shape and all elements are within `tolerance` (NaN ≠ NaN).
    public func allClose(_ other: Tensor, tolerance: Double = 1e-5) throws -> Bool {
        guard shape == other.shape else { return false }
        return try (self - other).abs().le(tolerance).all()
    }

    private func logical(_ other: Tensor, _ connective: LogicalKernel.Connective, _ name: String) throws -> Tensor {
        let out = try Tensor(uninitialized: try broadcastShape(shape, other.shape, op: name), dtype: .bool, op: name)
        LogicalKernel(connective: connective).run(try to(.bool), try other.to(.bool), into: out)
        return out
    }

    /// Elementwise logic on truth values (nonzero is true), giving bool tensors.
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try logical(other, .and, "logicalAnd") }
    public func logicalOr(_ other: Tensor) throws -> Tensor { try logical(other, .or, "logicalOr") }
    public func logicalXor(_ other: Tensor) throws -> Tensor { try logical(other, .xor, "logicalXor") }
    public func logicalNot() throws -> Tensor { try eq(0) }

    /// True when any element is nonzero.
    public func any() throws -> Bool { try to(.bool).to(.int64).sum().item() > 0 }
    /// True when every element is nonzero (true for an empty tensor).
    public func all() throws -> Bool { try to(.bool).to(.int64).sum().item() == Double(count) }

    /// `a` where `condition` is true, else `b`, with broadcasting of all three; differentiable in a and b.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let dtype = DType.promoted(a.dtype, b.dtype)
        let shape = try broadcastShape(try broadcastShape(condition.shape, a.shape, op: "where"), b.shape, op: "where")
        let out = try Tensor(uninitialized: shape, dtype: dtype, op: "where")
        let mask = try condition.to(.bool)
        if dtype == .float32 {
            WhereKernel<Float>().run(mask, try a.to(.float32), try b.to(.float32), into: out)
        } else {
            WhereKernel<Int64>().run(mask, try a.to(.int64), try b.to(.int64), into: out)
        }
        guard Autograd.needsGrad(a, b) else { return out }
        return Autograd.record("where", inputs: [a, b], output: out, saving: [mask]) { g in
            let zero = Tensor(scalar: 0)
            return [a.requiresGrad ? try Tensor.where(mask, g, zero).sumTo(a.shape) : nil,
                    b.requiresGrad ? try Tensor.where(mask, zero, g).sumTo(b.shape) : nil]
        }
    }

    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Double) throws -> Tensor {
        try Tensor.where(condition, a, Tensor(scalar: b, dtype: a.dtype == .float32 ? .float32 : .int64))
    }

    public static func `where`(_ condition: Tensor, _ a: Double, _ b: Tensor) throws -> Tensor {
        try Tensor.where(condition, Tensor(scalar: a, dtype: b.dtype == .float32 ? .float32 : .int64), b)
    }
}
