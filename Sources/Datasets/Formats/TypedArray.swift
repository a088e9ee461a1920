import CheckedArithmetic
/// An n-dimensional array as stored in a binary file (IDX, .npy): a shape in C (row-major) order and
/// the elements in the file's element type. A later step turns it into a tensor.
public struct TypedArray: Sendable, Equatable {
    public enum Elements: Sendable, Equatable {
        case uint8([UInt8])
        case int8([Int8])
        case int16([Int16])
        case int32([Int32])
        case int64([Int64])
        case float32([Float])
        case float64([Double])
    }

    public var shape: [Int]
    public var elements: Elements

    public init(shape: [Int], elements: Elements) {
        self.shape = shape
        self.elements = elements
    }

    public var count: Int {
        switch elements {
        case .uint8(let values): return values.count
        case .int8(let values): return values.count
        case .int16(let values): return values.count
        case .int32(let values): return values.count
        case .int64(let values): return values.count
        case .float32(let values): return values.count
        case .float64(let values): return values.count
        }
    }

    /// The element type's name, as NumPy spells it.
    public var typeName: String {
        switch elements {
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }

    /// The elements converted to Float (exact for the integer types up to 2^24).
    public func floats() -> [Float] {
        switch elements {
        case .uint8(let values): return values.map(Float.init)
        case .int8(let values): return values.map(Float.init)
        case .int16(let values): return values.map(Float.init)
        case .int32(let values): return values.map(Float.init)
        case .int64(let values): return values.map(Float.init)
        case .float32(let values): return values
        case .float64(let values): return values.map(Float.init)
        }
    }
}

/// Float values with a shape (row-major), e.g. the numeric part of a CSV file or sliding windows.
public struct NumericArray: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

extension ByteStream {
    /// Reads exactly `count` elements of `T` (raw bytes, no byte-order change), or throws naming the
    /// byte offset where the data ran out. Large reads go in slices, so a header that claims more data
    /// than the file holds fails at the end of the data instead of allocating the claimed size first.
    func readElements<T>(_ type: T.Type, count: Int, what: String) throws -> [T] {
        let startOffset = offset
        guard count >= 0, let wanted = CheckedSize.product(count, MemoryLayout<T>.stride) else {
            throw DatasetError(operation, file: displayName, at: .byte(startOffset), "\(what) claims \(count) elements, too many to hold")
        }
        // Refused before anything is allocated or inflated: more than the data can hold (a compressed
        // stream expands at most `ByteStream.largestExpansion` times), or more than memory holds.
        let available = maximumBytesLeft
        guard wanted <= available else {
            guard isInflating else {
                throw DatasetError(operation, file: displayName, at: .byte(startOffset + available),
                                   "\(what) is too short: expected \(wanted) bytes from byte \(startOffset), the data ends after \(available)")
            }
            throw DatasetError(operation, file: displayName, at: .byte(startOffset),
                               "\(what) claims \(wanted) bytes, more than the rest of the compressed data can hold (at most \(available))")
        }
        try MemoryBudget.check(elements: count, elementSize: MemoryLayout<T>.stride, operation: operation, what: what)
        let sliceElements = max(1, (1 << 26) / MemoryLayout<T>.stride)
        var result: [T] = []
        result.reserveCapacity(count)
        while result.count < count {
            let elements = min(sliceElements, count - result.count)
            var got = 0
            let slice = try [T](unsafeUninitializedCapacity: elements) { buffer, initialized in
                got = try read(into: UnsafeMutableRawBufferPointer(buffer))
                initialized = got == elements * MemoryLayout<T>.stride ? elements : 0
            }
            guard got == elements * MemoryLayout<T>.stride else {
                let total = result.count * MemoryLayout<T>.stride + got
                throw DatasetError(operation, file: displayName, at: .byte(startOffset + total),
                                   "\(what) is too short: expected \(wanted) bytes from byte \(startOffset), the data ends after \(total)")
            }
            result += slice
        }
        return result
    }
}
