import CheckedArithmetic
import Foundation
import Tensors

/// The safetensors format (readable by the `safetensors` Python package and other tools): an 8-byte
/// little-endian header length, a JSON header mapping each tensor name to its dtype, shape and byte
/// range (`data_offsets`, relative to the data), with an optional `__metadata__` object of strings, then
/// the raw little-endian data. Lunette writes float32 (`F32`) tensors and pads the header with spaces to
/// a multiple of 8 bytes.
enum SafeTensors {
    /// Encodes named float32 tensors and string metadata.
    static func encode(_ tensors: [(name: String, value: Tensor)], metadata: [String: String]) throws -> Data {
        var header: [String: JSONValue] = [:]
        if !metadata.isEmpty { header["__metadata__"] = .object(metadata.mapValues { .string($0) }) }
        var payload = Data()
        for (name, value) in tensors {
            let contiguous = try value.detach().float().contiguous()
            let start = payload.count
            try contiguous.withUnsafeBufferPointer(as: Float.self) { buffer in
                for x in buffer { withUnsafeBytes(of: x.bitPattern.littleEndian) { payload.append(contentsOf: $0) } }
            }
            header[name] = .object(["dtype": .string("F32"), "shape": .array(value.shape.map { .number(Double($0)) }),
                                    "data_offsets": .array([.number(Double(start)), .number(Double(payload.count))])])
        }
        var headerBytes = Array(try JSONValue.object(header).jsonText().utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var data = Data()
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        data.append(payload)
        return data
    }

    /// Decodes a file's tensors (float32, in file order of their offsets) and metadata.
    static func decode(_ data: Data, path: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        func corrupt(_ why: String) -> NNError { NNError("load", .io, "\(path) is not a valid safetensors file: \(why)") }
        guard data.count >= 8 else { throw corrupt("it is shorter than the 8-byte header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else { throw corrupt("the header length \(headerLength) exceeds the file") }
        let headerData = data.subdata(in: 8..<(8 + Int(headerLength)))
        guard let text = String(data: headerData, encoding: .utf8), let header = try? JSONValue.parse(text).objectValue else {
            throw corrupt("the header is not a JSON object")
        }
        let payloadStart = 8 + Int(headerLength)
        let payloadLength = data.count - payloadStart
        var metadata: [String: String] = [:]
        var tensors: [String: Tensor] = [:]
        var ranges: [(bytes: Range<Int>, name: String)] = []
        for (name, entry) in header {
            if name == "__metadata__" {
                for (key, value) in entry.objectValue ?? [:] { metadata[key] = value.stringValue }
                continue
            }
            guard let info = entry.objectValue, let dtype = info["dtype"]?.stringValue,
                  let shapeValues = info["shape"]?.arrayValue, let offsets = info["data_offsets"]?.arrayValue?.compactMap(\.intValue),
                  offsets.count == 2 else {
                throw corrupt("the entry for \(name) lacks dtype, shape or data_offsets")
            }
            let shape = shapeValues.compactMap(\.intValue)
            guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else { throw corrupt("bad shape for \(name)") }
            guard dtype == "F32" else { throw NNError("load", .io, "\(path): tensor \(name) has dtype \(dtype); only F32 is supported") }
            guard let count = CheckedSize.product(shape), let byteCount = CheckedSize.product(count, 4) else {
                throw corrupt("the shape \(shape) of \(name) is too large for a tensor")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= payloadLength, offsets[1] - offsets[0] == byteCount else {
                throw corrupt("the byte range of \(name) does not fit its shape \(shape) or the file")
            }
            ranges.append((offsets[0]..<offsets[1], name))
            var values = [Float](repeating: 0, count: count)
            data.withUnsafeBytes { raw in
                let base = payloadStart + offsets[0]
                for i in 0..<count {
                    var bits: UInt32 = 0
                    for b in 0..<4 { bits |= UInt32(raw[base + 4 * i + b]) << (8 * UInt32(b)) }
                    values[i] = Float(bitPattern: bits)
                }
            }
            tensors[name] = try Tensor(values, shape: shape)
        }
        // Each byte belongs to one tensor, as the format requires; overlaps mean a damaged or forged header.
        let sorted = ranges.filter { !$0.bytes.isEmpty }.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.bytes.overlaps(b.bytes) {
            throw corrupt("the byte ranges of \(a.name) and \(b.name) overlap")
        }
        return (tensors, metadata)
    }
}
