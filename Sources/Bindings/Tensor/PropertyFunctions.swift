import LuaHost
import Tensors

/// What a tensor is (shape, dtype, values) and conversions to other dtypes (Torch7's names).
enum PropertyFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        .method("shape") { call, t in call.push(ShapeList(t.shape.array)) },
        .method("size") { call, t in
            call.isMissing(2) ? call.push(ShapeList(t.shape.array)) : call.push(try t.size(call.dimension(2)))
        },
        .method("stride") { call, t in
            call.isMissing(2) ? call.push(t.strides.array) : call.push(t.strides[try t.normalizedDimension(call.dimension(2))])
        },
        .method("dim") { call, t in call.push(t.rank) },
        .method("numel") { call, t in call.push(t.count) },
        .method("dtype") { call, t in call.push(t.dtype.description) },
        .method("is_contiguous") { call, t in call.push(t.isContiguous) },
        .method("item") { call, t in call.push(try LuaScalar(of: t)) },
        .method("totable") { call, t in try call.push(elementsOf: t) },
        .method("to") { call, t in call.push(try t.to(call.dtype(2))) },
        // Torch7: t:type() names the dtype, t:type('int64') converts.
        .method("type") { call, t in
            call.isMissing(2) ? call.push(t.dtype.description) : call.push(try t.to(call.dtype(2)))
        },
        .method("float") { call, t in call.push(try t.to(.float32)) },
        .method("long") { call, t in call.push(try t.to(.int64)) },
        .method("byte") { call, t in call.push(try t.to(.uint8)) },
        .method("bool") { call, t in call.push(try t.to(.bool)) },
    ]
}

extension Tensor {
    /// A 0-based dimension that may count from the end, checked against the rank (as `size` does).
    func normalizedDimension(_ dim: Int) throws -> Int {
        _ = try size(dim)
        return dim < 0 ? dim + rank : dim
    }
}

