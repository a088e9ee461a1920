/// Splits CSV/TSV text into records of fields following RFC 4180: fields separated by a delimiter,
/// a field in double quotes may hold delimiters, line breaks and doubled quotes ("" for ").
/// Blank lines are skipped.
final class CSVRecordReader {
    private let lines: LineReader
    private let delimiter: UInt8
    private static let quote: UInt8 = 0x22

    /// The bytes of the current record's fields, one after another; `fieldEnds` marks where each ends.
    private(set) var bytes: [UInt8] = []
    private(set) var fieldEnds: [Int] = []
    /// The line on which the current record starts.
    private(set) var recordLine = 0

    init(lines: LineReader, delimiter: UInt8) {
        self.lines = lines
        self.delimiter = delimiter
    }

    var fieldCount: Int { fieldEnds.count }

    /// A copy of the current record, to keep while later records are read.
    var snapshot: CSVRecord { CSVRecord(bytes: bytes, fieldEnds: fieldEnds) }

    /// Calls `body` with the current record's bytes and field ends.
    func withRecord<Result>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in try fieldEnds.withUnsafeBufferPointer { try body(bytes, $0) } }
    }

    /// Reads the next record; returns false after the last one.
    func next() throws -> Bool {
        // The record is built in locals (moved out and back) so the loop runs without the access
        // checks that stored properties of a class need.
        var bytes: [UInt8] = [], fieldEnds: [Int] = []
        swap(&bytes, &self.bytes)
        swap(&fieldEnds, &self.fieldEnds)
        defer {
            swap(&bytes, &self.bytes)
            swap(&fieldEnds, &self.fieldEnds)
        }
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        var line: UnsafeBufferPointer<UInt8>
        repeat {
            guard let next = try lines.nextLine() else { return false }
            line = next
        } while line.isEmpty
        recordLine = lines.lineNumber
        var inQuotes = false
        var atFieldStart = true
        while true {
            var index = 0
            while index < line.count {
                let byte = line[index]
                if inQuotes {
                    if byte == Self.quote {
                        if index + 1 < line.count && line[index + 1] == Self.quote {
                            bytes.append(Self.quote)
                            index += 2
                        } else {
                            inQuotes = false
                            index += 1
                        }
                        continue
                    }
                    var runEnd = index
                    while runEnd < line.count && line[runEnd] != Self.quote { runEnd += 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[index..<runEnd]))
                    index = runEnd
                } else if byte == delimiter {
                    fieldEnds.append(bytes.count)
                    atFieldStart = true
                    index += 1
                } else if byte == Self.quote && atFieldStart {
                    inQuotes = true
                    atFieldStart = false
                    index += 1
                } else {
                    // A quote inside an unquoted field is kept as it is.
                    var runEnd = index + 1
                    while runEnd < line.count && line[runEnd] != delimiter && line[runEnd] != Self.quote { runEnd += 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[index..<runEnd]))
                    index = runEnd
                    atFieldStart = false
                }
            }
            if !inQuotes { break }
            // The quoted field goes on over the line break.
            bytes.append(0x0A)
            guard let next = try lines.nextLine() else {
                throw DatasetError("readCSV", file: lines.stream.displayName, at: .line(recordLine),
                                   "a quoted field starting on this line is never closed (a \" is missing)")
            }
            line = next
        }
        fieldEnds.append(bytes.count)
        return true
    }
}

/// The fields of one record: their bytes one after another, and where each field ends.
struct CSVRecord {
    var bytes: [UInt8]
    var fieldEnds: [Int]

    func field(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]
    }

    func withRecord<Result>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in try fieldEnds.withUnsafeBufferPointer { try body(bytes, $0) } }
    }
}
