/// The lexical classes of Lua 5.4 source that the report distinguishes: enough to highlight code and
/// to tell a real `-- %%` comment from the same characters inside a string or a long comment.
public enum LuaTokenKind: Equatable, Sendable {
    case keyword, name, string, comment, number, symbol, whitespace
}

/// A token as a range of UTF-8 byte offsets into the source.
public struct LuaToken: Equatable, Sendable {
    public let kind: LuaTokenKind
    public let range: Range<Int>
}

/// Splits Lua source into tokens; operators and punctuation are one token per character. Never fails: an unterminated short string ends at its line's end,
/// an unterminated long string or comment at the end of the source, as far as Lua would have read it.
public enum LuaLexer {
    static let keywords: [[UInt8]] = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ].map { Array($0.utf8) }

    /// Compares bytes, so the many names of a long script cost no allocation.
    static func isKeyword<Bytes: Collection>(_ word: Bytes) -> Bool where Bytes.Element == UInt8 {
        keywords.contains { $0.count == word.count && $0.elementsEqual(word) }
    }

    /// Calls `body` with each token in order and the source's UTF-8 bytes the ranges point into (valid
    /// during the call). Tokens cover every byte, whitespace included.
    public static func forEachToken(in source: String, _ body: (LuaToken, UnsafeBufferPointer<UInt8>) -> Void) {
        var utf8 = Array(source.utf8)
        utf8.append(0) // a sentinel, so a look-ahead of one byte past the last is always in bounds
        utf8.withUnsafeBufferPointer { bytes in
            let end = bytes.count - 1
            let source = UnsafeBufferPointer(rebasing: bytes[0..<end])
            var position = 0
            while position < end {
                let start = position
                let kind = scanToken(bytes, end: end, position: &position)
                body(LuaToken(kind: kind, range: start..<position), source)
            }
        }
    }

    /// Reads one token starting at `position` and moves `position` past it.
    private static func scanToken(_ bytes: UnsafeBufferPointer<UInt8>, end: Int, position: inout Int) -> LuaTokenKind {
        let start = position
        let byte = bytes[start]
        if isSpace(byte) {
            while position < end, isSpace(bytes[position]) { position += 1 }
            return .whitespace
        }
        if byte == UInt8(ascii: "-") && bytes[start + 1] == UInt8(ascii: "-") {
            position += 2
            if let level = longBracketLevel(bytes, at: position) {
                position = endOfLongBracket(bytes, end: end, contentStart: position + level + 2, level: level)
            } else {
                while position < end, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            }
            return .comment
        }
        if byte == UInt8(ascii: "["), let level = longBracketLevel(bytes, at: start) {
            position = endOfLongBracket(bytes, end: end, contentStart: start + level + 2, level: level)
            return .string
        }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            position += 1
            while position < end {
                let next = bytes[position]
                if next == byte { position += 1; break }
                if next == UInt8(ascii: "\n") { break }
                // An escape skips the byte after the backslash, so \" and \\ are read as Lua reads
                // them, and an escaped newline continues the string on the next line.
                position += next == UInt8(ascii: "\\") ? 2 : 1
            }
            position = min(position, end)
            return .string
        }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && isDigit(bytes[start + 1])) {
            scanNumber(bytes, end: end, position: &position)
            return .number
        }
        if isNameStart(byte) {
            while position < end, isNameStart(bytes[position]) || isDigit(bytes[position]) { position += 1 }
            return isKeyword(UnsafeBufferPointer(rebasing: bytes[start..<position])) ? .keyword : .name
        }
        position += 1
        // Continuation bytes of a multi-byte character stay with their first byte.
        while position < end, bytes[position] & 0xC0 == 0x80 { position += 1 }
        return .symbol
    }

    /// The level of a long bracket opening at `position` (`[[` is 0, `[==[` is 2), or nil.
    private static func longBracketLevel(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int? {
        guard bytes[position] == UInt8(ascii: "[") else { return nil }
        var cursor = position + 1
        while bytes[cursor] == UInt8(ascii: "=") { cursor += 1 }
        return bytes[cursor] == UInt8(ascii: "[") ? cursor - position - 1 : nil
    }

    /// The position after the closing bracket of the same level, or `end` when there is none.
    private static func endOfLongBracket(_ bytes: UnsafeBufferPointer<UInt8>, end: Int, contentStart: Int, level: Int) -> Int {
        var cursor = contentStart
        while cursor < end {
            if bytes[cursor] == UInt8(ascii: "]") {
                var equals = cursor + 1
                while equals < end, bytes[equals] == UInt8(ascii: "=") { equals += 1 }
                if equals - cursor - 1 == level && bytes[equals] == UInt8(ascii: "]") { return equals + 1 }
            }
            cursor += 1
        }
        return end
    }

    /// Decimal and hexadecimal numerals with fractions and exponents (`3`, `0.5`, `1e-3`, `0x1p4`).
    private static func scanNumber(_ bytes: UnsafeBufferPointer<UInt8>, end: Int, position: inout Int) {
        var exponents = (UInt8(ascii: "e"), UInt8(ascii: "E"))
        if bytes[position] == UInt8(ascii: "0") && (bytes[position + 1] | 0x20) == UInt8(ascii: "x") {
            position += 2
            exponents = (UInt8(ascii: "p"), UInt8(ascii: "P"))
        }
        while position < end {
            let byte = bytes[position]
            if (byte == exponents.0 || byte == exponents.1)
                && (bytes[position + 1] == UInt8(ascii: "+") || bytes[position + 1] == UInt8(ascii: "-")) {
                position += 2
            } else if isNameStart(byte) || isDigit(byte) || byte == UInt8(ascii: ".") {
                position += 1 // as Lua's reader: a malformed numeral is still one token
            } else {
                return
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || byte == UInt8(ascii: "_")
    }
}
