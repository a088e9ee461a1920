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
