import Tensors

// Byte-level access to a contiguous tensor of any element type, for code that only moves elements
// (crops, flips, row gathers) and so does not care what they are.

/// Calls `body` with the bytes of a contiguous tensor.
func withBytes<Result>(of tensor: Tensor, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
    switch tensor.dtype {
    case .float32: return try tensor.withUnsafeBufferPointer(as: Float.self) { try body(UnsafeRawBufferPointer($0)) }
    case .int64: return try tensor.withUnsafeBufferPointer(as: Int64.self) { try body(UnsafeRawBufferPointer($0)) }
    case .uint8, .bool: return try tensor.withUnsafeBufferPointer(as: UInt8.self) { try body(UnsafeRawBufferPointer($0)) }
    }
}

/// Calls `body` with the writable bytes of a contiguous tensor (a new one, not yet used by autograd).
func withMutableBytes<Result>(of tensor: Tensor, _ body: (UnsafeMutableRawBufferPointer) throws -> Result) throws -> Result {
    switch tensor.dtype {
    case .float32: return try tensor.withUnsafeMutableBufferPointer(as: Float.self) { try body(UnsafeMutableRawBufferPointer($0)) }
    case .int64: return try tensor.withUnsafeMutableBufferPointer(as: Int64.self) { try body(UnsafeMutableRawBufferPointer($0)) }
    case .uint8, .bool: return try tensor.withUnsafeMutableBufferPointer(as: UInt8.self) { try body(UnsafeMutableRawBufferPointer($0)) }
    }
}
