/// Weka's ARFF format: a header of `@relation` and `@attribute` lines, then `@data` rows of
/// comma-separated values (quoted with ' or ", backslash escapes, ? for missing) or sparse rows
/// `{index value, ...}` where left-out values are 0 (the first category for nominal attributes).
public enum ARFF {
    public enum AttributeKind: Sendable, Equatable {
        /// numeric, real or integer
        case numeric
        /// {a, b, c}: the listed values
        case nominal([String])
        case string
        /// A date, kept as its text; `format` is the pattern the file gives, if any.
        case date(format: String?)
    }

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var kind: AttributeKind
    }

    /// A whole ARFF file: the relation name, the attributes, and one column per attribute
    /// (numeric as Float with NaN for ?, nominal as categorical codes, string and date as text).
    public struct Dataset: Sendable, Equatable {
        public var relation: String
        public var attributes: [Attribute]
        public var table: Table
    }

    static let operation = "readARFF"

    public static func read(path: String) throws -> Dataset {
        let lines = LineReader(try ByteStream(path: path, operation: operation))
        var relation = ""
        var attributes: [Attribute] = []
        var sawData = false
        while !sawData, let bytes = try lines.nextLine() {
            var line = ARFFLine(bytes, path: path, lineNumber: lines.lineNumber)
            line.skipSpaces()
            guard !line.atEnd, line.peek != UInt8(ascii: "%") else { continue }
            let keyword = line.word().lowercased()
            switch keyword {
            case "@relation":
                relation = try line.value()
            case "@attribute":
                let name = try line.value()
                attributes.append(Attribute(name: name, kind: try line.attributeKind(name: name)))
            case "@data":
                sawData = true
            default:
                throw line.error("expected @relation, @attribute or @data, found '\(keyword)'")
            }
        }
        guard sawData else {
            throw DatasetError(operation, file: path, at: .line(lines.lineNumber), "the file has no @data section")
        }
        guard !attributes.isEmpty else {
            throw DatasetError(operation, file: path, "the file declares no @attribute")
        }

        var columns = attributes.map { ARFFColumnBuilder(kind: $0.kind) }
        var rowCount = 0
        while let bytes = try lines.nextLine() {
            var line = ARFFLine(bytes, path: path, lineNumber: lines.lineNumber)
            line.skipSpaces()
            guard !line.atEnd, line.peek != UInt8(ascii: "%") else { continue }
            if line.peek == UInt8(ascii: "{") {
                try readSparseRow(&line, attributes: attributes, into: &columns)
            } else {
                try readDenseRow(&line, attributes: attributes, into: &columns)
            }
            rowCount += 1
        }
        let table = Table(names: attributes.map(\.name), columns: columns.map { $0.finish() },
                          rowCount: rowCount, source: path)
        return Dataset(relation: relation, attributes: attributes, table: table)
    }

    private static func readDenseRow(_ line: inout ARFFLine, attributes: [Attribute],
                                     into columns: inout [ARFFColumnBuilder]) throws {
        var index = 0
        while true {
            guard index < attributes.count else {
                throw line.error("this row has more values than the \(attributes.count) attributes")
            }
            let field = try line.field(stoppingAt: UInt8(ascii: ","))
            try columns[index].append(field, attribute: attributes[index], line: line)
            index += 1
            line.skipSpaces()
            if line.atEnd { break }
            guard line.peek == UInt8(ascii: ",") else { throw line.error("expected a comma between values") }
            line.advance()
        }
        guard index == attributes.count else {
            throw line.error("this row has \(index) values but \(attributes.count) attributes are declared")
        }
    }

    private static func readSparseRow(_ line: inout ARFFLine, attributes: [Attribute],
                                      into columns: inout [ARFFColumnBuilder]) throws {
        line.advance()   // {
        var next = 0      // attributes before `next` are filled
        while true {
            line.skipSpaces()
            if line.peek == UInt8(ascii: "}") { break }
            let indexText = line.word()
            guard let index = Int(indexText), index >= next, index < attributes.count else {
                throw line.error("sparse entry index '\(indexText)' is not a number in increasing order below \(attributes.count)")
            }
            for skipped in next..<index { columns[skipped].appendZero() }
            line.skipSpaces()
            let field = try line.field(stoppingAt: UInt8(ascii: ","), alsoAt: UInt8(ascii: "}"))
            try columns[index].append(field, attribute: attributes[index], line: line)
            next = index + 1
            line.skipSpaces()
            if line.peek == UInt8(ascii: ",") { line.advance(); continue }
            guard line.peek == UInt8(ascii: "}") else { throw line.error("a sparse row must end with }") }
            break
        }
        for skipped in next..<attributes.count { columns[skipped].appendZero() }
    }
}

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

/// Gathers the values of one attribute.
struct ARFFColumnBuilder {
    private var numbers: [Float] = []
    private var codes: [Int32] = []
    private var texts: [String] = []
    private let kind: ARFF.AttributeKind
    private let codeOf: [String: Int32]

    init(kind: ARFF.AttributeKind) {
        self.kind = kind
        if case .nominal(let values) = kind {
            codeOf = Dictionary(values.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        } else {
            codeOf = [:]
        }
    }

    mutating func append(_ field: ARFFField, attribute: ARFF.Attribute, line: ARFFLine) throws {
        switch kind {
        case .numeric:
            if field.isMissing { numbers.append(.nan); return }
            guard let value = Float(field.text.trimmingSpaces) else {
                throw line.error("attribute '\(attribute.name)' is numeric but the value is '\(field.text)'")
            }
            numbers.append(value)
        case .nominal(let values):
            if field.isMissing { codes.append(-1); return }
            guard let code = codeOf[field.text] else {
                throw line.error("'\(field.text)' is not one of the values \(values) of attribute '\(attribute.name)'")
            }
            codes.append(code)
        case .string, .date:
            texts.append(field.isMissing ? "" : field.text)
        }
    }

    /// The value a sparse row leaves out.
    mutating func appendZero() {
        switch kind {
        case .numeric: numbers.append(0)
        case .nominal: codes.append(0)
        case .string, .date: texts.append("")
        }
    }

    func finish() -> Column {
        switch kind {
        case .numeric: return .numeric(numbers)
        case .nominal(let values): return .categorical(codes: codes, categories: values)
        case .string, .date: return .text(texts)
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
