import LuaHost
import Tensors

// The `tensor` module: creating tensors, joining them, and every tensor operation also as a function
// (`tensor.exp(t)` is `t:exp()`).
//
// Two conventions meet here, and both are deliberate:
// - Positions count from 1, as everywhere in Lua (and Torch7): dimensions (`t:sum(2)`, `t:size(1)`,
//   -1 is the last), `t[i]` and the inclusive ranges of `t[{i, {a, b}}]`, narrow's start, select's index,
//   the indices that argmax/argmin/max/min/sort/argsort/topk/randperm return and that gather,
//   scatter_add, index_select and index_add take. The library below counts from 0; the conversion
//   happens in LuaPositions.swift (arguments) and TensorErrorMessages.swift (messages).
// - Class ids are data, not positions, and count from 0 as in Keras: `tensor.one_hot(labels, K)` and
//   `t:one_hot(K)` take ids 0..K-1 (MNIST digit 5 is class 5, as Keras' to_categorical), so
//   `probs:argmax(2) - 1` gives class ids.

enum TensorModule {
    static let help = """
        tensor: n-dimensional arrays (float32 values, int64 indices and labels, uint8 bytes, bool masks)
        with NumPy broadcasting, views that share storage, and automatic differentiation (see autograd).

        Positions count from 1, as everywhere in Lua: dimensions (t:sum(2), t:size(1); -1 is the last),
        t[i] and t[{i, {first, last}, {}}] (inclusive ranges), narrow's start, select's index, and the
        indices that argmax, argmin, max, min, sort, argsort, topk and randperm return and that gather,
        scatter_add, index_select and index_add take.
        Class ids are data and count from 0, as in Keras: tensor.one_hot(labels, K) and t:one_hot(K)
        take ids 0..K-1 (MNIST digit 5 is class 5), so probs:argmax(2) - 1 gives class ids.

        Creating: tensor{{1, 2}, {3, 4}} or tensor.tensor(table) (numbers give float32, booleans bool),
          zeros, ones, empty, full, zeros_like, ones_like, full_like, arange (end excluded), linspace,
          eye, rand, randn, uniform, normal, bernoulli, randint, randperm; manual_seed(n) for repeatable
          random numbers. Options: {dtype = 'float32' | 'int64' | 'uint8' | 'bool', requires_grad = true}.
        Joining: tensor.cat({a, b}, dim), tensor.stack({a, b}, dim), tensor.where(mask, a, b).
        Reductions give tensors (0-dimensional for a whole-tensor reduction: t:sum():item() is a number);
          max and min along a dimension give the values and their positions.
        Operators: + - * / % ^ and unary - take a number on either side; compare elementwise with
          t:eq(x), t:lt(x)... (== is identity). tensor.no_grad(fn, ...) runs fn without autograd.
        help(t) lists a tensor's methods.
        """

    static func register(in host: LuaHost) {
        host.register(module: "tensor") { module in
            module.value("help", help)
            for dtype in DType.allCases { module.value(dtype.description, dtype.description) }
            module.call { call in try fromData(call, 2) }
            module.function("tensor") { call in try fromData(call, 1) }
            for (name, body) in creation + joining { module.function(name, body) }
            module.function("manual_seed") { call in
                Random.manualSeed(UInt64(bitPattern: Int64(try call.argument(1, as: Int.self))))
                return 0
            }
            module.function("is_tensor") { call in call.push((try? call.tensor(1)) != nil) }
            module.function("no_grad", AutogradFunctions.running(gradientsEnabled: false))
            for function in TensorLua.functions where function.isFunctional {
                module.function(function.name) { call in try function.body(call, call.tensor(1)) }
            }
        }
    }

    /// `tensor(data, options)`: nested tables, a number, a boolean, or a tensor (copied).
    private static func fromData(_ call: LuaCall, _ index: Int32) throws -> Int32 {
        let options = try call.options(index + 1)
        let dtype = try options.optionalDType()
        let t: Tensor
        if call.type(index) == .userdata, let source = try? call.tensor(index) {
            t = try source.detach().to(dtype ?? source.dtype).clone()
        } else {
            t = try NestedTables.tensor(call, index, dtype: dtype)
        }
        return call.push(try finish(t, options))
    }

    /// The option every constructor takes besides `dtype`; unknown options are refused after it.
    private static func finish(_ t: Tensor, _ options: LuaOptions) throws -> Tensor {
        if try options.value("requires_grad", default: false) { try t.setRequiresGrad() }
        try options.rejectUnknown()
        return t
    }

    /// Constructors of a given shape: `zeros(2, 3)` or `zeros({2, 3})`, then options.
    private static func sized(_ make: @escaping (_ sizes: [Int], _ options: LuaOptions) throws -> Tensor) -> LuaFunctionBody {
        { call in
            let (sizes, next) = try call.sizes(from: 1)
            let options = try call.options(next)
            return call.push(try finish(make(sizes, options), options))
        }
    }

    nonisolated(unsafe) private static let creation: [(String, LuaFunctionBody)] = [
        ("zeros", sized { sizes, options in try Tensor.zeros(sizes, dtype: options.dtype(default: .float32)) }),
        ("ones", sized { sizes, options in try Tensor.ones(sizes, dtype: options.dtype(default: .float32)) }),
        ("empty", sized { sizes, options in try Tensor.empty(sizes, dtype: options.dtype(default: .float32)) }),
        ("rand", sized { sizes, _ in try Tensor.rand(sizes) }),
        ("randn", sized { sizes, _ in try Tensor.randn(sizes) }),
        ("full", { call in
            let options = try call.options(3), dtype = try options.dtype(default: .float32)
            let value = call.type(2) == .boolean ? (try call.argument(2, as: Bool.self) ? 1 : 0) : try fillValue(call, 2, for: dtype)
            let t = try Tensor.full(call.sizeTable(1), value: value, dtype: dtype)
            return call.push(try finish(t, options))
        }),
        ("zeros_like", { call in
            let source = try call.tensor(1), options = try call.options(2)
            return call.push(try finish(Tensor.zeros(like: source, dtype: options.optionalDType()), options))
        }),
        ("ones_like", { call in
            let source = try call.tensor(1), options = try call.options(2)
            return call.push(try finish(Tensor.ones(like: source, dtype: options.optionalDType()), options))
        }),
        ("full_like", { call in
            let source = try call.tensor(1), options = try call.options(3), dtype = try options.dtype(default: source.dtype)
            let t = try Tensor.full(source.shape.array, value: fillValue(call, 2, for: dtype), dtype: dtype)
            return call.push(try finish(t, options))
        }),
        // arange(end) or arange(start, end[, step]), end excluded; integer bounds give int64, as in PyTorch.
        ("arange", { call in
            var bounds: [Double] = [], integral = true, next: Int32 = 1
            while next <= 3, call.type(next) == .number {
                bounds.append(try call.argument(next))
                if Int.read(call.state, next) == nil { integral = false }
                next += 1
            }
            guard let first = bounds.first else { throw call.mismatch(1, expected: "a number (the end, or the start then the end)") }
            let (start, end) = bounds.count == 1 ? (0, first) : (first, bounds[1])
            let options = try call.options(next)
            let t = try Tensor.arange(start: start, end: end, step: bounds.count == 3 ? bounds[2] : 1,
                                      dtype: options.dtype(default: integral ? .int64 : .float32))
            return call.push(try finish(t, options))
        }),
        ("linspace", { call in
            let options = try call.options(4)
            let t = try Tensor.linspace(start: call.argument(1), end: call.argument(2), count: call.argument(3))
            return call.push(try finish(t, options))
        }),
        ("eye", { call in
            let columns = call.type(2) == .number ? try call.argument(2, as: Int.self) : nil
            let options = try call.options(columns == nil ? 2 : 3)
            let t = try Tensor.eye(call.argument(1), columns, dtype: options.dtype(default: .float32))
            return call.push(try finish(t, options))
        }),
        ("uniform", { call in
            let options = try call.options(4)
            let t = try Tensor.uniform(call.sizeTable(1), low: call.argument(2, default: 0.0), high: call.argument(3, default: 1.0))
            return call.push(try finish(t, options))
        }),
        ("normal", { call in
            let options = try call.options(4)
            let t = try Tensor.normal(call.sizeTable(1), mean: call.argument(2, default: 0.0), std: call.argument(3, default: 1.0))
            return call.push(try finish(t, options))
        }),
        ("bernoulli", { call in
            let options = try call.options(3)
            return call.push(try finish(Tensor.bernoulli(call.sizeTable(1), p: call.argument(2, default: 0.5)), options))
        }),
        // randint(high, sizes) or randint(low, high, sizes): integers in low..high-1 (data, not positions).
        ("randint", { call in
            let hasLow = call.type(2) == .number
            let low = hasLow ? try call.argument(1, as: Int.self) : 0
            let high: Int = try call.argument(hasLow ? 2 : 1)
            let t = try Tensor.randint(low: low, high: high, call.sizeTable(hasLow ? 3 : 2))
            return call.push(try finish(t, call.options(hasLow ? 4 : 3)))
        }),
        // A random order of the positions 1..n, to shuffle with index_select.
        ("randperm", { call in call.push(try oneBased(Tensor.randperm(call.argument(1)))) }),
    ]

    nonisolated(unsafe) private static let joining: [(String, LuaFunctionBody)] = [
        ("cat", { call in call.push(try Tensor.concat(call.tensors(1), dim: call.dimension(2, default: 0))) }),
        ("stack", { call in call.push(try Tensor.stack(call.tensors(1), dim: call.dimension(2, default: 0))) }),
        // where(mask, a, b): a where mask is true, else b; a and b may be numbers.
        ("where", { call in
            let condition = try call.tensor(1), a = try call.operand(2), b = try call.operand(3)
            var reference = condition
            if case .tensor(let t) = b { reference = t }
            if case .tensor(let t) = a { reference = t }
            return call.push(try Tensor.where(condition, a.asTensor(like: reference), b.asTensor(like: reference)))
        }),
    ]
}
