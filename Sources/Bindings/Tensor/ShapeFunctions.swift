import LuaHost
import Tensors

/// Views (which share storage with the tensor), copies with another layout, and splitting.
enum ShapeFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("reshape") { call, t in call.push(try t.reshape(call.sizes(from: 2).sizes)) },
        TensorFunction("view") { call, t in call.push(try t.view(call.sizes(from: 2).sizes)) },
        TensorFunction("flatten") { call, t in
            call.push(try t.flatten(startDim: call.dimension(2, default: 0), endDim: call.dimension(3, default: -1)))
        },
        TensorFunction("squeeze") { call, t in call.push(try call.isMissing(2) ? t.squeeze() : t.squeeze(call.dimension(2))) },
        TensorFunction("unsqueeze") { call, t in call.push(try t.unsqueeze(call.dimension(2))) },
        TensorFunction("transpose") { call, t in call.push(try t.transpose(call.dimension(2), call.dimension(3))) },
        .map("t") { try $0.t() },
        TensorFunction("permute") { call, t in call.push(try t.permute(call.dimensionList(from: 2))) },
        TensorFunction("narrow") { call, t in
            call.push(try t.narrow(call.dimension(2), start: call.position(3), length: call.argument(4)))
        },
        TensorFunction("select") { call, t in call.push(try t.select(call.dimension(2), call.position(3))) },
        TensorFunction("expand") { call, t in call.push(try t.expand(call.sizes(from: 2).sizes)) },
        TensorFunction("expand_as") { call, t in call.push(try t.expand(call.tensor(2).shape.array)) },
        .map("contiguous") { try $0.contiguous() },
        .map("clone") { try $0.clone() },
        .map("detach") { $0.detach() },
        TensorFunction("split") { call, t in
            let dim = try call.dimension(3, default: 0)
            if call.type(2) == .table {
                return call.push(list: try t.split(sizes: call.table(2).array(of: Int.self), dim: dim))
            }
            return call.push(list: try t.split(size: call.argument(2, as: Int.self), dim: dim))
        },
        TensorFunction("chunk") { call, t in call.push(list: try t.chunk(call.argument(2), dim: call.dimension(3, default: 0))) },
        TensorFunction("flip") { call, t in call.push(try t.flip(call.dimensionList(from: 2))) },
        // `repeat` is a Lua keyword, so Torch7's name for PyTorch's `repeat`.
        TensorFunction("repeat_tensor") { call, t in call.push(try t.repeat(call.sizes(from: 2).sizes)) },
        TensorFunction("pad") { call, t in call.push(try t.pad(call.padWidths(2), value: call.argument(3, default: 0.0))) },
        TensorFunction("tril") { call, t in call.push(try t.tril(call.argument(2, default: 0))) },
        TensorFunction("triu") { call, t in call.push(try t.triu(call.argument(2, default: 0))) },
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
