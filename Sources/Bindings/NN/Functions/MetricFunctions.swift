import LuaHost
import NN
import Tensors

/// `nn.metrics.<name>(y_true, y_pred)`: Keras' metrics over one set of labels and predictions, as a
/// number, and the confusion matrix.
func declareMetrics(in table: LuaModule) {
    let labels = LuaParameter("y_true", .tensor, "the labels: values, one-hot rows, or 0-based class ids for the sparse metrics")
    let predictions = LuaParameter("y_pred", .tensor, "the predictions")
    for name in metricFunctionNames {
        table.declare(name, LuaSignature(
            parameters: [labels, predictions], returns: "a number",
            summary: """
                Keras' `\(name)` metric over these labels and predictions (not differentiable: train with nn.losses).\
                \(name == "accuracy" ? " It picks binary, categorical or sparse accuracy from the shapes, as Keras' compile does." : "")
                """,
            example: """
                print(nn.metrics.\(name)(\(name.hasPrefix("sparse") ? "tensor{1, 0}" : "tensor{{0, 1}, {1, 0}}"), tensor{{0.2, 0.8}, {0.3, 0.7}}))
                """)) { call in
            let yTrue = try call.tensor(1), yPred = try call.tensor(2)
            if !call.isMissing(3) { throw call.mismatch(3, expected: "no more arguments") }
            return call.push(try MetricSpec.named(name).value(yTrue: yTrue, yPred: yPred))
        }
    }
    table.declare("confusion_matrix", LuaSignature(
        parameters: [LuaParameter("y_true", .tensor, "0-based class ids, or one-hot rows (arg-max taken)"),
                     LuaParameter("y_pred", .tensor, "0-based class ids, or probability rows (arg-max taken)")],
        options: [LuaOption("num_classes", .integer, default: .described("one more than the largest class id"), "the number of classes K")],
        returns: "an int64 K×K tensor",
        summary: "Counts of the samples of class i predicted as class j, at row i + 1 and column j + 1 (scikit-learn's and Keras' `confusion_matrix`).",
        example: """
            print(nn.metrics.confusion_matrix(tensor{0, 1, 1}:long(), tensor{0, 1, 0}:long()))
            """)) { call in
        let labels = try call.tensor(1), predictions = try call.tensor(2)
        let options = try call.options(3)
        let classes: Int? = try options.optional("num_classes")
        try options.rejectUnknown()
        if let classes, classes < 1 {
            throw LuaError.message("\(call.name): option 'num_classes' must be at least 1, got \(classes)")
        }
        return call.push(try confusionMatrix(labels: labels, predictions: predictions, classes: classes))
    }
}

/// The names of nn.metrics' metric functions (Keras' names and short aliases).
private let metricFunctionNames = ["accuracy", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", "mae",
                                   "mean_absolute_error", "mse", "mean_squared_error", "r2_score", "precision", "recall"]
