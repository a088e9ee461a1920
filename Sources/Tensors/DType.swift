/// The element type of a tensor.
///
/// `float32` holds values (everything differentiable), `int64` indices and labels, `uint8` raw bytes such
/// as image pixels read from IDX files, `bool` masks (one byte per element, 0 or 1).
public enum DType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case float32, int64, uint8, bool

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .float32: 4
        case .int64: 8
        case .uint8, .bool: 1
        }
    }

    public var isFloatingPoint: Bool { self == .float32 }

    public var description: String {
        switch self {
        case .float32: "float32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .bool: "bool"
        }
    }

    /// The type integer arithmetic (+ - *) computes in: integers and bools widen to int64, so that
    /// `uint8` pixel sums do not wrap around.
    var arithmeticType: DType { self == .float32 ? .float32 : .int64 }

    /// The common type of two operands of + - * and comparisons: float32 if either is, otherwise int64.
    static func promoted(_ a: DType, _ b: DType) -> DType {
        a == .float32 || b == .float32 ? .float32 : .int64
    }
}

/// Swift types that tensors store. `Bool` tensors store `UInt8` 0/1 bytes, so they have no Swift element
/// type of their own here; read them as `UInt8`.
public protocol TensorElement: Sendable {
    static var dtype: DType { get }
}

extension Float: TensorElement { public static var dtype: DType { .float32 } }
extension Int64: TensorElement { public static var dtype: DType { .int64 } }
extension UInt8: TensorElement { public static var dtype: DType { .uint8 } }
