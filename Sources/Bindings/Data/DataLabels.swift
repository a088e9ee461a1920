import CheckedArithmetic
import Datasets
import LuaHost
import Tensors

// Labels for classification: class ids to one-hot rows, and any labels to class ids.

func declareDataLabels(_ module: LuaModule) {
    for name in ["one_hot", "to_categorical"] {
        module.declareTranslatingErrors(name, LuaSignature(
            parameters: [
                LuaParameter("labels", .oneOf([.tensor, .list(.integer)]),
                             "class ids from 0: an integer tensor or whole-number floats (as read_csv gives them), any shape; or a list"),
                LuaParameter("num_classes", .integer, default: "the largest label + 1", "the number of columns"),
            ],
            returns: "a float32 tensor: the labels' shape and a last dimension of num_classes",
            summary: """
                One row per label with a 1 at column label + 1, as Keras' to_categorical (data.one_hot and \
                data.to_categorical are the same function): class ids are 0-based, so MNIST digit 5 sets column 6.
                """,
            example: """
                print(data.\(name)(tensor{0, 2, 1}:long(), 3))
                """)) { call in
            var labels = try call.optionalTensor(1)
                ?? Tensor(try call.integers(1, expected: "an integer tensor or a list of class ids"))
            if labels.dtype == .float32 {
                let ids = try labels.wholeNumbers { _, value in
                    call.invalid(1, "must hold class ids (whole numbers), got \(value); map the labels to 0, 1, ... first (data.LabelEncoder)")
                }
                labels = try Tensor(ids, shape: labels.shape.array)
            }
            var classes = try call.optionalArgument(2, as: Int.self)
            if classes == nil {
                guard labels.count > 0 else { throw LuaError.message("\(call.name): no labels, so num_classes must be given") }
                let largest = try labels.max().item()
                guard largest < Double(Int32.max) else { throw call.invalid(1, "holds the class id \(CheckedSize.integer(largest).map(String.init) ?? "\(largest)"), too large for one-hot rows") }
                classes = Int(largest) + 1
            }
            return call.push(try labels.oneHot(classes: classes ?? 0))
        }
    }

    module.declareTranslatingErrors("LabelEncoder", LuaSignature(
        returns: "a LabelEncoder",
        summary: """
            A label encoder, as scikit-learn's LabelEncoder: labels (a tensor, or a list of numbers or strings) \
            to class ids 0, 1, ... in sorted order of the labels (ECG200's -1/1 become 0/1), and back. Fit it \
            with encoder:fit(labels).
            """,
        example: """
            local encoder = data.LabelEncoder():fit{'cat', 'dog', 'cat'}
            print(encoder:transform{'dog', 'cat'})
            """)) { call in
        guard call.isMissing(1) else { throw call.invalid(1, "is one too many: data.LabelEncoder() takes no arguments; then encoder:fit(labels)") }
        return call.push(LabelEncoderObject(), LabelEncoderLua.luaClass)
    }
}
