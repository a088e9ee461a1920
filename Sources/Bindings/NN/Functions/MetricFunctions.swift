import LuaHost
import NN
import Tensors

/// `nn.metrics.<name>(y_true, y_pred)`: Keras' metrics over one set of labels and predictions, as a
/// number (not differentiable: use nn.losses to train). `accuracy` picks binary, categorical or sparse
/// accuracy from the shapes as Keras' compile does; sparse labels are 0-based class ids.
///
/// `confusion_matrix(y_true, y_pred [, {num_classes =}])` gives an int64 K×K tensor whose
/// entry [i][j] (1-based in Lua: row i + 1, column j + 1) counts the samples of class i predicted as
/// class j; labels and predictions are 0-based class ids, or one-hot / probability rows (arg-max taken).
func declareMetrics(in table: LuaModule) {
    for name in metricFunctionNames {
        table.function(name) { call in
            let yTrue = try call.tensor(1), yPred = try call.tensor(2)
            if !call.isMissing(3) { throw call.mismatch(3, expected: "no more arguments") }
            return call.push(try MetricSpec.named(name).value(yTrue: yTrue, yPred: yPred))
        }
    }
    table.function("confusion_matrix") { call in
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
