import LuaHost
import Tensors

/// Views (which share storage with the tensor), copies with another layout, and splitting.
enum ShapeFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("reshape", "The elements in another shape (one size may be -1: inferred); a view when the layout allows, else a copy.",
                       [.sizes], example: "print(tensor.arange(6):reshape(2, 3))") { call, t in call.push(try t.reshape(call.sizes(from: 2).sizes)) },
        TensorFunction("view", "A view of the elements in another shape (one size may be -1); the tensor must be contiguous enough, else use reshape.",
                       [.sizes], example: "print(tensor.arange(6):view{3, -1})") { call, t in call.push(try t.view(call.sizes(from: 2).sizes)) },
        TensorFunction("flatten", "Dimensions start_dim..end_dim merged into one (all of them by default).",
                       [LuaParameter("start_dim", .integer, default: "1", "the first dimension merged"),
                        LuaParameter("end_dim", .integer, default: "-1", "the last dimension merged")],
                       example: "print(tensor.zeros(2, 3, 4):flatten(2):shape())") { call, t in
            call.push(try t.flatten(startDim: call.dimension(2, default: 0), endDim: call.dimension(3, default: -1)))
        },
        TensorFunction("squeeze", "A view without the dimensions of size 1 (or without that one dimension, if it has size 1).",
                       [.dim(default: "every dimension of size 1")],
                       example: "print(tensor.zeros(2, 1, 3):squeeze():shape())") { call, t in
            call.push(try call.isMissing(2) ? t.squeeze() : t.squeeze(call.dimension(2)))
        },
        TensorFunction("unsqueeze", "A view with a new dimension of size 1 at `dim` (-1 appends one).", [.dim()],
                       example: "print(tensor{1, 2, 3}:unsqueeze(1):shape())") { call, t in call.push(try t.unsqueeze(call.dimension(2))) },
        TensorFunction("transpose", "A view with two dimensions swapped.",
                       [LuaParameter("dim0", .integer, "a dimension"), LuaParameter("dim1", .integer, "the other dimension")],
                       example: "print(tensor{{1, 2, 3}}:transpose(1, 2))") { call, t in call.push(try t.transpose(call.dimension(2), call.dimension(3))) },
        .map("t", "The transpose of a matrix (a view); a vector is returned as it is.",
             example: "print(tensor{{1, 2}, {3, 4}}:t())") { try $0.t() },
        TensorFunction("permute", "A view with the dimensions in a new order.",
                       [LuaParameter("dims", .oneOf([.integer, .list(.integer)]), "every dimension once, as integers or one table")],
                       example: "print(tensor.zeros(2, 3, 4):permute(3, 1, 2):shape())") { call, t in call.push(try t.permute(call.dimensionList(from: 2))) },
        TensorFunction("narrow", "A view of `length` positions of a dimension from `start` (counting from 1).",
                       [.dim(), LuaParameter("start", .integer, "the first position kept (1 is the first, -1 the last)"),
                        LuaParameter("length", .integer, "how many positions")],
                       example: "print(tensor{10, 20, 30, 40}:narrow(1, 2, 2))") { call, t in
            call.push(try t.narrow(call.dimension(2), start: call.position(3), length: call.argument(4)))
        },
        TensorFunction("select", "A view of one position of a dimension, without that dimension (t[i] selects along the first).",
                       [.dim(), LuaParameter("index", .integer, "the position (1 is the first, -1 the last)")],
                       example: "print(tensor{{1, 2}, {3, 4}}:select(2, 1))") { call, t in call.push(try t.select(call.dimension(2), call.position(3))) },
        TensorFunction("expand", "A view repeating dimensions of size 1 to the given sizes without copying (-1 keeps a size).",
                       [.sizes], example: "print(tensor{{1}, {2}}:expand(2, 3))") { call, t in call.push(try t.expand(call.sizes(from: 2).sizes)) },
        TensorFunction("expand_as", "A view expanded to the shape of another tensor (see expand).", [LuaParameter("other", .tensor, "the tensor whose shape to take")],
                       example: "print(tensor{1, 2}:expand_as(tensor.zeros(2, 2)))") { call, t in call.push(try t.expand(call.tensor(2).shape.array)) },
        .map("contiguous", "The tensor itself if its elements lie in row-major order, else a row-major copy.",
             example: "print(tensor{{1, 2}, {3, 4}}:t():contiguous():is_contiguous())") { try $0.contiguous() },
        .map("clone", "A copy with its own storage (recorded by autograd).", example: "local a = tensor{1, 2}\nlocal b = a:clone()\nb[1] = 9\nprint(a, b)") { try $0.clone() },
        .map("detach", "The same elements cut from the autograd graph: a leaf that does not require grad (shares storage).",
             example: "local x = tensor{1, 2}:requires_grad_()\nprint((x * 2):detach().requires_grad)") { $0.detach() },
        TensorFunction("split", "Pieces along a dimension: of `size` positions each (the last may be shorter), or of the sizes in a table.",
                       [LuaParameter("size", .oneOf([.integer, .list(.integer)]), "the size of each piece, or a table of sizes"), .dim(default: "1")],
                       returns: "a list of tensors (views)", example: "local parts = tensor.arange(5):split(2)\nprint(#parts, parts[3])") { call, t in
            let dim = try call.dimension(3, default: 0)
            if call.type(2) == .table {
                return call.push(list: try t.split(sizes: call.table(2).array(of: Int.self), dim: dim))
            }
            return call.push(list: try t.split(size: call.argument(2, as: Int.self), dim: dim))
        },
        TensorFunction("chunk", "`chunks` pieces of (nearly) equal size along a dimension.",
                       [LuaParameter("chunks", .integer, "how many pieces"), .dim(default: "1")],
                       returns: "a list of tensors (views)", example: "local parts = tensor.arange(6):chunk(3)\nprint(parts[2])") { call, t in
            call.push(list: try t.chunk(call.argument(2), dim: call.dimension(3, default: 0)))
        },
        TensorFunction("flip", "A copy with the order of the positions reversed along the given dimensions.",
                       [LuaParameter("dims", .oneOf([.integer, .list(.integer)]), "dimensions, as integers or one table")],
                       example: "print(tensor{{1, 2}, {3, 4}}:flip(2))") { call, t in call.push(try t.flip(call.dimensionList(from: 2))) },
        // `repeat` is a Lua keyword, so Torch7's name for PyTorch's `repeat`.
        TensorFunction("repeat_tensor", "The tensor tiled: each dimension repeated the given number of times (PyTorch's `repeat`; `repeat` is a Lua keyword, so Torch7's name).",
                       [LuaParameter("repeats", .oneOf([.integer, .list(.integer)]), "one count per dimension, as integers or one table")],
                       example: "print(tensor{1, 2}:repeat_tensor(2, 2))") { call, t in call.push(try t.repeat(call.sizes(from: 2).sizes)) },
        TensorFunction("pad", "A copy with `value` added before and after each dimension, as numpy.pad with constant mode.",
                       [LuaParameter("widths", .list(.list(.integer)), "one {before, after} pair per dimension, first dimension first"),
                        LuaParameter("value", .number, default: "0", "the padding value")],
                       example: "print(tensor{{1, 2}}:pad({{0, 0}, {1, 2}}))") { call, t in
            call.push(try t.pad(call.padWidths(2), value: call.argument(3, default: 0.0)))
        },
        TensorFunction("tril", "The lower triangle of a matrix (zeros above diagonal k; k > 0 keeps more).",
                       [LuaParameter("diagonal", .integer, default: "0", "which diagonal bounds the triangle")],
                       example: "print(tensor.ones(3, 3):tril())") { call, t in call.push(try t.tril(call.argument(2, default: 0))) },
        TensorFunction("triu", "The upper triangle of a matrix (zeros below diagonal k; k > 0 keeps less).",
                       [LuaParameter("diagonal", .integer, default: "0", "which diagonal bounds the triangle")],
                       example: "print(tensor.ones(3, 3):triu(1))") { call, t in call.push(try t.triu(call.argument(2, default: 0))) },
    ]
}

extension LuaCall {
    /// Pad widths as one `{before, after}` pair per dimension, first dimension first (NumPy's order):
    /// `images:pad({{0, 0}, {2, 2}, {2, 2}, {0, 0}})`.
    func padWidths(_ index: Int32) throws -> [(before: Int, after: Int)] {
        let pairs = try table(index, expected: "a table of {before, after} pairs, one per dimension")
        return try (0..<pairs.count).map { k in
            try pairs.withElement(k + 1) { element in
                let pair = try element.table(expected: "a {before, after} pair").array(of: Int.self)
                guard pair.count == 2 else { throw element.invalid("must hold two widths {before, after}, got \(pair.count)") }
                return (pair[0], pair[1])
            }
        }
    }
}
