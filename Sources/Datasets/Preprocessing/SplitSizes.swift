extension Splitting {
    /// scikit-learn's share of test rows when neither part's size is given.
    public static let defaultTestFraction = 0.25

    /// The number of test rows out of `rows` for scikit-learn's `test_size` or `train_size` (at most
    /// one of them): each a fraction (0 < f < 1; the test part has ceil(rows x f) rows, the train part
    /// floor(rows x f)) or a whole number of rows from 1 to rows - 1. Neither gives
    /// `defaultTestFraction`.
    public static func testCount(rows: Int, testSize: Double? = nil, trainSize: Double? = nil) throws -> Int {
        if testSize != nil, trainSize != nil {
            throw DatasetError("train_test_split", "give test_size or train_size, not both")
        }
        if let trainSize { return rows - (try partRows(trainSize, of: rows, name: "train_size", roundingUp: false)) }
        return try partRows(testSize ?? defaultTestFraction, of: rows, name: "test_size", roundingUp: true)
    }

    /// The rows of one part of a split given as a fraction or a number of rows.
    static func partRows(_ size: Double, of rows: Int, name: String, roundingUp: Bool) throws -> Int {
        if size > 0, size < 1 {
            // A small tolerance keeps products such as 10 x 0.7 = 7.000000000000001 from rounding the wrong way.
            let share = Double(rows) * size
            return roundingUp ? Int((share - 1e-9).rounded(.up)) : Int((share + 1e-9).rounded(.down))
        }
        guard size >= 1, size < Double(rows), let count = Int(exactly: size) else {
            let given = Int(exactly: size).map(String.init) ?? String(size)
            throw DatasetError("train_test_split",
                               "\(name) must be a fraction between 0 and 1 or a number of rows from 1 to \(rows - 1), got \(given)")
        }
        return count
    }
}
