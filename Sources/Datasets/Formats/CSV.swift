/// How to read a CSV or TSV file. Every option left nil is detected from the file.
public struct CSVOptions: Sendable {
    /// The field separator; nil detects one of , tab ; | from the first lines (tab for .tsv/.tab files).
    public var delimiter: Character?
    /// Whether the first row holds column names; nil detects it (a first row of words over columns of numbers).
    public var header: Bool?
    /// The columns to keep, by name or 0-based position; nil keeps all.
    public var columns: [ColumnSelector]?
    /// Read at most this many data rows.
    public var limit: Int?
    /// Text columns of dates (and times) to split into numeric year, month, day, hour, minute and
    /// weekday columns (see Table.expandingDates); chosen among the kept columns.
    public var dates: [ColumnSelector]?

    public init(delimiter: Character? = nil, header: Bool? = nil, columns: [ColumnSelector]? = nil, limit: Int? = nil,
                dates: [ColumnSelector]? = nil) {
        self.delimiter = delimiter
        self.header = header
        self.columns = columns
        self.limit = limit
        self.dates = dates
    }
}

/// Comma- or tab-separated text files (RFC 4180 quoting), plain or gzip-compressed. Columns whose
/// values are all numbers (or missing: empty, ?, NA, NaN) become Float columns, the others text.
public enum CSV {
    static let operation = "readCSV"

    public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> Table {
        if let limit = options.limit, limit < 0 {
            throw DatasetError(operation, file: path, "limit must be 0 or more, got \(limit)")
        }
        let lines = LineReader(try ByteStream(path: path, operation: operation))
        let delimiter = try options.delimiter.map { try delimiterByte($0, path: path) }
            ?? detectDelimiter(try lines.peek(1 << 16), path: path)
        let records = CSVRecordReader(lines: lines, delimiter: delimiter)
        guard try records.next() else {
            return Table(names: [], columns: [], rowCount: 0, source: path)
        }
        let width = records.fieldCount
        let firstRow = records.snapshot
        let firstLine = records.recordLine

        // Look at a few rows ahead to decide about the header; they are kept and used below.
        var sampleRows: [CSVRecord] = []
        var hasHeader = options.header ?? false
        if options.header == nil {
            while sampleRows.count < 20, try records.next() {
                try checkWidth(records, expected: width, firstLine: firstLine, path: path)
                sampleRows.append(records.snapshot)
            }
            hasHeader = looksLikeHeader(firstRow, sampleRows, width: width)
        }
        let names = hasHeader
            ? (0..<width).map { String(decoding: firstRow.field($0), as: UTF8.self) }
            : (0..<width).map { "column\($0 + 1)" }
        let positions = try options.columns.map { try $0.map { try $0.position(in: names, source: path, operation: operation) } }
            ?? Array(0..<width)

        var columns = ColumnSetBuilder(positions: positions)
        let limit = options.limit ?? Int.max
        for row in (hasHeader ? [] : [firstRow]) + sampleRows where columns.rowCount < limit {
            row.withRecord { columns.add($0, fieldEnds: $1) }
        }
        while columns.rowCount < limit, try records.next() {
            try checkWidth(records, expected: width, firstLine: firstLine, path: path)
            records.withRecord { columns.add($0, fieldEnds: $1) }
        }
        let table = Table(names: positions.map { names[$0] }, columns: columns.finish(), rowCount: columns.rowCount, source: path)
        return try options.dates.map { try table.expandingDates($0, operation: operation) } ?? table
    }

    private static func checkWidth(_ records: CSVRecordReader, expected: Int, firstLine: Int, path: String) throws {
        guard records.fieldCount == expected else {
            throw DatasetError(operation, file: path, at: .line(records.recordLine),
                               "this row has \(records.fieldCount) fields but line \(firstLine) has \(expected); every row needs the same number of fields")
        }
    }

    private static func delimiterByte(_ character: Character, path: String) throws -> UInt8 {
        guard let ascii = character.asciiValue, ascii != 0x22, ascii != 0x0A, ascii != 0x0D else {
            throw DatasetError(operation, file: path,
                               "the delimiter must be one ASCII character other than a quote or line break, got '\(character)'")
        }
        return ascii
    }

    /// Picks the candidate that occurs (outside quotes) the same number of times on each of the first
    /// lines, the most frequent one when several do; tab for .tsv and .tab files.
    private static func detectDelimiter(_ sample: UnsafeBufferPointer<UInt8>, path: String) -> UInt8 {
        let name = path.lowercased()
        if name.hasSuffix(".tsv") || name.hasSuffix(".tsv.gz") || name.hasSuffix(".tab") || name.hasSuffix(".tab.gz") {
            return 0x09
        }
        let candidates: [UInt8] = [0x2C, 0x09, 0x3B, 0x7C]   // , tab ; |
        var counts = [[Int]](repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineCount = 0
        for byte in sample {
            if byte == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A {
                for slot in candidates.indices { counts[slot].append(current[slot]) }
                current = [Int](repeating: 0, count: candidates.count)
                lineCount += 1
                if lineCount == 10 { break }
            } else if let slot = candidates.firstIndex(of: byte) {
                current[slot] += 1
            }
        }
        if lineCount == 0 { for slot in candidates.indices { counts[slot].append(current[slot]) } }
        var best: (byte: UInt8, count: Int)? = nil
        for (slot, perLine) in counts.enumerated() {
            guard let first = perLine.first, first > 0, perLine.allSatisfy({ $0 == first }) else { continue }
            if best == nil || first > best!.count { best = (candidates[slot], first) }
        }
        return best?.byte ?? 0x2C
    }

    /// A header is a first row with no numbers above at least one column whose next rows are numbers.
    private static func looksLikeHeader(_ first: CSVRecord, _ rows: [CSVRecord], width: Int) -> Bool {
        var parser = NumberParser()
        func kind(_ bytes: ArraySlice<UInt8>) -> ParsedNumber { bytes.withUnsafeBufferPointer { parser.parse($0) } }
        guard !rows.isEmpty else { return false }
        var numericBelowWord = false
        for column in 0..<width {
            switch kind(first.field(column)) {
            case .number: return false
            case .missing: continue
            case .notANumber:
                var sawNumber = false, allNumeric = true
                for row in rows {
                    switch kind(row.field(column)) {
                    case .number: sawNumber = true
                    case .missing: break
                    case .notANumber: allNumeric = false
                    }
                }
                if sawNumber && allNumeric { numericBelowWord = true }
            }
        }
        return numericBelowWord
    }
}
