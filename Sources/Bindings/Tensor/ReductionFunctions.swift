import CLua
import LuaHost
import Tensors

/// Reductions over some dimensions (a number or a table of them, 1-based) or over all when none is
/// given. As in PyTorch they give tensors, 0-dimensional for a full reduction (`t:sum():item()` is the
/// number); max and min along a dimension give the values and their 1-based positions.
enum ReductionFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("sum") { call, t in call.push(try t.sum(dims: call.dimensions(2), keepDims: call.argument(3, default: false))) },
        TensorFunction("mean") { call, t in call.push(try t.mean(dims: call.dimensions(2), keepDims: call.argument(3, default: false))) },
        TensorFunction("prod") { call, t in call.push(try t.prod(dims: call.dimensions(2), keepDims: call.argument(3, default: false))) },
        TensorFunction("logsumexp") { call, t in
            call.push(try t.logsumexp(dims: call.dimensions(2), keepDims: call.argument(3, default: false)))
        },
        // The same positions as every reduction, (dims, keepdim); what only some have goes in a last
        // options table: t:var(2, true, {unbiased = false}), t:std{unbiased = false}.
        spread("var") { t, dims, keepDims, unbiased in try t.variance(dims: dims, unbiased: unbiased, keepDims: keepDims) },
        spread("std") { t, dims, keepDims, unbiased in try t.std(dims: dims, unbiased: unbiased, keepDims: keepDims) },
        TensorFunction("norm") { call, t in
            call.push(try t.norm(p: call.argument(2, default: 2.0), dims: call.dimensions(3), keepDims: call.argument(4, default: false)))
        },
        extremum("max", largest: true),
        extremum("min", largest: false),
        position("argmax", largest: true),
        position("argmin", largest: false),
    ]

    /// var and std: `(dims, keepdim, {unbiased = true})`, the options table possibly earlier when the
    /// positions before it are left out.
    private static func spread(_ name: String, _ body: @escaping (Tensor, [Int]?, Bool, Bool) throws -> Tensor) -> TensorFunction {
        TensorFunction(name) { call, t in
            let optionsIndex = (Int32(2)...4).first { k in
                call.type(k) == .table && lua_rawlen(call.state, k) == 0 && !isEmptyTable(call, k)
            } ?? 4
            let dims = optionsIndex > 2 ? try call.dimensions(2) : nil
            let keepDims = optionsIndex > 3 ? try call.argument(3, default: false) : false
            let options = try call.options(optionsIndex)
            let unbiased = try options.value("unbiased", default: true)
            try options.rejectUnknown()
            if !call.isMissing(optionsIndex + 1) {
                throw call.invalid(optionsIndex + 1, "is one too many: \(name) takes (dims, keepdim, {unbiased =})")
            }
            return call.push(try body(t, dims, keepDims, unbiased))
        }
    }

    private static func isEmptyTable(_ call: LuaCall, _ index: Int32) -> Bool {
        lua_pushnil(call.state)
        guard lua_next(call.state, index) != 0 else { return true }
        lua_settop(call.state, -3)
        return false
    }

    /// `t:max()` (a 0-dimensional tensor), `t:max(dim, keepdim)` (values and positions), `t:max(other)`
    /// (the elementwise larger, as PyTorch).
    private static func extremum(_ name: String, largest: Bool) -> TensorFunction {
        TensorFunction(name) { call, t in
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
        TensorFunction(name) { call, t in
            let dim = call.isMissing(2) ? nil : try call.dimension(2)
            let keepDims = try call.argument(3, default: false)
            return call.push(try oneBased(largest ? t.argmax(dim, keepDims: keepDims) : t.argmin(dim, keepDims: keepDims)))
        }
    }
}
