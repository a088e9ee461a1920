import CheckedArithmetic
import Foundation
import Tensors

/// A tensor as the cell cache stores it: one header line (`dtype shape... requires_grad`) and the raw
/// elements in the machine's byte order (the cache never leaves the machine that wrote it).
enum CachedTensor {
    static func encode(_ tensor: Tensor) throws -> [UInt8] {
        let values = try tensor.detach().contiguous()
        let gradient = tensor.isLeaf && tensor.requiresGrad ? 1 : 0
        let header = ([values.dtype.description] + values.shape.map(String.init) + [String(gradient)]).joined(separator: " ") + "\n"
        var bytes = Array(header.utf8)
        try withElementBytes(of: values) { bytes.append(contentsOf: $0) }
        return bytes
    }

    static func decode(_ data: Data) throws -> Tensor {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { throw corrupt }
        let fields = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ").map(String.init)
        guard fields.count >= 2, let dtype = DType.allCases.first(where: { $0.description == fields[0] }),
              let gradient = fields.last.flatMap({ Int($0) }) else { throw corrupt }
        let shape = try fields.dropFirst().dropLast().map { field -> Int in
            guard let size = Int(field), size >= 0 else { throw corrupt }
            return size
        }
        let body = data[(newline + 1)...]
        guard let count = CheckedSize.product(shape), CheckedSize.product(count, dtype.itemSize) == body.count else { throw corrupt }
        let tensor = try Tensor.empty(shape, dtype: dtype)
        switch dtype {
        case .float32: try tensor.withUnsafeMutableBufferPointer(as: Float.self) { copy(body, into: UnsafeMutableRawBufferPointer($0)) }
        case .int64: try tensor.withUnsafeMutableBufferPointer(as: Int64.self) { copy(body, into: UnsafeMutableRawBufferPointer($0)) }
        case .uint8, .bool: try tensor.withUnsafeMutableBufferPointer(as: UInt8.self) { copy(body, into: UnsafeMutableRawBufferPointer($0)) }
        }
        if gradient == 1 { try tensor.setRequiresGrad(true) }
        return tensor
    }

    private static func copy(_ bytes: Data, into target: UnsafeMutableRawBufferPointer) {
        bytes.withUnsafeBytes { target.copyMemory(from: $0) }
    }

    private static var corrupt: CacheFileError { CacheFileError(problem: "a cached tensor file is damaged") }

    private static func withElementBytes<Result>(of tensor: Tensor, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        switch tensor.dtype {
        case .float32: return try tensor.withUnsafeBufferPointer(as: Float.self) { try body(UnsafeRawBufferPointer($0)) }
        case .int64: return try tensor.withUnsafeBufferPointer(as: Int64.self) { try body(UnsafeRawBufferPointer($0)) }
        case .uint8, .bool: return try tensor.withUnsafeBufferPointer(as: UInt8.self) { try body(UnsafeRawBufferPointer($0)) }
        }
    }
}

struct CacheFileError: Error, CustomStringConvertible {
    let problem: String
    var description: String { problem }
}
