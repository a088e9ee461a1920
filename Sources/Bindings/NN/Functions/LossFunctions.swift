import LuaHost
import NN
import Tensors

/// `nn.losses.<name>(y_true, y_pred [, options])`: Keras' losses as functions. By default the mean over
/// the batch of the per-sample values (a 0-dimensional tensor, differentiable: `loss:backward()`);
/// `{reduction = 'none'}` gives the per-sample values, `'sum'` their sum. The cross-entropies take
/// `from_logits`, the binary and categorical ones `label_smoothing` (default 0), huber `delta` (default 1).
/// Labels of sparse_categorical_crossentropy are 0-based class ids (int64 tensors, or
/// floats holding whole numbers).
func declareLosses(in table: LuaModule) {
    let crossentropies: Set = ["binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"]
    let smoothed: Set = ["binary_crossentropy", "categorical_crossentropy"]
    for name in lossFunctionNames {
        table.function(name) { call in
            let yTrue = try call.tensor(1), yPred = try call.tensor(2)
            let options = try call.options(3)
            let fromLogits = crossentropies.contains(name) ? try options.value("from_logits", default: false) : false
            let labelSmoothing = smoothed.contains(name) ? try options.value("label_smoothing", default: 0.0) : 0
            let delta = name == "huber" ? try options.value("delta", default: 1.0) : 1
            let reduction = try options.reduction()
            try options.rejectUnknown()
            let loss = try Loss(named: name, fromLogits: fromLogits, labelSmoothing: labelSmoothing, delta: delta, reduction: reduction)
            return call.push(try loss(yTrue, yPred))
        }
    }
}

/// The names of nn.losses: Keras' functions and their short aliases.
private let lossFunctionNames = ["mean_squared_error", "mse", "mean_absolute_error", "mae", "huber", "binary_crossentropy",
                         "categorical_crossentropy", "sparse_categorical_crossentropy", "kl_divergence", "kld",
                         "cosine_similarity"]

private extension LuaOptions {
    /// Keras' `reduction`: 'sum_over_batch_size' (the default; 'mean' says the same), 'sum' or 'none'.
    func reduction() throws -> Loss.Reduction {
        let name = try choice("reduction", among: ["sum_over_batch_size", "mean", "sum", "none"], default: "sum_over_batch_size")
        return name == "mean" ? .sumOverBatchSize : Loss.Reduction(rawValue: name) ?? .sumOverBatchSize
    }
}
