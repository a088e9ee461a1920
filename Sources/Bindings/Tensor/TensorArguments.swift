import LuaHost
import Tensors

/// The right-hand side of arithmetic and comparisons: a tensor, or a number (an integer keeps integer
/// tensors integer, as `labels + 1`).
enum TensorOperand {
    case tensor(Tensor)
    case integer(Int)
    case number(Double)

    /// Calls the overload that takes this operand: a tensor, an integer (when the operation has an integer
    /// form, which keeps integer tensors integer) or a number.
    func apply(tensor: (Tensor) throws -> Tensor, integer: ((Int) throws -> Tensor)? = nil,
               number: (Double) throws -> Tensor) throws -> Tensor {
        switch self {
        case .tensor(let t): try tensor(t)
        case .integer(let i): try integer.map { try $0(i) } ?? number(Double(i))
        case .number(let x): try number(x)
        }
    }

    /// The operand as a tensor, for operations that only take tensors (a 0-dimensional one for numbers).
    func asTensor(like other: Tensor) -> Tensor {
        switch self {
        case .tensor(let t): t
        case .integer(let i): Tensor(scalar: Double(i), dtype: other.dtype == .float32 ? .float32 : .int64)
        case .number(let x): Tensor(scalar: x)
        }
    }
}

/// The dtype names scripts use; the short aliases are Torch7's and PyTorch's.
enum DTypeName {
    static let listed = "'float32', 'int64', 'uint8', 'bool'"

    static func parse(_ name: String) -> DType? {
        switch name {
        case "float32", "float": .float32
        case "int64", "long": .int64
        case "uint8", "byte": .uint8
        case "bool": .bool
        default: nil
        }
    }
}

extension LuaCall {
    /// A tensor or a number.
    func operand(_ index: Int32) throws -> TensorOperand {
        if type(index) == .number {
            if let integer = Int.read(state, index) { return .integer(integer) }
            return .number(try argument(index))
        }
        guard let tensor = try? tensor(index) else { throw mismatch(index, expected: "a Tensor or a number") }
        return .tensor(tensor)
    }

    /// Sizes written as integers from `index` on (`zeros(2, 3)`) or as one table (`zeros({2, 3})`), and
    /// the index of the argument after them.
    func sizes(from index: Int32) throws -> (sizes: [Int], next: Int32) {
        if type(index) == .table {
            return (try table(index, expected: "a table of sizes").array(of: Int.self), index + 1)
        }
        var sizes: [Int] = []
        var next = index
        while type(next) == .number {
            sizes.append(try argument(next))
            next += 1
        }
        guard !sizes.isEmpty else { throw mismatch(index, expected: "sizes (integers or a table of them)") }
        return (sizes, next)
    }

    /// A table of sizes (`full({2, 3}, 7)`, where loose integers would be ambiguous).
    func sizeTable(_ index: Int32) throws -> [Int] {
        try table(index, expected: "a table of sizes").array(of: Int.self)
    }

    /// A dtype given by name (`t:to('int64')`).
    func dtype(_ index: Int32) throws -> DType {
        let name: String = try argument(index)
        guard let dtype = DTypeName.parse(name) else {
            throw invalid(index, "must be one of \(DTypeName.listed), got '\(name)'")
        }
        return dtype
    }

    /// A list of tensors (`tensor.cat({a, b}, 1)`).
    func tensors(_ index: Int32) throws -> [Tensor] {
        let list = try table(index, expected: "a list of tensors")
        return try (0..<list.count).map { k in try list.withElement(k + 1) { try $0.object(TensorLua.luaClass) } }
    }

    /// A tensor or a list of tensors, and whether it was a single tensor (autograd.grad's arguments).
    func tensorOrList(_ index: Int32) throws -> (tensors: [Tensor], single: Bool) {
        if type(index) == .table { return (try tensors(index), false) }
        guard let tensor = try? tensor(index) else { throw mismatch(index, expected: "a Tensor or a list of tensors") }
        return ([tensor], true)
    }
}

extension LuaOptions {
    /// The `dtype` option by name, nil when absent.
    func optionalDType() throws -> DType? {
        try with("dtype") { element in
            if element.isMissing { return nil }
            let name: String = try element.value()
            guard let dtype = DTypeName.parse(name) else {
                throw element.invalid("must be one of \(DTypeName.listed), got '\(name)'")
            }
            return dtype
        }
    }

    /// The `dtype` option by name, or its declared default when absent.
    func dtype() throws -> DType {
        if let dtype = try optionalDType() { return dtype }
        let name: String = try value("dtype")
        guard let dtype = DTypeName.parse(name) else {
            throw LuaError.message("internal error: the declared default dtype '\(name)' is not one of \(DTypeName.listed)")
        }
        return dtype
    }
}
