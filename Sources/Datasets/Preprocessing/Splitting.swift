import CheckedArithmetic
import Tensors

/// Row indices (0-based) of a training part and a held-out part.
public struct IndexSplit: Sendable, Equatable {
    public var train: [Int]
    public var test: [Int]

    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }
}

/// Index arithmetic for shuffling and splitting data sets; applied to tensors later by gathering rows.
public enum Splitting {
    /// 0..<count in a random order fixed by `seed`.
    public static func permutation(count: Int, seed: UInt64) throws -> [Int] {
        guard count >= 0 else { throw DatasetError("permutation", "count must be 0 or more, got \(count)") }
        try MemoryBudget.check(elements: count, elementSize: MemoryLayout<Int>.stride, operation: "permutation", what: "the order of the rows")
        var generator = SeededGenerator(seed: seed)
        var indices = Array(0..<count)
        generator.shuffle(&indices)
        return indices
    }

    /// Splits 0..<count into train and test parts; the test part has ceil(count x testFraction) rows
    /// (as in scikit-learn). See `trainTest(count:testCount:...)` for the rest.
    public static func trainTest(count: Int, testFraction: Double, seed: UInt64 = 0, shuffle: Bool = true,
                                 stratify labels: [Int]? = nil) throws -> IndexSplit {
        guard testFraction > 0, testFraction < 1 else {
            throw DatasetError("train_test_split", "test_size as a fraction must lie between 0 and 1 (exclusive), got \(testFraction)")
        }
        let testCount = try partRows(testFraction, of: count, name: "test_size", roundingUp: true)
        return try trainTest(count: count, testCount: testCount, seed: seed, shuffle: shuffle, stratify: labels)
    }

    /// Splits 0..<count into `count - testCount` train rows and `testCount` test rows. With `stratify`
    /// labels, each class is split in the same proportion (the rounding left over goes to the classes
    /// with the largest remainders). With `shuffle` false, rows keep their order and the test rows are
    /// the last ones (of each class).
    public static func trainTest(count: Int, testCount: Int, seed: UInt64 = 0, shuffle: Bool = true,
                                 stratify labels: [Int]? = nil) throws -> IndexSplit {
        let operation = "train_test_split"
        guard count >= 2, testCount >= 1, testCount < count else {
            throw DatasetError(operation, "\(count) rows cannot be split into \(testCount) test rows and \(count - testCount) train rows: both parts need at least one row")
        }
        var generator = SeededGenerator(seed: seed)
        guard let labels else {
            var order = Array(0..<count)
            if shuffle { generator.shuffle(&order) }
            return IndexSplit(train: Array(order[..<(count - testCount)]), test: Array(order[(count - testCount)...]))
        }
        guard labels.count == count else {
            throw DatasetError(operation, "stratify has \(labels.count) labels but there are \(count) rows")
        }
        // Rows of each class, classes in order of first appearance.
        var classOrder: [Int] = [], members: [Int: [Int]] = [:]
        for (row, label) in labels.enumerated() {
            if members[label] == nil { classOrder.append(label) }
            members[label, default: []].append(row)
        }
        let shares = classOrder.map { Double(members[$0]!.count) * Double(testCount) / Double(count) }
        var perClass = shares.map { Int($0.rounded(.down)) }
        let byRemainder = shares.indices.sorted { shares[$0] - Double(perClass[$0]) > shares[$1] - Double(perClass[$1]) }
        for position in byRemainder.prefix(testCount - perClass.reduce(0, +)) { perClass[position] += 1 }
        var train: [Int] = [], test: [Int] = []
        for (position, label) in classOrder.enumerated() {
            var rows = members[label]!
            if shuffle { generator.shuffle(&rows) }
            let keep = rows.count - perClass[position]
            train += rows[..<keep]
            test += rows[keep...]
        }
        if shuffle {
            generator.shuffle(&train)
            generator.shuffle(&test)
        }
        return IndexSplit(train: train, test: test)
    }

    /// k folds over 0..<count: fold i tests on the i-th of k nearly equal parts (the first count % k
    /// parts one row larger) and trains on the rest, as scikit-learn's KFold.
    public static func kFold(count: Int, folds: Int, seed: UInt64 = 0, shuffle: Bool = true) throws -> [IndexSplit] {
        guard folds >= 2, folds <= count else {
            throw DatasetError("k_fold", "folds must be between 2 and the number of rows (\(count)), got \(folds)")
        }
        // Every fold lists every row once.
        try MemoryBudget.check(elements: CheckedSize.product([count, folds]) ?? -1, elementSize: MemoryLayout<Int>.stride,
                               operation: "k_fold", what: "the folds")
        var order = Array(0..<count)
        if shuffle {
            var generator = SeededGenerator(seed: seed)
            generator.shuffle(&order)
        }
        var splits: [IndexSplit] = []
        var start = 0
        for fold in 0..<folds {
            let size = count / folds + (fold < count % folds ? 1 : 0)
            splits.append(IndexSplit(train: Array(order[..<start] + order[(start + size)...]),
                                     test: Array(order[start..<start + size])))
            start += size
        }
        return splits
    }
}
