import Datasets
import LuaHost
import Tensors

// Reading the arguments of the `data` functions: tensors or Lua lists, sequences of ids, seeds,
// dimensions; and building result tables that hold tensors.

/// A tensor inside a result table (a LuaRecord field or an array element).
struct TensorValue: LuaPushable {
    let call: LuaCall
    let tensor: Tensor

    func push(onto state: OpaquePointer) { call.push(tensor) }
}

/// A Lunette object (a scaler, a vocabulary) inside a list of results.
struct ObjectValue<Object: AnyObject>: LuaPushable {
    let call: LuaCall
    let object: Object
    let luaClass: LuaClass<Object>

    func push(onto state: OpaquePointer) { call.push(object, luaClass) }
}

extension LuaCall {
    func value(_ tensor: Tensor) -> TensorValue { TensorValue(call: self, tensor: tensor) }

    /// The argument as a tensor when it is one, else nil.
    func optionalTensor(_ index: Int32) -> Tensor? { try? tensor(index) }

    /// A list of strings (texts, tokens).
    func strings(_ index: Int32, expected: String = "a list of strings") throws -> [String] {
        try table(index, expected: expected).array(of: String.self)
    }

    /// Integer ids or labels given as an integer tensor (any shape, read in row-major order) or a Lua
    /// list of integers.
    func integers(_ index: Int32, expected: String) throws -> [Int64] {
        if let tensor = optionalTensor(index) {
            return try tensor.wholeNumbers { _, value in invalid(index, "holds \(value), not an integer") }
        }
        guard type(index) == .table else { throw mismatch(index, expected: expected) }
        return try table(index).array(of: Int.self).map(Int64.init)
    }

    /// A list of sequences: a Lua list whose elements are 1-D tensors or lists of numbers, a Lua list of
    /// numbers (one sequence), a 1-D tensor (one sequence) or a 2-D tensor (one sequence per row).
    func sequences(_ index: Int32) throws -> [[Double]] {
        let expected = "a list of sequences (tensors or lists of numbers)"
        if let tensor = optionalTensor(index) {
            guard tensor.rank == 1 || tensor.rank == 2 else {
                throw invalid(index, "must be a 1-D tensor (one sequence) or a 2-D one (one sequence per row), got shape \(tensor.shape)")
            }
            let values = try doubles(of: tensor)
            if tensor.rank == 1 { return [values] }
            let width = tensor.shape[1]
            return (0..<tensor.shape[0]).map { Array(values[$0 * width..<($0 + 1) * width]) }
        }
        let list = try table(index, expected: expected)
        var result: [[Double]] = []
        result.reserveCapacity(list.count)
        var flat: [Double] = []
        for position in stride(from: 1, through: list.count, by: 1) {
            try list.withElement(position) { element in
                switch element.type {
                case .number where result.isEmpty:
                    flat.append(try element.value(as: Double.self))
                case .table where flat.isEmpty:
                    result.append(try element.table().array(of: Double.self))
                case .userdata where flat.isEmpty:
                    let tensor = try element.object(TensorLua.luaClass)
                    guard tensor.rank == 1 else { throw element.invalid("must be a 1-D tensor, got shape \(tensor.shape)") }
                    result.append(try doubles(of: tensor))
                default:
                    throw element.mismatch(expected: flat.isEmpty ? "a tensor or a list of numbers" : "a number (the list started with numbers)")
                }
            }
        }
        return flat.isEmpty ? result : [flat]
    }

    /// Sequences of word ids (0 = padding) as the text functions take them.
    func idSequences(_ index: Int32) throws -> [[Int32]] {
        try sequences(index).map { sequence in
            try sequence.map { value in
                guard value.rounded() == value, value >= 0, value <= Double(Int32.max) else {
                    throw invalid(index, "holds \(formatNumber(value)), which is not a word id (an integer 0 or more)")
                }
                return Int32(value)
            }
        }
    }

    /// Tensors and Lua lists given as consecutive arguments from `first` up to an option table.
    /// Returns them and the index of the options (nil when there are none).
    func dataArguments(from first: Int32) throws -> (arrays: [RowData], options: Int32?) {
        var arrays: [RowData] = []
        var index = first
        while index <= count {
            if let tensor = optionalTensor(index) {
                arrays.append(.tensor(tensor))
            } else if type(index) == .table {
                let table = try table(index)
                // A table without a list part is the options (a data list has at least one row).
                if table.count == 0 {
                    guard index == count else { throw invalid(index, "is an empty table; only the last argument may be options") }
                    return (arrays, index)
                }
                arrays.append(.list((1...table.count).map { k in table.withElement(k) { reference($0.index) } }))
            } else if isMissing(index) && index == count {
                break
            } else {
                throw mismatch(index, expected: "a tensor, a list or a table of options")
            }
            index += 1
        }
        guard !arrays.isEmpty else { throw mismatch(first, expected: "a tensor or a list") }
        return (arrays, nil)
    }

    /// The `seed` option (`seedOption`); absent, one is drawn from the tensor library's generator, so
    /// `tensor.manual_seed(n)` makes a whole script reproducible.
    func seed(_ options: LuaOptions) throws -> UInt64 {
        if let seed = try options.optional("seed", as: Int.self) { return UInt64(bitPattern: Int64(seed)) }
        return UInt64(bitPattern: try Tensor.randint(low: 0, high: Int.max, [1]).toArray(Int64.self)[0])
    }
}

/// The `seed` option of every function that draws at random.
var seedOption: LuaOption {
    LuaOption("seed", .integer, default: .described("drawn from tensor.manual_seed's generator"), "fixes the random draws")
}

/// The data arrays of `data.shuffle(a, b, ..., [options])` and its kin.
var dataArraysParameter: LuaParameter {
    LuaParameter("...", .described("tensors or lists"),
                 "the arrays, all with the same number of rows (tensors along dimension 1, lists by element)")
}

/// The rows of one data argument: a tensor (rows along its first dimension) or a Lua list.
enum RowData {
    case tensor(Tensor)
    case list([LuaReference])

    /// The rows at `indices` (0-based), as a new tensor or list.
    func select(_ indices: [Int], call: LuaCall) throws -> any LuaPushable {
        switch self {
        case .tensor(let tensor): return call.value(try selectRows(tensor, indices, operation: call.name))
        case .list(let values): return indices.map { values[$0] }
        }
    }
}

/// Checks that all arrays have the same number of rows and returns it.
func commonRows(_ arrays: [RowData], call: LuaCall) throws -> Int {
    let counts = try arrays.enumerated().map { position, array -> Int in
        switch array {
        case .tensor(let tensor): return try rowCount(tensor, position: position + 1, operation: call.name)
        case .list(let values): return values.count
        }
    }
    return try commonRowCount(counts, operation: call.name)
}

/// The values of any tensor in row-major order, as Doubles (exact for every float32 and for
/// integers up to 2^53).
func doubles(of tensor: Tensor) throws -> [Double] {
    tensor.dtype == .float32 ? try tensor.toArray(Float.self).map(Double.init) : try tensor.toArray(Int64.self).map(Double.init)
}

/// A Lua dimension (1-based, or negative from the end) as the library's (0-based, negative kept).
func libraryDim(_ dim: Int, call: LuaCall, option: String) throws -> Int {
    guard dim != 0 else {
        throw LuaError.message("\(call.name): option '\(option)' has dimension 0; dimensions count from 1 (or from -1 at the end)")
    }
    return dim > 0 ? dim - 1 : dim
}

/// A number for a result table: an integer when the value is integral (a rate of 360, not 360.0).
func luaNumber(_ value: Double) -> any LuaPushable {
    value.rounded() == value && abs(value) < 0x1p53 ? Int(value) as any LuaPushable : value
}
