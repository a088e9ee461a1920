import Imaging
import LuaHost
import Tensors

/// A value that holds data, given as a Lua table or a tensor, read the same way whether it is an
/// argument or an option: lists of numbers (a loss history, x and y of points), class ids, texts
/// (titles, category names) and matrices (a confusion matrix, a heatmap).
struct DataArgument {
    let type: LuaType
    let tensor: () -> Tensor?
    let table: () throws -> LuaTable
    /// `name: argument #k expected <text>, got <type>`.
    let mismatch: (String) -> LuaError
    /// `name: argument #k <text>`.
    let invalid: (String) -> LuaError

    /// Numbers from a sequence, or from a tensor of one dimension (also (N, 1) and (1, N), as
    /// predictions come).
    func numbers() throws -> [Double] {
        let expected = "a table of numbers or a 1-D tensor"
        if type == .table { return try table().array(of: Double.self) }
        guard let tensor = tensor() else { throw mismatch(expected) }
        guard Self.isVector(tensor) else { throw invalid("expected \(expected), got shape \(tensor.shape)") }
        switch tensor.dtype {
        case .float32: return try tensor.toArray(Float.self).map(Double.init)
        case .int64: return try tensor.toArray(Int64.self).map(Double.init)
        case .uint8, .bool: return try tensor.toArray(UInt8.self).map(Double.init)
        }
    }

    /// Whole numbers (class ids) from a sequence or a tensor of one dimension.
    func integers() throws -> [Int] {
        let expected = "a table of integers or a 1-D tensor"
        if type == .table { return try table().array(of: Int.self) }
        guard let tensor = tensor() else { throw mismatch(expected) }
        guard Self.isVector(tensor) else { throw invalid("expected \(expected), got shape \(tensor.shape)") }
        do {
            return try tensor.wholeNumbers().map { Int($0) }
        } catch let error as TensorError {
            throw invalid(String(error.message(indexBase: 1).dropFirst(error.op.count + 2)))
        }
    }

    /// Texts from a sequence of strings or numbers (numbers are written as people write them), or a
    /// tensor of one dimension (labels as titles).
    func texts() throws -> [String] {
        let expected = "a table of strings or a 1-D tensor"
        if type == .table {
            let table = try table()
            return try stride(from: 1, through: table.count, by: 1).map { k in
                try table.withElement(k) { element in
                    if element.type == .number { return formatNumber(try element.value(as: Double.self)) }
                    return try element.value(as: String.self)
                }
            }
        }
        guard let tensor = tensor() else { throw mismatch(expected) }
        guard Self.isVector(tensor) else { throw invalid("expected \(expected), got shape \(tensor.shape)") }
        return try tensor.to(.float32).toArray(Float.self).map { formatNumber(Double($0)) }
    }

    /// A matrix from a table of rows or a 2-D tensor; `allowChannel` also takes (H, W, 1), as grey
    /// images come.
    func matrix(allowChannel: Bool = false) throws -> ScalarMap {
        let expected = allowChannel ? "a 2-D tensor (H, W) or (H, W, 1), or a table of rows"
                                    : "a 2-D tensor or a table of rows"
        if type == .table { return try Self.matrix(from: table(), invalid: invalid) }
        guard let tensor = tensor() else { throw mismatch(expected) }
        let sizes = tensor.shape.array
        guard sizes.count == 2 || (allowChannel && sizes.count == 3 && sizes[2] == 1) else {
            throw invalid("expected \(expected), got shape \(tensor.shape)")
        }
        guard sizes[0] > 0, sizes[1] > 0 else { throw invalid("expected \(expected), got an empty tensor of shape \(tensor.shape)") }
        let values = try tensor.to(.float32).toArray(Float.self)
        return try ScalarMap(rows: sizes[0], columns: sizes[1], values: values)
    }

    // MARK: Helpers

    static func isVector(_ tensor: Tensor) -> Bool {
        tensor.rank == 1 || (tensor.rank == 2 && (tensor.shape[0] == 1 || tensor.shape[1] == 1))
    }

    private static func matrix(from table: LuaTable, invalid: (String) -> LuaError) throws -> ScalarMap {
        var values: [Float] = []
        var columns = 0
        for k in stride(from: 1, through: table.count, by: 1) {
            let row = try table.withElement(k) { try $0.table(expected: "a table of numbers (a row)").array(of: Float.self) }
            if k == 1 { columns = row.count }
            guard row.count == columns, columns > 0 else {
                throw invalid("row \(k) has \(row.count) values, row 1 has \(columns); rows must be non-empty and of one length")
            }
            values += row
        }
        guard columns > 0 else { throw invalid("expected a table of rows, got an empty table") }
        return try ScalarMap(rows: table.count, columns: columns, values: values)
    }
}

extension LuaValueKind {
    /// Data as the declarations say it: a Lua list or a tensor.
    static let numbers = LuaValueKind.oneOf([.list(.number), .tensor])
    static let integers = LuaValueKind.oneOf([.list(.integer), .tensor])
    static let texts = LuaValueKind.oneOf([.list(.string), .tensor])
    static let matrix = LuaValueKind.described("a 2-D tensor or a table of rows")
}

extension LuaCall {
    /// The argument at `index`, to read as data.
    func data(_ index: Int32) -> DataArgument {
        DataArgument(type: type(index), tensor: { try? tensor(index) }, table: { try table(index) },
                     mismatch: { mismatch(index, expected: $0) }, invalid: { invalid(index, $0) })
    }
}

extension LuaElement {
    /// The element or option, to read as data.
    var data: DataArgument {
        DataArgument(type: type, tensor: { try? object(TensorLua.luaClass) }, table: { try table() },
                     mismatch: { mismatch(expected: $0) }, invalid: { invalid($0) })
    }
}
