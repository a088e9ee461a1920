/// What a confusion matrix chart shows in its cells, as scikit-learn's `normalize`: fractions of each
/// true class (rows sum to 1), of each predicted class (columns sum to 1) or of all samples.
public enum ConfusionNormalization: String, CaseIterable, Sendable {
    case byTrueClass = "true", byPrediction = "pred", overall = "all"
}

extension Chart {
    /// The titles scikit-learn's ConfusionMatrixDisplay gives its chart.
    public static let confusionMatrixTitle = "Confusion matrix"
    public static let confusionMatrixXLabel = "predicted label"
    public static let confusionMatrixYLabel = "true label"

    /// A confusion matrix drawn as a matrix: `counts[i][j]` samples of true class i predicted as
    /// class j (one row per true class, from the top), as counts or fractions (`normalize`; rows or
    /// columns without samples stay 0). `classNames` label both axes (default 0, 1, ...).
    public mutating func confusionMatrix(_ counts: [[Int]], classNames: [String]? = nil, normalize: ConfusionNormalization? = nil,
                                         colormap: Colormap = ChartStyle.colormap, showValues: Bool = ChartStyle.showValues,
                                         range: ClosedRange<Double>? = nil, colorbarLabel: String? = nil) throws {
        let n = counts.count
        guard n > 0, counts.allSatisfy({ $0.count == n }) else {
            throw ImagingError("confusion_matrix: the counts must be a square table, got \(n) rows of \(counts.map(\.count)) values")
        }
        var values = counts.flatMap { $0 }.map(Double.init)
        switch normalize {
        case .byTrueClass?:
            for row in 0..<n {
                let total = counts[row].reduce(0, +)
                if total > 0 { for column in 0..<n { values[row * n + column] /= Double(total) } }
            }
        case .byPrediction?:
            for column in 0..<n {
                let total = counts.reduce(0) { $0 + $1[column] }
                if total > 0 { for row in 0..<n { values[row * n + column] /= Double(total) } }
            }
        case .overall?:
            let total = Double(counts.joined().reduce(0, +))
            if total > 0 { values = values.map { $0 / total } }
        case nil:
            break
        }
        try matrix(ScalarMap(rows: n, columns: n, values: values.map(Float.init)), rowLabels: classNames, columnLabels: classNames,
                   colormap: colormap, showValues: showValues, valueFormat: normalize == nil ? "%.0f" : "%.2f",
                   range: range, colorbarLabel: colorbarLabel)
    }
}
