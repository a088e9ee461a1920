import LuaHost
import Tensors

/// Gathering and scattering by positions (1-based int64 tensors), masks, sorting, and one-hot rows.
enum IndexingFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("gather") { call, t in call.push(try t.gather(call.dimension(2), index: call.positions(3))) },
        TensorFunction("scatter_add") { call, t in
            call.push(try t.scatterAdd(call.dimension(2), index: call.positions(3), source: call.tensor(4)))
        },
        TensorFunction("index_select") { call, t in call.push(try t.indexSelect(call.dimension(2), index: call.positions(3))) },
        TensorFunction("index_add") { call, t in
            call.push(try t.indexAdd(call.dimension(2), index: call.positions(3), source: call.tensor(4)))
        },
        TensorFunction("masked_fill") { call, t in call.push(try t.maskedFill(call.tensor(2), value: call.argument(3))) },
        TensorFunction("masked_select") { call, t in call.push(try t.maskedSelect(call.tensor(2))) },
        TensorFunction("sort") { call, t in
            let (values, indices) = try t.sort(call.dimension(2, default: -1), descending: call.argument(3, default: false))
            return call.push(tensors: values, try oneBased(indices))
        },
        TensorFunction("argsort") { call, t in
            call.push(try oneBased(t.argsort(call.dimension(2, default: -1), descending: call.argument(3, default: false))))
        },
        TensorFunction("topk") { call, t in
            let (values, indices) = try t.topk(call.argument(2), dim: call.dimension(3, default: -1),
                                               largest: call.argument(4, default: true))
            return call.push(tensors: values, try oneBased(indices))
        },
        // values (sorted), inverse (each element's 1-based position in values), counts: NumPy's unique.
        TensorFunction("unique") { call, t in
            let (values, inverse, counts) = try t.unique()
            return call.push(tensors: values, try oneBased(inverse), counts)
        },
        // Class ids are data and count from 0, as Keras' to_categorical: digit 5 is class 5.
        TensorFunction("one_hot") { call, t in
            let options = try call.options(3)
            let dtype = try options.dtype(default: .float32)
            try options.rejectUnknown()
            return call.push(try t.oneHot(classes: call.argument(2), dtype: dtype))
        },
    ]
}
