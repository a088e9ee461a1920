import Foundation

/// Keras' text classification archives (reuters.npz, imdb.npz): an .npz with `x`, a NumPy object
/// array of Python lists of word ids (pickled), and `y`, the integer labels; and the word index
/// JSON (reuters_word_index.json: {"word": rank, ...}, rank 1 = the most frequent word).
public enum KerasText {
    static let operation = "readKerasText"

    public struct Examples: Sendable, Equatable {
        public var sequences: [[Int64]]
        public var labels: [Int64]
    }

    /// The stories and labels of the archive, in file order, ids as stored (not yet shifted).
    public static func read(path: String) throws -> Examples {
        var sequences: [[Int64]]?, labels: [Int64]?
        for (name, stream) in try NPZ.entries(path: path, operation: operation) {
            if name == "x" { sequences = try objectSequences(stream) }
            if name == "y" { labels = try NPY.read(stream).integers(operation: operation, file: stream.displayName) }
        }
        guard let sequences, let labels else {
            throw DatasetError(operation, file: path, "a Keras text archive needs arrays 'x' and 'y'")
        }
        guard sequences.count == labels.count else {
            throw DatasetError(operation, file: path, "'x' has \(sequences.count) sequences but 'y' \(labels.count) labels")
        }
        return Examples(sequences: sequences, labels: labels)
    }

    /// A .npy of dtype object ('|O') whose elements are lists of integers.
    static func objectSequences(_ stream: ByteStream) throws -> [[Int64]] {
        let file = stream.displayName
        let bytes = try stream.readAll()
        guard bytes.count >= 10, Array(bytes[0..<6]) == NPY.magic else {
            throw DatasetError(operation, file: file, at: .byte(0), "this is not a .npy array")
        }
        let (lengthBytes, headerLength) = bytes[6] == 1 ? (2, Int(bytes[8]) | Int(bytes[9]) << 8)
            : (4, bytes.count >= 12 ? (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) } : Int.max)
        let (dataStart, overflow) = (8 + lengthBytes).addingReportingOverflow(headerLength)
        guard !overflow, dataStart <= bytes.count else {
            throw DatasetError(operation, file: file, at: .byte(8), "the .npy header length \(headerLength) runs past the end of the data")
        }
        let header = String(decoding: bytes[(8 + lengthBytes)..<dataStart], as: UTF8.self)
        guard header.contains("'|O'") || header.contains("\"|O\"") else {
            throw DatasetError(operation, file: file, "'x' must be an object array of word-id lists; its header is \(header.trimmingSpaces)")
        }
        var reader = PickleReader(Array(bytes[dataStart...]), operation: operation, file: file)
        let value = try reader.read()
        // NumPy pickles an array as _reconstruct(ndarray, (0,), b'b') with the state
        // (version, shape, dtype, is_fortran, elements); for objects the elements are a list.
        guard case .object(_, _, let holder) = value, case .tuple(let state)? = holder.value,
              case .list(let elements)? = state.last else {
            throw DatasetError(operation, file: file, "the pickled data is not a NumPy object array")
        }
        return try elements.items.enumerated().map { index, element in
            guard case .list(let ids) = element else {
                throw DatasetError(operation, file: file, "element \(index + 1) of 'x' is not a list of word ids")
            }
            return try ids.items.map { id in
                guard case .int(let value) = id, value >= 0 else {
                    throw DatasetError(operation, file: file, "element \(index + 1) of 'x' holds something other than a word id (an integer 0 or more)")
                }
                return value
            }
        }
    }

    /// The word index: each word and its rank. Every value must be a positive integer.
    public static func readWordIndex(path: String) throws -> [String: Int] {
        let bytes = try ByteStream(path: path, operation: operation).readAll()
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw DatasetError(operation, file: path, "this is not valid JSON (\(error.localizedDescription))")
        }
        guard let object = parsed as? [String: Any] else {
            throw DatasetError(operation, file: path, "a word index is a JSON object {\"word\": rank, ...}")
        }
        var index: [String: Int] = [:]
        for (word, value) in object {
            // JSON true and false arrive as NSNumbers too, of C type char ("c"); ranks are other integral numbers.
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                  let rank = Int(exactly: number.doubleValue), rank >= 1 else {
                throw DatasetError(operation, file: path, "the word '\(word)' has the rank \(value); ranks are integers from 1")
            }
            index[word] = rank
        }
        return index
    }

    /// Keras' preparation of the ids: every id shifted by `indexFrom`, `startChar` first, ids from
    /// `numWords` on (and below `skipTop` + indexFrom) replaced by `oovChar`.
    public static func prepare(_ sequence: [Int64], numWords: Int?, skipTop: Int = LoadOptions().skipTop,
                               startChar: Int64? = LoadOptions().startChar, oovChar: Int64 = LoadOptions().oovChar,
                               indexFrom: Int64 = LoadOptions().indexFrom) -> [Int64] {
        var ids = (startChar.map { [$0] } ?? []) + sequence.map { $0 + indexFrom }
        if let numWords {
            ids = ids.map { Int64(skipTop) <= $0 && $0 < Int64(numWords) ? $0 : oovChar }
        }
        return ids
    }
}

extension TypedArray {
    /// The elements as integers; floats and unsigned bytes of integral value are accepted.
    func integers(operation: String, file: String) throws -> [Int64] {
        switch elements {
        case .int64(let values): return values
        case .int32(let values): return values.map(Int64.init)
        case .int16(let values): return values.map(Int64.init)
        case .int8(let values): return values.map(Int64.init)
        case .uint8(let values): return values.map(Int64.init)
        case .float32, .float64:
            throw DatasetError(operation, file: file, "the labels 'y' are floats; integer labels are expected")
        }
    }
}
