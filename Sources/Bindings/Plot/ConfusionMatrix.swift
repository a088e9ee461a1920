import Imaging
import LuaHost
import Tensors

/// Counts of (true class, predicted class) pairs, as scikit-learn's confusion_matrix: row i holds
/// the samples of true class i, column j those predicted as j. Class ids are 0-based data (MNIST
/// digit 5 is class 5).
struct ConfusionMatrix {
    /// The largest number of classes drawn (the chart shows at most 200 x 200 cells).
    static let maximumClasses = 200

    let classes: Int
    /// counts[i][j]: samples of true class i predicted as class j.
    private(set) var counts: [[Int]]

    /// `classCount` fixes the number of classes (from class names); by default it is the largest id + 1.
    init(truth: [Int], predictions: [Int], classCount: Int?, operation: String) throws {
        guard truth.count == predictions.count else {
            throw LuaError.message("\(operation): \(truth.count) true labels but \(predictions.count) predictions; they must match")
        }
        guard !truth.isEmpty else { throw LuaError.message("\(operation): no labels given") }
        let ids = truth + predictions
        if let bad = ids.first(where: { $0 < 0 }) {
            throw LuaError.message("\(operation): class ids must not be negative (they count from 0), got \(bad)")
        }
        let largest = ids.max() ?? 0
        if let classCount, largest >= classCount {
            throw LuaError.message("\(operation): class id \(largest) is out of range for the \(classCount) labels given "
                                   + "(class ids count from 0)")
        }
        // Checked before adding 1, so that no id can overflow.
        guard largest < ConfusionMatrix.maximumClasses, (classCount ?? 0) <= ConfusionMatrix.maximumClasses else {
            throw LuaError.message("\(operation): class ids up to \(max(largest, (classCount ?? 0) - 1)) are too many classes "
                                   + "to draw (at most \(ConfusionMatrix.maximumClasses))")
        }
        let classes = classCount ?? largest + 1
        self.classes = classes
        counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (actual, predicted) in zip(truth, predictions) { counts[actual][predicted] += 1 }
    }

    /// What the chart shows: the counts, or fractions of each true class ('true', rows sum to 1), of
    /// each predicted class ('pred', columns sum to 1) or of all samples ('all'), as scikit-learn's
    /// `normalize`. Rows or columns without samples stay 0.
    func values(normalize: String?) throws -> ScalarMap {
        var values = counts.flatMap { $0 }.map(Double.init)
        let n = classes
        switch normalize {
        case "true":
            for row in 0..<n {
                let total = counts[row].reduce(0, +)
                if total > 0 { for column in 0..<n { values[row * n + column] /= Double(total) } }
            }
        case "pred":
            for column in 0..<n {
                let total = (0..<n).reduce(0) { $0 + counts[$1][column] }
                if total > 0 { for row in 0..<n { values[row * n + column] /= Double(total) } }
            }
        case "all":
            let total = Double(counts.joined().reduce(0, +))
            values = values.map { $0 / total }
        default:
            break
        }
        return try ScalarMap(rows: n, columns: n, values: values.map(Float.init))
    }
}

extension DataArgument {
    /// Class ids from labels (a table or 1-D tensor of ids) or from one-hot rows / probabilities
    /// (an (N, K) tensor: the class of the largest value in each row, as Keras' predict gives them).
    func classIds() throws -> [Int] {
        if let tensor = tensor(), tensor.rank == 2, tensor.shape[1] > 1 {
            return try DataArgument.integers(of: tensor.argmax(1), invalid: invalid)
        }
        return try integers()
    }
}
