/// One ARFF value as written: its text (quotes and escapes removed) and whether it was quoted.
struct ARFFField {
    var text: String
    var quoted: Bool
    var isMissing: Bool { !quoted && text == "?" }
}

/// A cursor over one line of an ARFF file.
struct ARFFLine {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String
    let lineNumber: Int
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int) {
        self.bytes = bytes
        self.path = path
        self.lineNumber = lineNumber
    }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[position] }

    mutating func advance() { position += 1 }

    mutating func skipSpaces() {
        while position < bytes.count && (bytes[position] == 0x20 || bytes[position] == 0x09) { position += 1 }
    }

    func error(_ reason: String) -> DatasetError {
        DatasetError(ARFF.operation, file: path, at: .line(lineNumber), reason)
    }

    /// Bytes up to the next space, tab, comma or brace.
    mutating func word() -> String {
        skipSpaces()
        let start = position
        while position < bytes.count, ![0x20, 0x09, 0x2C, 0x7B, 0x7D].contains(bytes[position]) { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// A name or value in the header: quoted, or a word.
    mutating func value() throws -> String {
        skipSpaces()
        guard let first = peek else { throw error("a name is missing") }
        if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") { return try quoted() }
        return word()
    }

    /// The rest of the line after `@attribute name`.
    mutating func attributeKind(name: String) throws -> ARFF.AttributeKind {
        skipSpaces()
        if peek == UInt8(ascii: "{") {
            advance()
            var values: [String] = []
            while true {
                skipSpaces()
                if peek == UInt8(ascii: "}") && values.isEmpty { advance(); break }
                values.append(try field(stoppingAt: UInt8(ascii: ","), alsoAt: UInt8(ascii: "}")).text)
                skipSpaces()
                guard let next = peek else { throw error("the list of values of attribute '\(name)' has no closing }") }
                advance()
                if next == UInt8(ascii: "}") { break }
            }
            return .nominal(values)
        }
        let type = word()
        switch type.lowercased() {
        case "numeric", "real", "integer": return .numeric
        case "string": return .string
        case "date":
            skipSpaces()
            return .date(format: atEnd ? nil : try value())
        default:
            throw error("unknown type '\(type)' for attribute '\(name)'; expected numeric, real, integer, string, date or a list {a,b,...}")
        }
    }

    /// One value: quoted (with escapes) or bare up to `stop` (or `alsoAt`), spaces around trimmed.
    mutating func field(stoppingAt stop: UInt8, alsoAt otherStop: UInt8? = nil) throws -> ARFFField {
        skipSpaces()
        if let first = peek, first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
            return ARFFField(text: try quoted(), quoted: true)
        }
        let start = position
        while position < bytes.count && bytes[position] != stop && bytes[position] != otherStop { position += 1 }
        var end = position
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return ARFFField(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), quoted: false)
    }

    /// A string in ' or " quotes, with \n \t \r \\ \' \" and other backslash escapes resolved.
    private mutating func quoted() throws -> String {
        let quote = bytes[position]
        let openedAt = position
        advance()
        var result: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                advance()
                return String(decoding: result, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") && position + 1 < bytes.count {
                let escaped = bytes[position + 1]
                switch escaped {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "r"): result.append(0x0D)
                default: result.append(escaped)
                }
                position += 2
                continue
            }
            result.append(byte)
            advance()
        }
        throw error("the quoted value starting at column \(openedAt + 1) is never closed")
    }
}
