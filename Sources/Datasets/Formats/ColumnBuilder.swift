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
