import LuaHost
import NN
import Tensors

/// `nn.losses.<name>(y_true, y_pred [, options])`: Keras' losses as functions, differentiable.
func declareLosses(in table: LuaModule) {
    let crossentropies: Set = ["binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"]
    let smoothed: Set = ["binary_crossentropy", "categorical_crossentropy"]
    let defaults = Loss.Defaults()
    for name in lossFunctionNames {
        var options: [LuaOption] = []
        if crossentropies.contains(name) {
            options.append(LuaOption("from_logits", .boolean, default: .boolean(defaults.fromLogits), "whether y_pred holds raw scores rather than probabilities"))
        }
        if smoothed.contains(name) {
            options.append(LuaOption("label_smoothing", .number, default: .number(defaults.labelSmoothing), "moves the labels towards uniform by this fraction"))
        }
        if name == "huber" { options.append(LuaOption("delta", .number, default: .number(defaults.delta), "where the loss turns from quadratic to linear")) }
        options.append(LuaOption("reduction", .choice(["sum_over_batch_size", "mean", "sum", "none"]), default: .string(defaults.reduction.rawValue),
                                 "'sum_over_batch_size' (or 'mean'): the mean of the per-sample values; 'sum'; 'none': the per-sample values"))
        let sparse = name == "sparse_categorical_crossentropy"
        table.declare(name, LuaSignature(
            parameters: [LuaParameter("y_true", .tensor, sparse ? "the labels: 0-based class ids (int64, or floats holding whole numbers)" : "the targets"),
                         LuaParameter("y_pred", .tensor, "the predictions")],
            options: options, returns: "a 0-dimensional tensor (or the per-sample values with reduction = 'none')",
            summary: "Keras' `\(name)` loss, differentiable (`loss:backward()`). By default it is the mean over the batch of the per-sample values.",
            example: sparse ? """
                print(nn.losses.\(name)(tensor{1, 0}:long(), tensor{{0.2, 0.8}, {0.6, 0.4}}))
                """ : """
                print(nn.losses.\(name)(tensor{{0, 1}, {1, 0}}, tensor{{0.2, 0.8}, {0.6, 0.4}}))
                """)) { call in
            let yTrue = try call.tensor(1), yPred = try call.tensor(2)
            let options = try call.options(3)
            let fromLogits: Bool = crossentropies.contains(name) ? try options.value("from_logits") : defaults.fromLogits
            let labelSmoothing: Double = smoothed.contains(name) ? try options.value("label_smoothing") : defaults.labelSmoothing
            let delta: Double = name == "huber" ? try options.value("delta") : defaults.delta
            let reductionName: String = try options.value("reduction")
            try options.rejectUnknown()
            let reduction = reductionName == "mean" ? .sumOverBatchSize : Loss.Reduction(rawValue: reductionName) ?? defaults.reduction
            let loss = try Loss(named: name, fromLogits: fromLogits, labelSmoothing: labelSmoothing, delta: delta, reduction: reduction)
            return call.push(try loss(yTrue, yPred))
        }
    }
}

/// The names of nn.losses: Keras' functions and their short aliases.
private let lossFunctionNames = ["mean_squared_error", "mse", "mean_absolute_error", "mae", "huber", "binary_crossentropy",
                                 "categorical_crossentropy", "sparse_categorical_crossentropy", "kl_divergence", "kld",
                                 "cosine_similarity"]
