/// Collects one column's values: as numbers while every value is one, and always as raw text so the
/// column can fall back to text when a word turns up.
struct ColumnBuilder {
    private var raw: [UInt8] = []
    private var rawEnds: [Int] = []
    private var numbers: [Float] = []
    private var numeric = true

    mutating func append(_ field: UnsafeBufferPointer<UInt8>, parser: inout NumberParser) {
        raw.append(contentsOf: field)
        rawEnds.append(raw.count)
        guard numeric else { return }
        switch parser.parse(field) {
        case .number(let value): numbers.append(value)
        case .missing: numbers.append(.nan)
        case .notANumber:
            numeric = false
            numbers = []
        }
    }

    func finish() -> Column {
        if numeric { return .numeric(numbers) }
        var strings: [String] = []
        strings.reserveCapacity(rawEnds.count)
        raw.withUnsafeBufferPointer { buffer in
            var start = 0
            for end in rawEnds {
                strings.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
                start = end
            }
        }
        return .text(strings)
    }
}

/// The builders of the chosen columns of a table, fed one record at a time.
struct ColumnSetBuilder {
    private let positions: [Int]
    private var builders: [ColumnBuilder]
    private var parser = NumberParser()
    private(set) var rowCount = 0

    init(positions: [Int]) {
        self.positions = positions
        builders = Array(repeating: ColumnBuilder(), count: positions.count)
    }

    /// Adds a record given as its bytes and the end offset of each field.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, fieldEnds: UnsafeBufferPointer<Int>) {
        for slot in positions.indices {
            let position = positions[slot]
            let start = position == 0 ? 0 : fieldEnds[position - 1]
            builders[slot].append(UnsafeBufferPointer(rebasing: bytes[start..<fieldEnds[position]]), parser: &parser)
        }
        rowCount += 1
    }

    func finish() -> [Column] { builders.map { $0.finish() } }
}
