#if canImport(Glibc)
import Glibc
#endif

extension Tensor {
    /// A new contiguous tensor whose elements are not initialized (write them all before reading).
    public static func empty(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try Tensor(uninitialized: Shape(shape, op: "empty"), dtype: dtype, op: "empty")
    }

    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape: Shape(shape, op: "zeros"), value: 0, dtype: dtype, op: "zeros")
    }

    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape: Shape(shape, op: "ones"), value: 1, dtype: dtype, op: "ones")
    }

    /// A tensor of `shape` with every element `value`.
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32) throws -> Tensor {
        try full(shape: Shape(shape, op: "full"), value: value, dtype: dtype, op: "full")
    }

    public static func zeros(like other: Tensor, dtype: DType? = nil) throws -> Tensor {
        try full(shape: other.shape, value: 0, dtype: dtype ?? other.dtype, op: "zeros")
    }

    public static func ones(like other: Tensor, dtype: DType? = nil) throws -> Tensor {
        try full(shape: other.shape, value: 1, dtype: dtype ?? other.dtype, op: "ones")
    }

    static func zeros(shape: Shape, dtype: DType = .float32) throws -> Tensor {
        try full(shape: shape, value: 0, dtype: dtype, op: "zeros")
    }

    static func ones(shape: Shape, dtype: DType = .float32) throws -> Tensor {
        try full(shape: shape, value: 1, dtype: dtype, op: "ones")
    }

    static func full(shape: Shape, value: Double, dtype: DType, op: String) throws -> Tensor {
        let t = try Tensor(uninitialized: shape, dtype: dtype, op: op)
        t.fillContiguous(value)
        return t
    }

    /// A 0-dimensional float32 tensor holding `value`.
    public convenience init(scalar value: Double, dtype: DType = .float32) {
        // One element of a scalar dtype always fits in memory.
        let storage = Storage(byteCount: dtype.itemSize)!
        self.init(storage: storage, shape: Shape(), strides: Shape(), offset: 0, dtype: dtype)
        fillContiguous(value)
    }

    /// A tensor of `shape` holding `values` in row-major order (float32, int64 or uint8 by element type).
    public convenience init<T: TensorElement>(_ values: [T], shape: [Int]) throws {
        let s = try Shape(shape, op: "tensor")
        guard s.elementCount == values.count else {
            throw TensorError("tensor", .shape, "\(values.count) values do not fill shape \(s) (\(s.elementCount) elements)")
        }
        let t = try Tensor(uninitialized: s, dtype: T.dtype, op: "tensor")
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { t.pointer(T.self).update(from: base, count: values.count) }
        }
        self.init(storage: t.storage, shape: s, strides: t.strides, offset: 0, dtype: T.dtype)
    }

    /// A 1-dimensional tensor of `values`.
    public convenience init<T: TensorElement>(_ values: [T]) throws {
        try self.init(values, shape: [values.count])
    }

    /// A bool tensor of `shape` holding `values` in row-major order.
    public convenience init(_ values: [Bool], shape: [Int]) throws {
        let bytes = try Tensor(values.map { $0 ? UInt8(1) : 0 }, shape: shape)
        self.init(storage: bytes.storage, shape: bytes.shape, strides: bytes.strides, offset: 0, dtype: .bool)
    }

    /// A tensor from nested Swift arrays of numbers, e.g. `[[1, 2], [3, 4]]` (rows must have equal lengths).
    /// Numbers become float32 unless `dtype` says otherwise.
    public convenience init(nested: Any, dtype: DType = .float32) throws {
        var sizes: [Int] = []
        var probe: Any = nested
        while let array = probe as? [Any] {
            sizes.append(array.count)
            guard let first = array.first else { break }
            probe = first
        }
        var flat: [Double] = []
        func collect(_ value: Any, depth: Int) throws {
            if depth == sizes.count {
                guard let number = Tensor.number(value) else {
                    throw TensorError("tensor", .value, "expected a number at depth \(depth), got \(String(describing: type(of: value)))")
                }
                flat.append(number)
                return
            }
            guard let array = value as? [Any], array.count == sizes[depth] else {
                throw TensorError("tensor", .shape, "nested arrays are ragged: at depth \(depth) expected \(sizes[depth]) entries")
            }
            for element in array { try collect(element, depth: depth + 1) }
        }
        try collect(nested, depth: 0)
        let t = try Tensor(flat.map { Float($0) }, shape: sizes).to(dtype)
        self.init(storage: t.storage, shape: t.shape, strides: t.strides, offset: 0, dtype: dtype)
    }

    private static func number(_ value: Any) -> Double? {
        switch value {
        case let v as Double: v
        case let v as Float: Double(v)
        case let v as Int: Double(v)
        case let v as Int64: Double(v)
        case let v as UInt8: Double(v)
        case let v as Bool: v ? 1 : 0
        default: nil
        }
    }

    /// `0, 1, ..., end-1` as int64.
    public static func arange(_ end: Int) throws -> Tensor {
        try arange(start: 0, end: Double(end), step: 1, dtype: .int64)
    }

    /// `start, start+step, ...` up to but excluding `end`; float32 unless `dtype` says otherwise.
    public static func arange(start: Double, end: Double, step: Double = 1, dtype: DType = .float32) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite, (end - start) * step >= 0 else {
            throw TensorError("arange", .value, "cannot go from \(start) to \(end) in steps of \(step)")
        }
        let steps = ((end - start) / step).rounded(.up)
        guard steps < 1e15 else {
            throw TensorError("arange", .memory, "going from \(start) to \(end) in steps of \(step) makes too many elements")
        }
        let n = Int(steps)
        let t = try Tensor(uninitialized: Shape(unchecked: [n]), dtype: dtype, op: "arange")
        for i in 0..<n { t.setElement(at: i, start + Double(i) * step) }
        return t
    }

    /// `count` evenly spaced float32 values from `start` to `end`, both included.
    public static func linspace(start: Double, end: Double, count: Int) throws -> Tensor {
        guard count >= 0 else { throw TensorError("linspace", .value, "count must not be negative, got \(count)") }
        let t = try Tensor(uninitialized: Shape(unchecked: [count]), dtype: .float32, op: "linspace")
        let step = count > 1 ? (end - start) / Double(count - 1) : 0
        // Fill from both ends so that the last value is exactly `end`.
        for i in 0..<count { t.setElement(at: i, i < count / 2 ? start + step * Double(i) : end - step * Double(count - 1 - i)) }
        return t
    }

    /// The `rows` x `columns` identity matrix (float32).
    public static func eye(_ rows: Int, _ columns: Int? = nil, dtype: DType = .float32) throws -> Tensor {
        let m = columns ?? rows
        let t = try zeros([rows, m], dtype: dtype)
        for i in 0..<Swift.min(rows, m) { t.setElement(at: i * m + i, 1) }
        return t
    }

    /// Writes `value` into every element of this contiguous, freshly made tensor.
    func fillContiguous(_ value: Double) {
        if value == 0 {
            memset(baseAddress, 0, count * dtype.itemSize)
            return
        }
        switch dtype {
        case .float32: UnsafeMutableBufferPointer(start: pointer(Float.self), count: count).update(repeating: Float(value))
        case .int64: UnsafeMutableBufferPointer(start: pointer(Int64.self), count: count).update(repeating: Int64(saturating: value))
        case .uint8: UnsafeMutableBufferPointer(start: pointer(UInt8.self), count: count).update(repeating: UInt8(saturating: value))
        case .bool: UnsafeMutableBufferPointer(start: pointer(UInt8.self), count: count).update(repeating: value != 0 ? 1 : 0)
        }
    }

    /// Writes element `i` of this contiguous tensor, converting from Double.
    func setElement(at i: Int, _ value: Double) {
        switch dtype {
        case .float32: pointer(Float.self)[i] = Float(value)
        case .int64: pointer(Int64.self)[i] = Int64(saturating: value)
        case .uint8: pointer(UInt8.self)[i] = UInt8(saturating: value)
        case .bool: pointer(UInt8.self)[i] = value != 0 ? 1 : 0
        }
    }
}

extension Int64 {
    /// Converts without trapping: NaN becomes 0, values beyond the range become its ends, fractions are
    /// cut towards zero.
    @inline(__always)
    init(saturating x: Double) {
        if x.isNaN { self = 0 } else if x >= 9.223372036854775807e18 { self = .max } else if x <= -9.223372036854775808e18 { self = .min } else { self = Int64(x) }
    }

    @inline(__always)
    init(saturating x: Float) {
        if x.isNaN { self = 0 } else if x >= 9.223372e18 { self = .max } else if x <= -9.223372e18 { self = .min } else { self = Int64(x) }
    }
}

extension UInt8 {
    /// Converts without trapping: clamps to 0...255 (NaN becomes 0), cuts fractions towards zero.
    @inline(__always)
    init(saturating x: Double) {
        self = x.isNaN || x <= 0 ? 0 : x >= 255 ? 255 : UInt8(x)
    }

    @inline(__always)
    init(saturating x: Int64) {
        self = x <= 0 ? 0 : x >= 255 ? 255 : UInt8(x)
    }
}
