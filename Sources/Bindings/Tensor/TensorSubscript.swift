import LuaHost
import Tensors

/// `t[key]` and `t[key] = value`, Torch7 style, with 1-based positions (negative ones count from the end):
/// - `t[i]` selects along dimension 1 (a number when the result has no dimension left);
/// - `t[{i, {a, b}, {}, {a, b, step}}]`: per dimension, a number selects, `{a, b}` keeps the inclusive range,
///   `{a}` keeps one position, `{}` keeps the whole dimension; dimensions not listed are kept;
/// - `t[mask]` with a bool tensor gives the selected elements; `t[positions]` with an int64 tensor the
///   slices along dimension 1;
/// - assignment writes a number, or a tensor broadcast to the selected shape, into the selection;
/// - the fields `grad`, `requires_grad` (both settable) and `is_leaf`.
enum TensorSubscript {
    static func read(_ call: LuaCall, _ t: Tensor) throws -> Int32 {
        switch call.type(2) {
        case .number:
            return try pushSelection(call, t.select(0, Subscript.position(call.argument(2), dim: 0, of: t)))
        case .table:
            return try pushSelection(call, Subscript(call.table(2), of: t).view)
        case .string:
            switch try call.argument(2, as: String.self) {
            case "grad": return t.grad.map { call.push($0) } ?? call.pushNil()
            case "requires_grad": return call.push(t.requiresGrad)
            case "is_leaf": return call.push(t.isLeaf)
            default: return call.pushNil() // a missing field reads as nil, as in any Lua table
            }
        default:
            let key = try keyTensor(call)
            if key.dtype == .bool { return call.push(try t.maskedSelect(key)) }
            return call.push(try t.indexSelect(0, index: call.positions(2)))
        }
    }

    static func write(_ call: LuaCall, _ t: Tensor) throws -> Int32 {
        switch call.type(2) {
        case .number:
            try assign(call, into: t.select(0, Subscript.position(call.argument(2), dim: 0, of: t)))
        case .table:
            try assign(call, into: Subscript(call.table(2), of: t).view)
        case .string:
            try setField(call, t, try call.argument(2))
        default:
            let mask = try keyTensor(call)
            guard mask.dtype == .bool else {
                throw LuaError.message("Tensor: t[positions] = value is not supported; assign through a bool mask, or use index_add_")
            }
            if let value = try number(call, 3) {
                try t.maskedFill_(mask, value: value)
            } else {
                guard let values = try? call.tensor(3) else { throw call.mismatch(3, expected: "a number or a Tensor to assign") }
                if values.count == 1 { try t.maskedFill_(mask, value: values.item()) } else { try t.maskedScatter_(mask, source: values) }
            }
        }
        return 0
    }

    /// A number or a boolean (1 or 0) to assign; nil for other values.
    private static func number(_ call: LuaCall, _ index: Int32) throws -> Double? {
        switch call.type(index) {
        case .number: try call.argument(index)
        case .boolean: try call.argument(index, as: Bool.self) ? 1 : 0
        default: nil
        }
    }

    private static func keyTensor(_ call: LuaCall) throws -> Tensor {
        guard let key = try? call.tensor(2) else {
            throw call.mismatch(2, expected: "an index (a number, a table of ranges, a bool mask or an int64 tensor of positions) or a field name")
        }
        return key
    }

    /// A selection of no dimension is an element: it reads as a Lua value.
    private static func pushSelection(_ call: LuaCall, _ view: Tensor) throws -> Int32 {
        view.rank == 0 ? call.push(try LuaScalar(of: view)) : call.push(view)
    }

    private static func assign(_ call: LuaCall, into view: Tensor) throws {
        if let value = try number(call, 3) {
            try view.fill_(value)
            return
        }
        guard let source = try? call.tensor(3) else { throw call.mismatch(3, expected: "a number or a Tensor to assign") }
        try view.copy_(source)
    }

    private static func setField(_ call: LuaCall, _ t: Tensor, _ name: String) throws {
        switch name {
        case "requires_grad":
            guard call.type(3) == .boolean else {
                throw LuaError.message("Tensor: requires_grad must be set to a boolean, got \(call.type(3).name)")
            }
            try t.setRequiresGrad(call.argument(3, as: Bool.self))
        case "grad":
            if call.isMissing(3) {
                t.grad = nil
                return
            }
            guard let grad = try? call.tensor(3) else { throw call.mismatch(3, expected: "a Tensor or nil for the field 'grad'") }
            guard grad.shape == t.shape, grad.dtype == .float32 else {
                throw call.invalid(3, "must be a float32 tensor of the tensor's shape \(t.shape) to be its grad, got a \(grad.dtype) tensor of shape \(grad.shape)")
            }
            t.grad = grad
        default:
            throw LuaError.message("Tensor: cannot set the field '\(name)' (only 'grad' and 'requires_grad' can be set)")
        }
    }
}

/// The view that a table subscript `{i, {a, b}, {}}` selects.
private struct Subscript {
    let view: Tensor

    init(_ table: LuaTable, of t: Tensor) throws {
        guard table.count <= t.rank else {
            throw TensorError("indexing", .index, "\(table.count) subscripts for a tensor of \(t.rank) dimensions (shape \(t.shape))")
        }
        var view = t
        var dim = 0 // in the view: selected dimensions disappear from it
        for k in stride(from: 1, through: table.count, by: 1) {
            let original = k - 1
            let size = t.shape[original]
            view = try table.withElement(k) { element in
                switch element.type {
                case .number:
                    return try view.select(dim, Subscript.position(element.value(), dim: original, of: t))
                case .table:
                    let bounds = try element.table(expected: "a number or a range {first, last[, step]}").array(of: Int.self)
                    defer { dim += 1 }
                    return try Subscript.range(bounds, dim: original, size: size, in: view, at: dim)
                default:
                    throw element.mismatch(expected: "a number or a range {first, last[, step]}")
                }
            }
        }
        self.view = view
    }

    /// The 0-based position of a 1-based (or negative) one, checked against dimension `dim` of `t`.
    static func position(_ position: Int, dim: Int, of t: Tensor) throws -> Int {
        guard t.rank > 0 else {
            throw TensorError("indexing", .index, "a 0-dimensional tensor has no positions to index; use t:item()")
        }
        return try checked(position, dim: dim, size: t.shape[dim])
    }

    private static func checked(_ position: Int, dim: Int, size: Int) throws -> Int {
        guard let p = zeroBased(position) else {
            throw TensorError("indexing", .index, "index 0 out of range for dimension \(dim: dim) of size \(size) (positions count from 1)")
        }
        let i = p < 0 ? p + size : p
        guard i >= 0, i < size else {
            throw TensorError("indexing", .index, "index \(index: p) out of range for dimension \(dim: dim) of size \(size)")
        }
        return i
    }

    /// `{}` (all), `{a}` (one position, kept), `{a, b}` and `{a, b, step}` (inclusive).
    private static func range(_ bounds: [Int], dim original: Int, size: Int, in view: Tensor, at dim: Int) throws -> Tensor {
        switch bounds.count {
        case 0: return view
        case 1: return try view.narrow(dim, start: checked(bounds[0], dim: original, size: size), length: 1)
        case 2, 3:
            let first = try checked(bounds[0], dim: original, size: size)
            let step = bounds.count == 3 ? bounds[2] : 1
            guard step > 0 else {
                throw TensorError("indexing", .value, "the step of a range must be positive, got \(step) for dimension \(dim: original)")
            }
            // An empty range ends just before its start: {3, 2}.
            if let last = zeroBased(bounds[1]), (last < 0 ? last + size : last) == first - 1 {
                return try view.narrow(dim, start: first, length: 0)
            }
            let last = try checked(bounds[1], dim: original, size: size)
            guard last >= first else {
                throw TensorError("indexing", .index, "the range {\(bounds[0]), \(bounds[1])} of dimension \(dim: original) runs backwards (size \(size))")
            }
            return try view.slice(dim, start: first, end: last + 1, step: step)
        default:
            throw TensorError("indexing", .index, "a range is {first, last} or {first, last, step}, got \(bounds.count) numbers for dimension \(dim: original)")
        }
    }
}
