import LuaHost
import Tensors

// Lua counts positions from 1, the Tensors library from 0; negative numbers count from the end in
// both (-1 is the last). Every dimension and position crosses the boundary through these readers,
// indices coming back are shifted by `oneBased`, and the library's messages are shifted back in
// TensorErrorMessages.swift.

/// A 1-based (or negative) position as the library's 0-based one; nil for 0, which names nothing.
func zeroBased(_ position: Int) -> Int? {
    position > 0 ? position - 1 : position < 0 ? position : nil
}

/// Indices the library computed (argmax, sort...), as the 1-based positions Lua scripts use.
func oneBased(_ indices: Tensor) throws -> Tensor { try indices.add(1) }

extension LuaCall {
    /// A dimension argument: `t:sum(2)`, `t:softmax(-1)`.
    func dimension(_ index: Int32) throws -> Int {
        let dim: Int = try argument(index)
        guard let d = zeroBased(dim) else {
            throw invalid(index, "is dimension 0, which does not exist: dimensions count from 1 (-1 is the last)")
        }
        return d
    }

    /// A dimension argument, or `defaultDim` (0-based) when it is absent.
    func dimension(_ index: Int32, default defaultDim: Int) throws -> Int {
        isMissing(index) ? defaultDim : try dimension(index)
    }

    /// One dimension or a table of them (`t:mean({2, 3})`); nil when absent (all dimensions).
    func dimensions(_ index: Int32) throws -> [Int]? {
        if isMissing(index) { return nil }
        if type(index) == .number { return [try dimension(index)] }
        let dims = try table(index, expected: "a dimension or a table of dimensions").array(of: Int.self)
        return try dims.map { dim in
            guard let d = zeroBased(dim) else {
                throw invalid(index, "holds dimension 0, which does not exist: dimensions count from 1 (-1 is the last)")
            }
            return d
        }
    }

    /// A position along a dimension: narrow's start, select's index.
    func position(_ index: Int32) throws -> Int {
        let position: Int = try argument(index)
        guard let p = zeroBased(position) else {
            throw invalid(index, "is position 0, which does not exist: positions count from 1 (-1 is the last)")
        }
        return p
    }

    /// A tensor of 1-based positions (gather, index_select...), as the library's 0-based indices.
    func positions(_ index: Int32) throws -> Tensor {
        let positions = try tensor(index)
        guard positions.dtype == .int64 || positions.dtype == .uint8 else {
            throw invalid(index, "must be an int64 tensor of positions (counting from 1), got a \(positions.dtype) tensor")
        }
        return try positions.sub(1)
    }

    /// Dimensions written as integers from `index` on (`t:permute(2, 1)`) or as one table
    /// (`t:permute({2, 1})`).
    func dimensionList(from index: Int32) throws -> [Int] {
        if type(index) == .table { return try dimensions(index) ?? [] }
        var dims: [Int] = []
        var next = index
        while type(next) == .number {
            dims.append(try dimension(next))
            next += 1
        }
        guard !dims.isEmpty else { throw mismatch(index, expected: "dimensions (integers or a table of them)") }
        return dims
    }
}
