import Foundation

/// What a text field holds when read as a number.
enum ParsedNumber {
    case number(Float)
    /// Empty, "?", "NA", "N/A", "NaN" or "nan": a missing value.
    case missing
    case notANumber
}

/// Parses fields (byte slices) as numbers with the C library's strtof, which needs a terminating zero:
/// fields are copied into a reused scratch buffer first.
struct NumberParser {
    private var scratch = [CChar](repeating: 0, count: 128)

    mutating func parse(_ field: UnsafeBufferPointer<UInt8>) -> ParsedNumber {
        var lower = 0, upper = field.count
        while lower < upper && (field[lower] == 0x20 || field[lower] == 0x09) { lower += 1 }
        while upper > lower && (field[upper - 1] == 0x20 || field[upper - 1] == 0x09) { upper -= 1 }
        let length = upper - lower
        if length == 0 { return .missing }
        if Self.isMissingMarker(field, lower, length) { return .missing }
        // A number starts with a digit, sign or point; this also keeps strtof from reading "inf" words.
        let first = field[lower]
        guard (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x2E else {
            return .notANumber
        }
        if scratch.count <= length { scratch = [CChar](repeating: 0, count: length * 2) }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: field.baseAddress! + lower, byteCount: length)
            base[length] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(base, &end)
            guard let end, end == base + length else { return .notANumber }
            return .number(value)
        }
    }

    private static func isMissingMarker(_ field: UnsafeBufferPointer<UInt8>, _ lower: Int, _ length: Int) -> Bool {
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == length else { return false }
            let bytes = word.utf8Start
            for index in 0..<length where field[lower + index] != bytes[index] { return false }
            return true
        }
        return matches("?") || matches("NA") || matches("N/A") || matches("NaN") || matches("nan")
    }
}
