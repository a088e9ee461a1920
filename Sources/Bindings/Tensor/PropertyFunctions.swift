import LuaHost
import Tensors

/// What a tensor is (shape, dtype, values) and conversions to other dtypes (Torch7's names).
enum PropertyFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        .method("shape", "The sizes of the dimensions: a list that prints as (2, 3).", returns: "a list of integers",
                example: "print(tensor.zeros(2, 3):shape())") { call, t in call.push(ShapeList(t.shape.array)) },
        .method("size", "The sizes of the dimensions, or the size of one dimension (Torch7's size).", [.dim(default: "all dimensions")],
                returns: "a list of integers, or an integer", example: "local t = tensor.zeros(2, 3)\nprint(t:size(), t:size(-1))") { call, t in
            call.isMissing(2) ? call.push(ShapeList(t.shape.array)) : call.push(try t.size(call.dimension(2)))
        },
        .method("stride", "The strides (in elements) of the dimensions, or of one dimension.", [.dim(default: "all dimensions")],
                returns: "a list of integers, or an integer", example: "print(tensor.zeros(2, 3):stride(1))") { call, t in
            call.isMissing(2) ? call.push(t.strides.array) : call.push(t.strides[try t.normalizedDimension(call.dimension(2))])
        },
        .method("dim", "The number of dimensions.", returns: "an integer", example: "print(tensor.zeros(2, 3):dim())") { call, t in call.push(t.rank) },
        .method("numel", "The number of elements.", returns: "an integer", example: "print(tensor.zeros(2, 3):numel())") { call, t in call.push(t.count) },
        .method("dtype", "The element type: 'float32', 'int64', 'uint8' or 'bool'.", returns: "a string",
                example: "print(tensor{1, 2}:dtype())") { call, t in call.push(t.dtype.description) },
        .method("is_contiguous", "True when the elements lie in row-major order without gaps (views may not).", returns: "a boolean",
                example: "print(tensor.zeros(2, 3):t():is_contiguous())") { call, t in call.push(t.isContiguous) },
        .method("item", "The value of a one-element tensor: a number, an integer (int64, uint8) or a boolean.", returns: "a number, integer or boolean",
                example: "print(tensor{1, 2, 3}:sum():item())") { call, t in call.push(try LuaScalar(of: t)) },
        .method("totable", "The elements as nested Lua tables, one level per dimension (a 0-dimensional tensor gives its value).", returns: "a table",
                example: "local rows = tensor{{1, 2}, {3, 4}}:totable()\nprint(rows[2][1])") { call, t in try call.push(elementsOf: t) },
        .method("to", "A copy converted to another dtype (the tensor itself when it already has it).", [dtypeName],
                example: "print(tensor{1.7, -2}:to('int64'))") { call, t in call.push(try t.to(call.dtype(2))) },
        // Torch7: t:type() names the dtype, t:type('int64') converts.
        .method("type", "Torch7's type: without an argument the dtype's name, with one a converted copy.",
                [LuaParameter("dtype", .string, default: "none: gives the name", dtypeName.doc)],
                returns: "a string, or a Tensor", example: "local t = tensor{1, 2}\nprint(t:type(), t:type('uint8'):dtype())") { call, t in
            call.isMissing(2) ? call.push(t.dtype.description) : call.push(try t.to(call.dtype(2)))
        },
        conversion("float", .float32),
        conversion("long", .int64),
        conversion("byte", .uint8),
        conversion("bool", .bool),
    ]

    nonisolated(unsafe) private static let dtypeName = LuaParameter("dtype", .string, "'float32', 'int64', 'uint8' or 'bool' (also 'float', 'long', 'byte')")

    /// Torch7's conversions by name.
    private static func conversion(_ name: String, _ dtype: DType) -> TensorFunction {
        .method(name, "A copy converted to \(dtype) (the tensor itself when it already is), as Torch7's :\(name)().",
                example: "print(tensor{0, 1.5, 2}:\(name)())") { call, t in call.push(try t.to(dtype)) }
    }
}

extension Tensor {
    /// A 0-based dimension that may count from the end, checked against the rank (as `size` does).
    func normalizedDimension(_ dim: Int) throws -> Int {
        _ = try size(dim)
        return dim < 0 ? dim + rank : dim
    }
}
