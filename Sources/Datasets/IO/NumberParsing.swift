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
        if let value = Self.parseShortDecimal(UnsafeBufferPointer(rebasing: field[lower..<upper])) { return .number(value) }
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

    /// Exact powers of ten as Doubles (every 10^k up to 10^22 is exactly representable).
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The common case without strtof: [sign] digits [. digits] [e [sign] digits] with at most 15
    /// significant digits and a decimal exponent within +-22. The digits form an exact integer m, and
    /// m x 10^k or m / 10^k is one correctly rounded Double operation. Rounding that Double to Float
    /// gives the correctly rounded Float unless the Double fell exactly halfway between two Floats
    /// (its 29 extra bits are 1000...0); then, and for every other form, it returns nil and strtof decides.
    static func parseShortDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        var index = 0
        var negative = false
        if index < text.count && (text[index] == 0x2D || text[index] == 0x2B) {
            negative = text[index] == 0x2D
            index += 1
        }
        var mantissa: UInt64 = 0, digits = 0, fractionDigits = 0, digitCharacters = 0
        var sawPoint = false
        while index < text.count {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 {
                digitCharacters += 1
                if mantissa == 0 && byte == 0x30 {
                    if sawPoint { fractionDigits += 1 }   // leading zeros carry no significance
                } else {
                    digits += 1
                    if digits > 15 { return nil }
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                    if sawPoint { fractionDigits += 1 }
                }
                index += 1
            } else if byte == 0x2E && !sawPoint {
                sawPoint = true
                index += 1
            } else {
                break
            }
        }
        guard digitCharacters > 0 else { return nil }
        var exponent = 0
        if index < text.count && (text[index] == 0x65 || text[index] == 0x45) {
            index += 1
            var exponentNegative = false
            if index < text.count && (text[index] == 0x2D || text[index] == 0x2B) {
                exponentNegative = text[index] == 0x2D
                index += 1
            }
            let exponentStart = index
            while index < text.count && text[index] >= 0x30 && text[index] <= 0x39 && index - exponentStart < 4 {
                exponent = exponent * 10 + Int(text[index] - 0x30)
                index += 1
            }
            guard index > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == text.count else { return nil }
        let scale = exponent - fractionDigits
        var value: Double
        if mantissa == 0 {
            value = 0
        } else if scale >= 0 && scale <= 22 {
            value = Double(mantissa) * powersOfTen[scale]
        } else if scale < 0 && scale >= -22 {
            value = Double(mantissa) / powersOfTen[-scale]
        } else {
            return nil
        }
        if negative { value = -value }
        guard value.bitPattern & 0x1FFF_FFFF != 0x1000_0000 else { return nil }
        let result = Float(value)
        return result.isFinite ? result : nil
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
