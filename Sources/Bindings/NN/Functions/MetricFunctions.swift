import LuaHost
import NN
import Tensors

/// `nn.metrics`: `confusion_matrix(y_true, y_pred [, {num_classes =}])` gives an int64 K×K tensor whose
/// entry [i][j] (1-based in Lua: row i + 1, column j + 1) counts the samples of class i predicted as
/// class j; labels and predictions are 0-based class ids, or one-hot / probability rows (arg-max taken).
func declareMetrics(in table: LuaModule) {
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
