import LuaHost
import Tensors

/// Nested Lua tables of numbers or booleans as tensors: `tensor{{1, 2}, {3, 4}}`. Numbers become float32
/// (Torch7's and Keras' default; `{dtype = 'int64'}` for labels), booleans a bool tensor; rows must have
/// equal lengths.
enum NestedTables {
    /// Reads the table (or number, or boolean) at `index`.
    static func tensor(_ call: LuaCall, _ index: Int32, dtype: DType?) throws -> Tensor {
        switch call.type(index) {
        case .number:
            let value: Double = try call.argument(index)
            if dtype ?? .float32 == .float32, overflowsFloat32(value) { throw call.invalid(index, float32OverflowProblem(value)) }
            return Tensor(scalar: value, dtype: dtype ?? .float32)
        case .boolean: return Tensor(scalar: try call.argument(index, as: Bool.self) ? 1 : 0, dtype: dtype ?? .bool)
        default: break
        }
        let table = try call.table(index, expected: "a table of numbers (nested for more dimensions), a number or a Tensor")
        let sizes = try shape(of: table)
        var leaves = Leaves(dtype: dtype)
        try leaves.read(table, sizes: sizes, depth: 0)
        return try leaves.tensor(shape: sizes)
    }

    /// The sizes along the first element of each level. Nesting deeper than tensors allow is refused
    /// here, which also stops a table that contains itself.
    private static func shape(of table: LuaTable) throws -> [Int] {
        var sizes: [Int] = []
        // Recursive because an element's table lives on the stack only while withElement runs.
        func descend(_ level: LuaTable) throws {
            sizes.append(level.count)
            guard level.count > 0 else { return }
            try level.withElement(1) { element in
                guard element.type == .table else { return }
                guard sizes.count < Shape.maxRank else {
                    throw TensorError("tensor", .shape, "tables nest deeper than the \(Shape.maxRank) dimensions a tensor can have")
                }
                try descend(element.table())
            }
        }
        try descend(table)
        return sizes
    }

    /// The leaves in row-major order, converted to the dtype as they are read. Without a dtype the first
    /// leaf decides: a boolean makes a bool tensor, a number a float32 one.
    private struct Leaves {
        var dtype: DType?
        var floats: [Float] = []
        var integers: [Int64] = []
        var bytes: [UInt8] = []

        init(dtype: DType?) { self.dtype = dtype }

        mutating func read(_ table: LuaTable, sizes: [Int], depth: Int) throws {
            for k in stride(from: 1, through: table.count, by: 1) {
                try table.withElement(k) { element in
                    guard depth + 1 < sizes.count else { return try readLeaf(element) }
                    let row = try element.table(expected: "a table (a row of \(sizes[depth + 1]) elements)")
                    guard row.count == sizes[depth + 1] else {
                        throw element.invalid("has \(row.count) elements where \(sizes[depth + 1]) were expected (rows must have equal lengths)")
                    }
                    try read(row, sizes: sizes, depth: depth + 1)
                }
            }
        }

        private mutating func readLeaf(_ element: LuaElement) throws {
            let dtype = self.dtype ?? (element.type == .boolean ? .bool : .float32)
            self.dtype = dtype
            if element.type == .boolean {
                let truth: Bool = try element.value()
                switch dtype {
                case .float32: floats.append(truth ? 1 : 0)
                case .int64: integers.append(truth ? 1 : 0)
                case .uint8, .bool: bytes.append(truth ? 1 : 0)
                }
                return
            }
            switch dtype {
            case .float32:
                let value = try element.value(as: Double.self)
                guard !overflowsFloat32(value) else { throw element.invalid(float32OverflowProblem(value)) }
                floats.append(Float(value))
            case .int64: integers.append(Int64(try element.value(as: Int.self)))
            case .uint8:
                let value: Int = try element.value()
                guard (0...255).contains(value) else { throw element.invalid("must lie in 0...255 for a uint8 tensor, got \(value)") }
                bytes.append(UInt8(value))
            case .bool: bytes.append(try element.value(as: Double.self) != 0 ? 1 : 0)
            }
        }

        func tensor(shape: [Int]) throws -> Tensor {
            switch dtype ?? .float32 {
            case .float32: try Tensor(floats, shape: shape)
            case .int64: try Tensor(integers, shape: shape)
            case .uint8: try Tensor(bytes, shape: shape)
            case .bool: try Tensor(bytes.map { $0 != 0 }, shape: shape)
            }
        }
    }
}

/// A finite Lua number that float32 would turn into infinity (a diverging simulation, a wrong unit):
/// refused rather than stored as inf, which would show up only later as a NaN loss.
func overflowsFloat32(_ value: Double) -> Bool { value.isFinite && !Float(value).isFinite }

/// The number at `index`, to fill a tensor of `dtype` with: refused when float32 would make it infinite.
func fillValue(_ call: LuaCall, _ index: Int32, for dtype: DType) throws -> Double {
    let value: Double = try call.argument(index)
    if dtype == .float32, overflowsFloat32(value) { throw call.invalid(index, float32OverflowProblem(value)) }
    return value
}

func float32OverflowProblem(_ value: Double) -> String {
    "is \(value), beyond the range of float32 (about ±3.4e38); scale the values first, or check where they come from"
}
