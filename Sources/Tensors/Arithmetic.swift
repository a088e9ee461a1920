#if canImport(Glibc)
import Glibc
#endif

/// Element types that + - * work on. Integer arithmetic wraps around on overflow instead of trapping.
protocol ArithmeticElement: Comparable, AdditiveArithmetic {
    static func add(_ a: Self, _ b: Self) -> Self
    static func subtract(_ a: Self, _ b: Self) -> Self
    static func multiply(_ a: Self, _ b: Self) -> Self
    static func negate(_ a: Self) -> Self
}

extension Float: ArithmeticElement {
    @inline(__always) static func add(_ a: Float, _ b: Float) -> Float { a + b }
    @inline(__always) static func subtract(_ a: Float, _ b: Float) -> Float { a - b }
    @inline(__always) static func multiply(_ a: Float, _ b: Float) -> Float { a * b }
    @inline(__always) static func negate(_ a: Float) -> Float { -a }
}

extension Int64: ArithmeticElement {
    @inline(__always) static func add(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) static func subtract(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    @inline(__always) static func multiply(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    @inline(__always) static func negate(_ a: Int64) -> Int64 { 0 &- a }
}

struct AddKernel<T: ArithmeticElement>: BinaryKernel {
    @inline(__always) func apply(_ a: T, _ b: T) -> T { T.add(a, b) }
}
struct SubtractKernel<T: ArithmeticElement>: BinaryKernel {
    @inline(__always) func apply(_ a: T, _ b: T) -> T { T.subtract(a, b) }
}
struct MultiplyKernel<T: ArithmeticElement>: BinaryKernel {
    @inline(__always) func apply(_ a: T, _ b: T) -> T { T.multiply(a, b) }
}
struct DivideKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a / b }
}
struct PowerKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { powf(a, b) }
    var parallelGrain: Int { costlyGrain }
}
struct MaximumKernel<T: ArithmeticElement>: BinaryKernel {
    // NaN wins, as in PyTorch.
    @inline(__always) func apply(_ a: T, _ b: T) -> T { a != a ? a : (a >= b ? a : b) }
}
struct MinimumKernel<T: ArithmeticElement>: BinaryKernel {
    @inline(__always) func apply(_ a: T, _ b: T) -> T { a != a ? a : (a <= b ? a : b) }
}
/// Remainder with the sign of the divisor (Lua's and Python's `%`).
struct FloatRemainderKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Float, _ b: Float) -> Float {
        let r = fmodf(a, b)
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }
}
struct IntRemainderKernel: BinaryKernel {
    @inline(__always) func apply(_ a: Int64, _ b: Int64) -> Int64 {
        let r = b == -1 ? 0 : a % b // b is never 0 here; -1 would overflow for Int64.min
        return r != 0 && (r < 0) != (b < 0) ? r &+ b : r
    }
}

/// The binary operations that keep integer types (+ - * max min %); the others compute in float32.
enum ArithmeticOp {
    case add, subtract, multiply, maximum, minimum

    var name: String {
        switch self {
        case .add: "add"
        case .subtract: "sub"
        case .multiply: "mul"
        case .maximum: "maximum"
        case .minimum: "minimum"
        }
    }

    func run<T: ArithmeticElement>(_: T.Type, _ a: Tensor, _ b: Tensor, into out: Tensor) {
        switch self {
        case .add: AddKernel<T>().run(a, b, into: out)
        case .subtract: SubtractKernel<T>().run(a, b, into: out)
        case .multiply: MultiplyKernel<T>().run(a, b, into: out)
        case .maximum: MaximumKernel<T>().run(a, b, into: out)
        case .minimum: MinimumKernel<T>().run(a, b, into: out)
        }
    }

    func run<T: ArithmeticElement>(_ a: Tensor, scalar: T, into out: Tensor) {
        switch self {
        case .add: AddKernel<T>().run(a, scalar: scalar, into: out)
        case .subtract: SubtractKernel<T>().run(a, scalar: scalar, into: out)
        case .multiply: MultiplyKernel<T>().run(a, scalar: scalar, into: out)
        case .maximum: MaximumKernel<T>().run(a, scalar: scalar, into: out)
        case .minimum: MinimumKernel<T>().run(a, scalar: scalar, into: out)
        }
    }

    /// `a op b` with broadcasting, in the promoted dtype, into a new tensor.
    func apply(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let dtype = DType.promoted(a.dtype, b.dtype)
        let shape = try broadcastShape(a.shape, b.shape, op: name)
        let out = try Tensor(uninitialized: shape, dtype: dtype, op: name)
        try write(a, b, into: out)
        return out
    }

    /// `out = a op b` (out's dtype decides the arithmetic; a and b broadcast to out's shape).
    func write(_ a: Tensor, _ b: Tensor, into out: Tensor) throws {
        if out.dtype == .float32 {
            run(Float.self, try a.to(.float32), try b.to(.float32), into: out)
        } else {
            run(Int64.self, try a.to(.int64), try b.to(.int64), into: out)
        }
    }

    /// `a op scalar` into a new tensor: integer tensors stay integer with an integer scalar.
    func apply(_ a: Tensor, scalar: Double, scalarIsInteger: Bool) throws -> Tensor {
        let dtype: DType = a.dtype != .float32 && scalarIsInteger ? .int64 : .float32
        let out = try Tensor(uninitialized: a.shape, dtype: dtype, op: name)
        if dtype == .float32 {
            run(try a.to(.float32), scalar: Float(scalar), into: out)
        } else {
            run(try a.to(.int64), scalar: Int64(saturating: scalar), into: out)
        }
        return out
    }
}

extension Tensor {
    // MARK: Tensor op tensor (NumPy broadcasting)

    /// Elementwise sum with broadcasting. int + int stays int64; anything with float32 is float32.
    public func add(_ other: Tensor) throws -> Tensor {
        let out = try ArithmeticOp.add.apply(self, other)
        guard Autograd.needsGrad(self, other) else { return out }
        let (sa, sb) = (shape, other.shape)
        return Autograd.record("add", inputs: [self, other], output: out) { g in
            [try g.sumTo(sa), try g.sumTo(sb)]
        }
    }

    public func sub(_ other: Tensor) throws -> Tensor {
        let out = try ArithmeticOp.subtract.apply(self, other)
        guard Autograd.needsGrad(self, other) else { return out }
        let (sa, sb) = (shape, other.shape)
        return Autograd.record("sub", inputs: [self, other], output: out) { g in
            [try g.sumTo(sa), try g.neg().sumTo(sb)]
        }
    }

    public func mul(_ other: Tensor) throws -> Tensor {
        let out = try ArithmeticOp.multiply.apply(self, other)
        guard Autograd.needsGrad(self, other) else { return out }
        return Autograd.record("mul", inputs: [self, other], output: out, saving: [self, other]) { [a = self] g in
            [a.requiresGrad ? try (g * other).sumTo(a.shape) : nil,
             other.requiresGrad ? try (g * a).sumTo(other.shape) : nil]
        }
    }

    /// Elementwise quotient; always float32.
    public func div(_ other: Tensor) throws -> Tensor {
        let out = try Tensor(uninitialized: try broadcastShape(shape, other.shape, op: "div"), dtype: .float32, op: "div")
        DivideKernel().run(try to(.float32), try other.to(.float32), into: out)
        guard Autograd.needsGrad(self, other) else { return out }
        return Autograd.record("div", inputs: [self, other], output: out, saving: [self, other]) { [a = self] g in
            [a.requiresGrad ? try (g / other).sumTo(a.shape) : nil,
             other.requiresGrad ? try (g * a / (other * other)).neg().sumTo(other.shape) : nil]
        }
    }

    /// `self` raised to `exponent` elementwise; float32.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let out = try Tensor(uninitialized: try broadcastShape(shape, exponent.shape, op: "pow"), dtype: .float32, op: "pow")
        PowerKernel().run(try to(.float32), try exponent.to(.float32), into: out)
        guard Autograd.needsGrad(self, exponent) else { return out }
        return Autograd.record("pow", inputs: [self, exponent], output: out, saving: [self, exponent]) { [a = self] g in
            [a.requiresGrad ? try (g * exponent * a.pow(exponent - 1)).sumTo(a.shape) : nil,
             exponent.requiresGrad ? try (g * a.pow(exponent) * a.log()).sumTo(exponent.shape) : nil]
        }
    }

    /// Elementwise larger of two tensors (NaN propagates); the gradient goes to the larger (half each on ties).
    public func maximum(_ other: Tensor) throws -> Tensor { try extremum(.maximum, other) }

    /// Elementwise smaller of two tensors (NaN propagates).
    public func minimum(_ other: Tensor) throws -> Tensor { try extremum(.minimum, other) }

    private func extremum(_ op: ArithmeticOp, _ other: Tensor) throws -> Tensor {
        let out = try op.apply(self, other)
        guard Autograd.needsGrad(self, other) else { return out }
        return Autograd.record(op.name, inputs: [self, other], output: out, saving: [self, other]) { [a = self] g in
            let wins = try (op == .maximum ? a.gt(other) : a.lt(other)).float()
            let ties = try a.eq(other).float() * 0.5
            return [try (g * (wins + ties)).sumTo(a.shape),
                    try (g * (1 - wins - ties)).sumTo(other.shape)]
        }
    }

    /// Remainder with the divisor's sign (`-7 % 3 == 2`), like Lua's `%`. Integer tensors stay integer;
    /// an integer division by zero throws. Not differentiable in the divisor.
    public func remainder(_ other: Tensor) throws -> Tensor {
        let dtype = DType.promoted(self.dtype, other.dtype)
        let out = try Tensor(uninitialized: try broadcastShape(shape, other.shape, op: "remainder"), dtype: dtype, op: "remainder")
        if dtype == .int64 {
            let divisor = try other.to(.int64)
            guard try divisor.eq(0).any() == false else {
                throw TensorError("remainder", .value, "integer division by zero")
            }
            IntRemainderKernel().run(try to(.int64), divisor, into: out)
            return out
        }
        FloatRemainderKernel().run(try to(.float32), try other.to(.float32), into: out)
        return Autograd.record("remainder", inputs: [self], output: out) { g in [try g.sumTo(self.shape)] }
    }

    // MARK: Tensor op number

    /// `self + value`; an int64 tensor stays int64 when `value` is an integer.
    public func add(_ value: Double) throws -> Tensor { try addScalar(value, isInteger: false) }
    public func add(_ value: Int) throws -> Tensor { try addScalar(Double(value), isInteger: true) }
    public func sub(_ value: Double) throws -> Tensor { try addScalar(-value, isInteger: false) }
    public func sub(_ value: Int) throws -> Tensor { try addScalar(-Double(value), isInteger: true) }
    public func mul(_ value: Double) throws -> Tensor { try mulScalar(value, isInteger: false) }
    public func mul(_ value: Int) throws -> Tensor { try mulScalar(Double(value), isInteger: true) }

    private func addScalar(_ value: Double, isInteger: Bool) throws -> Tensor {
        let out = try ArithmeticOp.add.apply(self, scalar: value, scalarIsInteger: isInteger)
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("add", inputs: [self], output: out) { g in [g] }
    }

    private func mulScalar(_ value: Double, isInteger: Bool) throws -> Tensor {
        let out = try ArithmeticOp.multiply.apply(self, scalar: value, scalarIsInteger: isInteger)
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("mul", inputs: [self], output: out) { g in [try g.mul(value)] }
    }

    /// `self / value` (float32).
    public func div(_ value: Double) throws -> Tensor {
        let out = try Tensor(uninitialized: shape, dtype: .float32, op: "div")
        DivideKernel().run(try to(.float32), scalar: Float(value), into: out)
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("div", inputs: [self], output: out) { g in [try g.div(value)] }
    }

    /// `self` raised to the power `exponent` (float32); squares and square roots take fast paths.
    public func pow(_ exponent: Double) throws -> Tensor {
        let x = try to(.float32)
        let out: Tensor
        switch exponent {
        case 2: out = try Tensor(uninitialized: shape, dtype: .float32, op: "pow")
            MultiplyKernel<Float>().run(x, x, into: out)
        case 0.5: out = try SqrtKernel().map(x, dtype: .float32, op: "pow")
        default: out = try Tensor(uninitialized: shape, dtype: .float32, op: "pow")
            PowerKernel().run(x, scalar: Float(exponent), into: out)
        }
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("pow", inputs: [self], output: out, saving: [x]) { g in
            [exponent == 2 ? try g * x * 2 : try g * x.pow(exponent - 1) * exponent]
        }
    }

    /// `value - self`.
    public func rsub(_ value: Double) throws -> Tensor { try neg().add(value) }

    /// `value / self` (float32).
    public func rdiv(_ value: Double) throws -> Tensor {
        let out = try Tensor(uninitialized: shape, dtype: .float32, op: "div")
        ScalarLeft(kernel: DivideKernel(), scalar: Float(value)).run(try to(.float32), into: out)
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("div", inputs: [self], output: out, saving: [self]) { [x = self] g in [try (g * value / (x * x)).neg()] }
    }

    /// `value ^ self` elementwise (float32).
    public func rpow(_ value: Double) throws -> Tensor {
        let out = try Tensor(uninitialized: shape, dtype: .float32, op: "pow")
        ScalarLeft(kernel: PowerKernel(), scalar: Float(value)).run(try to(.float32), into: out)
        guard Autograd.needsGrad(self) else { return out }
        return Autograd.record("pow", inputs: [self], output: out, saving: [out]) { [y = out.detach()] g in [try g * y * naturalLog(value)] }
    }

    /// Elementwise larger of `self` and `value`.
    public func maximum(_ value: Double) throws -> Tensor { try clamp(min: value) }
    /// Elementwise smaller of `self` and `value`.
    public func minimum(_ value: Double) throws -> Tensor { try clamp(max: value) }

    /// Remainder of division by `value`, with `value`'s sign.
    public func remainder(_ value: Double) throws -> Tensor {
        try remainder(Tensor(scalar: value, dtype: dtype != .float32 && value.rounded() == value ? .int64 : .float32))
    }

    // MARK: Operators

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.add(b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.sub(b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.mul(b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.div(b) }
    public static prefix func - (a: Tensor) throws -> Tensor { try a.neg() }

    public static func + (a: Tensor, b: Double) throws -> Tensor { try a.add(b) }
    public static func - (a: Tensor, b: Double) throws -> Tensor { try a.sub(b) }
    public static func * (a: Tensor, b: Double) throws -> Tensor { try a.mul(b) }
    public static func / (a: Tensor, b: Double) throws -> Tensor { try a.div(b) }
    public static func + (a: Double, b: Tensor) throws -> Tensor { try b.add(a) }
    public static func - (a: Double, b: Tensor) throws -> Tensor { try b.rsub(a) }
    public static func * (a: Double, b: Tensor) throws -> Tensor { try b.mul(a) }
    public static func / (a: Double, b: Tensor) throws -> Tensor { try b.rdiv(a) }
    // Integer scalars keep integer tensors integer (`labels + 1`).
    public static func + (a: Tensor, b: Int) throws -> Tensor { try a.add(b) }
    public static func - (a: Tensor, b: Int) throws -> Tensor { try a.sub(b) }
    public static func * (a: Tensor, b: Int) throws -> Tensor { try a.mul(b) }
    public static func + (a: Int, b: Tensor) throws -> Tensor { try b.add(a) }
    public static func * (a: Int, b: Tensor) throws -> Tensor { try b.mul(a) }
}

/// `log` for Doubles, reachable inside Tensor methods where `log` names the tensor method.
@inline(__always) func naturalLog(_ x: Double) -> Double { log(x) }
