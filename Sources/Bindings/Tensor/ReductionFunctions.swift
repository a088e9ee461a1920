import LuaHost
import Tensors

/// Reductions over some dimensions (a number or a table of them, 1-based) or over all when none is
/// given. As in PyTorch they give tensors, 0-dimensional for a full reduction (`t:sum():item()` is the
/// number); max and min along a dimension give the values and their 1-based positions.
enum ReductionFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        reduction("sum", "Sum of the elements") { t, dims, keepDims in try t.sum(dims: dims, keepDims: keepDims) },
        reduction("mean", "Mean of the elements") { t, dims, keepDims in try t.mean(dims: dims, keepDims: keepDims) },
        reduction("prod", "Product of the elements") { t, dims, keepDims in try t.prod(dims: dims, keepDims: keepDims) },
        reduction("logsumexp", "log Σ eˣ of the elements, computed stably") { t, dims, keepDims in try t.logsumexp(dims: dims, keepDims: keepDims) },
        // The same positions as every reduction, (dims, keepdim); what only some have goes in a last
        // options table: t:var(2, true, {unbiased = false}), t:std{unbiased = false}.
        spread("var", "Variance of the elements") { t, dims, keepDims, unbiased in try t.variance(dims: dims, unbiased: unbiased, keepDims: keepDims) },
        spread("std", "Standard deviation of the elements") { t, dims, keepDims, unbiased in try t.std(dims: dims, unbiased: unbiased, keepDims: keepDims) },
        TensorFunction("norm", "The p-norm (Σ |x|ᵖ)^(1/p) over the given dimensions, or of all elements.",
                       [LuaParameter("p", .number, default: "2", "the order of the norm"), .dims, .keepdim],
                       example: "print(tensor{3, 4}:norm())") { call, t in
            call.push(try t.norm(p: call.argument(2, default: 2.0), dims: call.dimensions(3), keepDims: call.argument(4, default: false)))
        },
        extremum("max", largest: true),
        extremum("min", largest: false),
        position("argmax", largest: true),
        position("argmin", largest: false),
    ]

    private static func reduction(_ name: String, _ what: String,
                                  _ body: @escaping (Tensor, [Int]?, Bool) throws -> Tensor) -> TensorFunction {
        TensorFunction(name, "\(what) over the given dimensions, or over all of them (a 0-dimensional tensor: `t:\(name)():item()` is the number).",
                       [.dims, .keepdim], example: "local t = tensor{{1, 2}, {3, 4}}\nprint(t:\(name)(), t:\(name)(2))") { call, t in
            call.push(try body(t, call.dimensions(2), call.argument(3, default: false)))
        }
    }

    /// var and std: `(dims, keepdim, {unbiased = true})`, the options table possibly earlier when the
    /// positions before it are left out.
    private static func spread(_ name: String, _ what: String, _ body: @escaping (Tensor, [Int]?, Bool, Bool) throws -> Tensor) -> TensorFunction {
        TensorFunction(name, "\(what) over the given dimensions, or over all of them; the options table may follow t directly.",
                       [.dims, .keepdim],
                       options: [LuaOption("unbiased", .boolean, default: .boolean(true), "divide by n − 1 (Bessel's correction) rather than n")],
                       example: "local t = tensor{1, 2, 3, 4}\nprint(t:\(name)(), t:\(name){unbiased = false})") { call, t in
            let optionsIndex = (Int32(2)...4).first { k in
                guard call.type(k) == .table, let table = try? call.table(k) else { return false }
                return table.count == 0 && !table.isEmpty
            } ?? 4
            let dims = optionsIndex > 2 ? try call.dimensions(2) : nil
            let keepDims = optionsIndex > 3 ? try call.argument(3, default: false) : false
            let options = try call.options(optionsIndex)
            let unbiased: Bool = try options.value("unbiased")
            try options.rejectUnknown()
            if !call.isMissing(optionsIndex + 1) {
                throw call.invalid(optionsIndex + 1, "is one too many: \(name) takes (dims, keepdim, {unbiased =})")
            }
            return call.push(try body(t, dims, keepDims, unbiased))
        }
    }

    /// `t:max()` (a 0-dimensional tensor), `t:max(dim, keepdim)` (values and positions), `t:max(other)`
    /// (the elementwise larger, as PyTorch).
    private static func extremum(_ name: String, largest: Bool) -> TensorFunction {
        let which = largest ? "largest" : "smallest"
        return TensorFunction(name, "The \(which) element (a 0-dimensional tensor); along a dimension, the \(which) values and their positions (counting from 1); with a tensor, the elementwise \(which) of the two.",
                              [LuaParameter("dim", .oneOf([.integer, .tensor]), default: "all elements", "a dimension, or a tensor to compare with"), .keepdim],
                              returns: "a Tensor; along a dimension the values and the positions",
                              example: "local t = tensor{{1, 5}, {7, 2}}\nprint(t:\(name)())\nlocal values, positions = t:\(name)(2)\nprint(values, positions)") { call, t in
            if call.isMissing(2) { return call.push(try largest ? t.max() : t.min()) }
            if call.type(2) != .number {
                let other = try call.tensor(2)
                return call.push(try largest ? t.maximum(other) : t.minimum(other))
            }
            let dim = try call.dimension(2), keepDims = try call.argument(3, default: false)
            let (values, indices) = try largest ? t.max(dim, keepDims: keepDims) : t.min(dim, keepDims: keepDims)
            return call.push(tensors: values, try oneBased(indices))
        }
    }

    /// 1-based positions of the extreme elements along a dimension, or in the flattened tensor.
    private static func position(_ name: String, largest: Bool) -> TensorFunction {
        TensorFunction(name, "Positions (counting from 1) of the \(largest ? "largest" : "smallest") elements along a dimension, or in the flattened tensor: an int64 tensor. Class ids count from 0, so `probs:\(name)(2) - 1` gives them.",
                       [.dim(default: "the flattened tensor"), .keepdim],
                       example: "print(tensor{{1, 5}, {7, 2}}:\(name)(2))") { call, t in
            let dim = call.isMissing(2) ? nil : try call.dimension(2)
            let keepDims = try call.argument(3, default: false)
            return call.push(try oneBased(largest ? t.argmax(dim, keepDims: keepDims) : t.argmin(dim, keepDims: keepDims)))
        }
    }
}
