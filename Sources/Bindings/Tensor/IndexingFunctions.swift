import LuaHost
import Tensors

/// Gathering and scattering by positions (1-based int64 tensors), masks, sorting, and one-hot rows.
enum IndexingFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("gather", "Elements picked along a dimension by a tensor of positions of the output's shape, as torch.gather: out[i][j] = t[i][index[i][j]] along dimension 2.",
                       [.dim(), .positions], example: "print(tensor{{1, 2}, {3, 4}}:gather(2, tensor({{2}, {1}}, {dtype = 'int64'})))") { call, t in
            call.push(try t.gather(call.dimension(2), index: call.positions(3)))
        },
        TensorFunction("scatter_add", "A copy of t with `source` added at the positions `index` gives along a dimension (the reverse of gather), as torch.scatter_add.",
                       [.dim(), .positions, LuaParameter("source", .tensor, "the values to add, of index's shape")],
                       example: "local index = tensor({{1, 1, 2}}, {dtype = 'int64'})\nprint(tensor.zeros(1, 2):scatter_add(2, index, tensor{{1, 2, 3}}))") { call, t in
            call.push(try t.scatterAdd(call.dimension(2), index: call.positions(3), source: call.tensor(4)))
        },
        TensorFunction("index_select", "The slices at the given positions along a dimension, in that order (repeats allowed); `t[positions]` along the first.",
                       [.dim(), LuaParameter("index", .tensor, "a 1-D int64 tensor of positions (counting from 1)")],
                       example: "print(tensor{10, 20, 30}:index_select(1, tensor({3, 1, 1}, {dtype = 'int64'})))") { call, t in
            call.push(try t.indexSelect(call.dimension(2), index: call.positions(3)))
        },
        TensorFunction("index_add", "A copy of t with the slices of `source` added at the given positions along a dimension (repeated positions add up).",
                       [.dim(), LuaParameter("index", .tensor, "a 1-D int64 tensor of positions (counting from 1)"),
                        LuaParameter("source", .tensor, "one slice per position")],
                       example: "print(tensor.zeros(3):index_add(1, tensor({1, 1, 3}, {dtype = 'int64'}), tensor{1, 2, 5}))") { call, t in
            call.push(try t.indexAdd(call.dimension(2), index: call.positions(3), source: call.tensor(4)))
        },
        TensorFunction("masked_fill", "A copy with `value` where the bool mask (broadcast) is true.",
                       [LuaParameter("mask", .tensor, "a bool tensor"), LuaParameter("value", .number, "the value written")],
                       example: "local t = tensor{1, -2, 3}\nprint(t:masked_fill(t:lt(0), 0))") { call, t in
            call.push(try t.maskedFill(call.tensor(2), value: call.argument(3)))
        },
        TensorFunction("masked_select", "The elements where the bool mask (broadcast) is true, as a 1-D tensor; also `t[mask]`.",
                       [LuaParameter("mask", .tensor, "a bool tensor")],
                       example: "local t = tensor{1, -2, 3}\nprint(t:masked_select(t:gt(0)))") { call, t in call.push(try t.maskedSelect(call.tensor(2))) },
        TensorFunction("sort", "The elements sorted along a dimension, and their original positions (counting from 1); stable.",
                       [.dim(default: "-1"), LuaParameter("descending", .boolean, default: "false", "largest first")],
                       returns: "the sorted values and an int64 tensor of positions",
                       example: "local values, positions = tensor{3, 1, 2}:sort()\nprint(values, positions)") { call, t in
            let (values, indices) = try t.sort(call.dimension(2, default: -1), descending: call.argument(3, default: false))
            return call.push(tensors: values, try oneBased(indices))
        },
        TensorFunction("argsort", "The positions (counting from 1) that sort the elements along a dimension.",
                       [.dim(default: "-1"), LuaParameter("descending", .boolean, default: "false", "largest first")],
                       example: "print(tensor{3, 1, 2}:argsort())") { call, t in
            call.push(try oneBased(t.argsort(call.dimension(2, default: -1), descending: call.argument(3, default: false))))
        },
        TensorFunction("topk", "The k largest (or smallest) elements along a dimension, sorted, and their positions (counting from 1).",
                       [LuaParameter("k", .integer, "how many"), .dim(default: "-1"),
                        LuaParameter("largest", .boolean, default: "true", "false for the smallest")],
                       returns: "the values and an int64 tensor of positions",
                       example: "local values, positions = tensor{5, 1, 9, 3}:topk(2)\nprint(values, positions)") { call, t in
            let (values, indices) = try t.topk(call.argument(2), dim: call.dimension(3, default: -1),
                                               largest: call.argument(4, default: true))
            return call.push(tensors: values, try oneBased(indices))
        },
        TensorFunction("unique", "The distinct elements sorted, each element's position among them (counting from 1) and how often each occurs, as NumPy's unique with return_inverse and return_counts.",
                       returns: "values, inverse positions, counts",
                       example: "local values, inverse, counts = tensor{3, 1, 3}:unique()\nprint(values, inverse, counts)") { call, t in
            let (values, inverse, counts) = try t.unique()
            return call.push(tensors: values, try oneBased(inverse), counts)
        },
        // Class ids are data and count from 0, as Keras' to_categorical: digit 5 is class 5.
        TensorFunction("one_hot", "One-hot rows of integer class ids, which count from 0 as Keras' to_categorical (digit 5 is class 5): a new last dimension of size `classes`.",
                       [LuaParameter("classes", .integer, "the number of classes K (ids 0..K-1)")],
                       options: [.dtype(.string(DType.float32.description))],
                       example: "print(tensor({0, 2}, {dtype = 'int64'}):one_hot(3))") { call, t in
            let options = try call.options(3)
            let dtype = try options.dtype()
            try options.rejectUnknown()
            return call.push(try t.oneHot(classes: call.argument(2), dtype: dtype))
        },
    ]
}
