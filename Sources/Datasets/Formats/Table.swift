/// One column of a table read from a text format.
public enum Column: Sendable, Equatable {
    /// Numbers; missing values are NaN.
    case numeric([Float])
    /// Values from a fixed list (ARFF nominal attributes): `codes` index into `categories`, -1 = missing.
    case categorical(codes: [Int32], categories: [String])
    /// Text kept as it was (missing values are empty strings).
    case text([String])

    public var count: Int {
        switch self {
        case .numeric(let values): return values.count
        case .categorical(let codes, _): return codes.count
        case .text(let values): return values.count
        }
    }
}

/// Chooses a column by its header name or by its position (0-based; the Lua layer passes 1-based
/// positions converted).
public enum ColumnSelector: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case name(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .name(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

/// Named columns of equal length, as read from a CSV, TSV or ARFF file.
public struct Table: Sendable, Equatable {
    public var names: [String]
    public var columns: [Column]
    public var rowCount: Int
    /// The file it was read from.
    public var source: String

    public init(names: [String], columns: [Column], rowCount: Int, source: String) {
        self.names = names
        self.columns = columns
        self.rowCount = rowCount
        self.source = source
    }

    /// The column with this name or position.
    public func column(_ selector: ColumnSelector) throws -> Column {
        columns[try position(of: selector, operation: "Table.column")]
    }

    /// The chosen numeric columns side by side as a rows x columns array (all numeric columns when
    /// `selectors` is nil). Categorical columns give their codes.
    public func numericMatrix(_ selectors: [ColumnSelector]? = nil) throws -> NumericArray {
        let operation = "Table.numericMatrix"
        let positions = try selectors.map { try $0.map { try position(of: $0, operation: operation) } }
            ?? columns.indices.filter { if case .text = columns[$0] { return false } else { return true } }
        if let short = positions.first(where: { columns[$0].count != rowCount }) {
            throw DatasetError(operation, file: source, "column '\(names[short])' has \(columns[short].count) values, the table \(rowCount) rows")
        }
        var values = [Float](repeating: 0, count: rowCount * positions.count)
        for (slot, position) in positions.enumerated() {
            let columnValues: [Float]
            switch columns[position] {
            case .numeric(let numbers): columnValues = numbers
            case .categorical(let codes, _): columnValues = codes.map { $0 < 0 ? .nan : Float($0) }
            case .text:
                throw DatasetError(operation, file: source,
                                   "column '\(names[position])' holds text, not numbers; choose numeric columns")
            }
            for row in 0..<rowCount { values[row * positions.count + slot] = columnValues[row] }
        }
        return NumericArray(shape: [rowCount, positions.count], values: values)
    }

    func position(of selector: ColumnSelector, operation: String) throws -> Int {
        try selector.position(in: names, source: source, operation: operation)
    }
}

extension ColumnSelector {
    /// The 0-based position this selector picks among columns called `names`.
    func position(in names: [String], source: String, operation: String) throws -> Int {
        switch self {
        case .name(let name):
            guard let position = names.firstIndex(of: name) else {
                throw DatasetError(operation, file: source,
                                   "no column named '\(name)'; the columns are \(names.map { "'\($0)'" }.joined(separator: ", "))")
            }
            return position
        case .index(let index):
            guard names.indices.contains(index) else {
                throw DatasetError(operation, file: source,
                                   "column index \(index) is out of range: the table has \(names.count) columns (0 to \(names.count - 1))")
            }
            return index
        }
    }
}
