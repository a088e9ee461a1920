import Tensors

/// Binary cross-entropy and the binary metrics read a target as the probability of class 1. Labels such
/// as −1/1 or 1/2 (ECG200's file gives −1/1) would train silently on a meaningless loss, so targets
/// outside [0, 1] are refused, naming the values found and how to map them.
func requireBinaryTargets(_ yTrue: Tensor, op: String) throws {
    guard yTrue.count > 0 else { return }
    try Autograd.withoutGradients {
        let targets = try yTrue.float()
        guard try targets.min().item() < 0 || targets.max().item() > 1 else { return }
        let values = try targets.unique().values.toArray(Float.self)
        let outside = values.filter { $0 < 0 || $0 > 1 }
        let shown = outside.prefix(5).map { $0.rounded() == $0 ? String(Int64($0)) : String($0) }.joined(separator: ", ")
        throw NNError(op, .value, "targets must lie in [0, 1] (the probability of class 1), found \(shown)\(outside.count > 5 ? ", ..." : ""); map the labels to 0 and 1 first: (y + 1) / 2 for -1/1 labels, or data.LabelEncoder():fit_transform(y) for any two labels")
    }
}
