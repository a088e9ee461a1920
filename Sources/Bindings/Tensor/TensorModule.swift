import LuaHost
import Tensors

// Two conventions meet in the `tensor` module, and both are deliberate:
// - Positions count from 1, as everywhere in Lua (and Torch7). The library below counts from 0; the
//   conversion happens in LuaPositions.swift (arguments) and TensorErrorMessages.swift (messages).
// - Class ids are data, not positions, and count from 0 as in Keras.

enum TensorModule {
    static let summary = """
        n-dimensional arrays (float32 values, int64 indices and labels, uint8 bytes, bool masks) with NumPy \
        broadcasting, views that share storage, and automatic differentiation (see autograd). \
        Positions count from 1, as everywhere in Lua: dimensions (t:sum(2), t:size(1); -1 is the last), \
        t[i] and t[{i, {first, last}, {}}] (inclusive ranges), narrow's start, select's index, and the \
        indices that argmax, argmin, max, min, sort, argsort, topk and randperm return and that gather, \
        scatter_add, index_select and index_add take. \
        Class ids are data and count from 0, as in Keras: tensor.one_hot(labels, K) and t:one_hot(K) \
        take ids 0..K-1 (MNIST digit 5 is class 5), so probs:argmax(2) - 1 gives class ids. \
        tensor{{1, 2}, {3, 4}} makes a tensor from nested tables; every tensor method is also a function \
        here (tensor.exp(t) is t:exp()); reductions give tensors (t:sum():item() is a number).
        """

    static func register(in host: LuaHost) {
        host.register(module: "tensor", summary: summary) { module in
            module.value("help", summary)
            for dtype in DType.allCases { module.value(dtype.description, dtype.description) }
            module.call(fromDataSignature) { call in try fromData(call, 2) }
            module.declare("tensor", fromDataSignature) { call in try fromData(call, 1) }
            for (name, signature, body) in creation + joining { module.declare(name, signature, body) }
            module.declare("manual_seed", LuaSignature(
                parameters: [LuaParameter("seed", .integer, "any integer")],
                summary: "Seeds the random numbers of rand, randn, uniform, normal, bernoulli, randint, randperm, dropout and the initializers, for repeatable runs.",
                example: "tensor.manual_seed(1)\nlocal a = tensor.rand(2)\ntensor.manual_seed(1)\nprint(tensor.rand(2):eq(a):all())")) { call in
                Random.manualSeed(UInt64(bitPattern: Int64(try call.argument(1, as: Int.self))))
                return 0
            }
            module.declare("is_tensor", LuaSignature(
                parameters: [LuaParameter("value", .any, "any value")], returns: "a boolean",
                summary: "True when the value is a Tensor.", example: "print(tensor.is_tensor(tensor{1}), tensor.is_tensor({1}))")) { call in
                call.push((try? call.tensor(1)) != nil)
            }
            module.declare("no_grad", AutogradFunctions.noGradSignature(module: "tensor"), AutogradFunctions.running(gradientsEnabled: false))
            for function in TensorLua.functions where function.isFunctional {
                module.declare(function.name, function.functionalSignature) { call in try function.body(call, call.tensor(1)) }
            }
        }
    }

    // MARK: Making tensors from data

    nonisolated(unsafe) private static let fromDataSignature = LuaSignature(
        parameters: [LuaParameter("data", .oneOf([.table, .number, .boolean, .tensor]), "nested tables of numbers or booleans (rows of equal length), a number, a boolean, or a tensor (copied)")],
        options: [.dtype(.described("bool for booleans, else float32 (a tensor's own dtype)")), .requiresGrad],
        returns: "a Tensor",
        summary: "A tensor made from Lua data, also written `tensor(data)`: numbers give float32 (Torch7's and Keras' default; {dtype = 'int64'} for labels), booleans a bool tensor.",
        example: "print(tensor{{1, 2}, {3, 4}})\nprint(tensor({0, 3}, {dtype = 'int64'}))")

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
        if try options.value("requires_grad", as: Bool.self) { try t.setRequiresGrad() }
        try options.rejectUnknown()
        return t
    }

    // MARK: Constructors

    private typealias Declaration = (name: String, signature: LuaSignature, body: LuaFunctionBody)

    nonisolated(unsafe) private static let defaultDType = LuaOption.dtype(.string(DType.float32.description))
    nonisolated(unsafe) private static let likeDType = LuaOption.dtype(.described("the source's"))

    /// Constructors of a given shape: `zeros(2, 3)` or `zeros({2, 3})`, then options.
    private static func sized(_ name: String, _ summary: String, dtype: Bool = true, example: String,
                              _ make: @escaping (_ sizes: [Int], _ options: LuaOptions) throws -> Tensor) -> Declaration {
        let signature = LuaSignature(parameters: [.sizes], options: (dtype ? [defaultDType] : []) + [.requiresGrad],
                                     returns: "a Tensor", summary: summary, example: example)
        return (name, signature, { call in
            let (sizes, next) = try call.sizes(from: 1)
            let options = try call.options(next)
            return call.push(try finish(make(sizes, options), options))
        })
    }

    /// Constructors of the shape of another tensor.
    private static func like(_ name: String, _ summary: String, example: String,
                             _ make: @escaping (Tensor, LuaOptions) throws -> Tensor) -> Declaration {
        let signature = LuaSignature(parameters: [LuaParameter("source", .tensor, "the tensor whose shape to take")],
                                     options: [likeDType, .requiresGrad], returns: "a Tensor", summary: summary, example: example)
        return (name, signature, { call in
            let source = try call.tensor(1), options = try call.options(2)
            return call.push(try finish(make(source, options), options))
        })
    }

    /// Random constructors of a table of sizes and parameters of the distribution.
    private static func random(_ name: String, _ summary: String, _ parameters: [LuaParameter], example: String,
                               _ make: @escaping (LuaCall) throws -> Tensor) -> Declaration {
        let signature = LuaSignature(parameters: [.sizeTable] + parameters, options: [.requiresGrad], returns: "a Tensor",
                                     summary: summary, example: "tensor.manual_seed(1)\n" + example)
        return (name, signature, { call in
            let t = try make(call)
            return call.push(try finish(t, call.options(Int32(parameters.count) + 2)))
        })
    }

    nonisolated(unsafe) private static let creation: [Declaration] = [
        sized("zeros", "A tensor of zeros.", example: "print(tensor.zeros(2, 3))") { sizes, options in
            try Tensor.zeros(sizes, dtype: options.dtype())
        },
        sized("ones", "A tensor of ones.", example: "print(tensor.ones({2, 2}, {dtype = 'int64'}))") { sizes, options in
            try Tensor.ones(sizes, dtype: options.dtype())
        },
        sized("empty", "A tensor whose elements are not set (fill it before reading).", example: "print(tensor.empty(2, 3):shape())") { sizes, options in
            try Tensor.empty(sizes, dtype: options.dtype())
        },
        sized("rand", "Random numbers uniform in [0, 1).", dtype: false, example: "tensor.manual_seed(1)\nprint(tensor.rand(2, 2))") { sizes, _ in
            try Tensor.rand(sizes)
        },
        sized("randn", "Random numbers from the standard normal distribution.", dtype: false,
              example: "tensor.manual_seed(1)\nprint(tensor.randn(3))") { sizes, _ in try Tensor.randn(sizes) },
        ("full", LuaSignature(parameters: [.sizeTable, LuaParameter("value", .oneOf([.number, .boolean]), "the value of every element")],
                              options: [defaultDType, .requiresGrad], returns: "a Tensor",
                              summary: "A tensor with every element set to `value`.", example: "print(tensor.full({2, 2}, 7))"), { call in
            let options = try call.options(3), dtype = try options.dtype()
            let value = call.type(2) == .boolean ? (try call.argument(2, as: Bool.self) ? 1 : 0) : try fillValue(call, 2, for: dtype)
            let t = try Tensor.full(call.sizeTable(1), value: value, dtype: dtype)
            return call.push(try finish(t, options))
        }),
        like("zeros_like", "Zeros of the shape (and by default the dtype) of another tensor.",
             example: "print(tensor.zeros_like(tensor{{1, 2}}))") { source, options in
            try Tensor.zeros(like: source, dtype: options.optionalDType())
        },
        like("ones_like", "Ones of the shape (and by default the dtype) of another tensor.",
             example: "print(tensor.ones_like(tensor{{1, 2}}))") { source, options in
            try Tensor.ones(like: source, dtype: options.optionalDType())
        },
        ("full_like", LuaSignature(parameters: [LuaParameter("source", .tensor, "the tensor whose shape to take"),
                                                LuaParameter("value", .number, "the value of every element")],
                                   options: [likeDType, .requiresGrad], returns: "a Tensor",
                                   summary: "`value` in the shape (and by default the dtype) of another tensor.",
                                   example: "print(tensor.full_like(tensor{1, 2, 3}, 0.5))"), { call in
            let source = try call.tensor(1), options = try call.options(3), dtype = try options.optionalDType() ?? source.dtype
            let t = try Tensor.full(source.shape.array, value: fillValue(call, 2, for: dtype), dtype: dtype)
            return call.push(try finish(t, options))
        }),
        // arange(end) or arange(start, end[, step]), end excluded; integer bounds give int64, as in PyTorch.
        ("arange", LuaSignature(parameters: [LuaParameter("start", .number, default: "0", "the first value (give only `end` to start at 0)"),
                                             LuaParameter("end", .number, "the bound, excluded"),
                                             LuaParameter("step", .number, default: "1", "the increment")],
                                options: [.dtype(.described("int64 for integer bounds, else float32")), .requiresGrad], returns: "a Tensor",
                                summary: "Evenly spaced values from start up to end (excluded), as torch.arange: arange(end) or arange(start, end, step). Integer bounds give int64.",
                                example: "print(tensor.arange(4))\nprint(tensor.arange(0, 1, 0.25))"), { call in
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
                                      dtype: options.optionalDType() ?? (integral ? .int64 : .float32))
            return call.push(try finish(t, options))
        }),
        ("linspace", LuaSignature(parameters: [LuaParameter("start", .number, "the first value"), LuaParameter("end", .number, "the last value (included)"),
                                               LuaParameter("count", .integer, "how many values")],
                                  options: [.requiresGrad], returns: "a Tensor",
                                  summary: "`count` evenly spaced float32 values from start to end, both included, as torch.linspace.",
                                  example: "print(tensor.linspace(0, 1, 5))"), { call in
            let options = try call.options(4)
            let t = try Tensor.linspace(start: call.argument(1), end: call.argument(2), count: call.argument(3))
            return call.push(try finish(t, options))
        }),
        ("eye", LuaSignature(parameters: [LuaParameter("rows", .integer, "the number of rows"),
                                          LuaParameter("columns", .integer, default: "rows", "the number of columns")],
                             options: [defaultDType, .requiresGrad], returns: "a Tensor",
                             summary: "A matrix with ones on the diagonal and zeros elsewhere.", example: "print(tensor.eye(2, 3))"), { call in
            let columns = call.type(2) == .number ? try call.argument(2, as: Int.self) : nil
            let options = try call.options(columns == nil ? 2 : 3)
            let t = try Tensor.eye(call.argument(1), columns, dtype: options.dtype())
            return call.push(try finish(t, options))
        }),
        random("uniform", "Random numbers uniform in [low, high).",
               [LuaParameter("low", .number, default: "0", "the lower bound"), LuaParameter("high", .number, default: "1", "the upper bound (excluded)")],
               example: "print(tensor.uniform({2, 2}, -1, 1))") { call in
            try Tensor.uniform(call.sizeTable(1), low: call.argument(2, default: 0.0), high: call.argument(3, default: 1.0))
        },
        random("normal", "Random numbers from a normal distribution.",
               [LuaParameter("mean", .number, default: "0", "the mean"), LuaParameter("std", .number, default: "1", "the standard deviation")],
               example: "print(tensor.normal({3}, 10, 0.1))") { call in
            try Tensor.normal(call.sizeTable(1), mean: call.argument(2, default: 0.0), std: call.argument(3, default: 1.0))
        },
        random("bernoulli", "Random 0s and 1s (float32), 1 with probability p.",
               [LuaParameter("p", .number, default: "0.5", "the probability of a 1")], example: "print(tensor.bernoulli({6}, 0.3))") { call in
            try Tensor.bernoulli(call.sizeTable(1), p: call.argument(2, default: 0.5))
        },
        // randint(high, sizes) or randint(low, high, sizes): integers in low..high-1 (data, not positions).
        ("randint", LuaSignature(parameters: [LuaParameter("low", .integer, default: "0", "the smallest value (give only `high` to start at 0)"),
                                              LuaParameter("high", .integer, "the bound, excluded"), .sizeTable],
                                 options: [.requiresGrad], returns: "an int64 Tensor",
                                 summary: "Random integers in low..high-1 (data such as labels, not positions): randint(high, sizes) or randint(low, high, sizes).",
                                 example: "tensor.manual_seed(1)\nprint(tensor.randint(10, {5}))"), { call in
            let hasLow = call.type(2) == .number
            let low = hasLow ? try call.argument(1, as: Int.self) : 0
            let high: Int = try call.argument(hasLow ? 2 : 1)
            let t = try Tensor.randint(low: low, high: high, call.sizeTable(hasLow ? 3 : 2))
            return call.push(try finish(t, call.options(hasLow ? 4 : 3)))
        }),
        // A random order of the positions 1..n, to shuffle with index_select.
        ("randperm", LuaSignature(parameters: [LuaParameter("n", .integer, "how many positions")], returns: "an int64 Tensor",
                                  summary: "A random order of the positions 1..n, to shuffle with index_select.",
                                  example: "tensor.manual_seed(1)\nlocal order = tensor.randperm(4)\nprint(tensor{10, 20, 30, 40}:index_select(1, order))"), { call in
            call.push(try oneBased(Tensor.randperm(call.argument(1))))
        }),
    ]

    // MARK: Joining

    nonisolated(unsafe) private static let joining: [Declaration] = [
        ("cat", LuaSignature(parameters: [LuaParameter("tensors", .list(.tensor), "tensors of the same shape except along dim"), .dim(default: "1")],
                             returns: "a Tensor", summary: "Tensors joined along an existing dimension, as torch.cat.",
                             example: "print(tensor.cat({tensor{{1, 2}}, tensor{{3, 4}}}, 1))"), { call in
            call.push(try Tensor.concat(call.tensors(1), dim: call.dimension(2, default: 0)))
        }),
        ("stack", LuaSignature(parameters: [LuaParameter("tensors", .list(.tensor), "tensors of one shape"), .dim(default: "1")],
                               returns: "a Tensor", summary: "Tensors of one shape joined along a new dimension, as torch.stack.",
                               example: "print(tensor.stack({tensor{1, 2}, tensor{3, 4}}, 2))"), { call in
            call.push(try Tensor.stack(call.tensors(1), dim: call.dimension(2, default: 0)))
        }),
        // where(mask, a, b): a where mask is true, else b; a and b may be numbers.
        ("where", LuaSignature(parameters: [LuaParameter("mask", .tensor, "a bool tensor"),
                                            LuaParameter("a", .oneOf([.tensor, .number]), "the values where mask is true"),
                                            LuaParameter("b", .oneOf([.tensor, .number]), "the values elsewhere")],
                               returns: "a Tensor", summary: "Elements of a where the mask is true and of b elsewhere, broadcasting all three, as torch.where.",
                               example: "local x = tensor{-1, 2, -3}\nprint(tensor.where(x:gt(0), x, 0))"), { call in
            let condition = try call.tensor(1), a = try call.operand(2), b = try call.operand(3)
            var reference = condition
            if case .tensor(let t) = b { reference = t }
            if case .tensor(let t) = a { reference = t }
            return call.push(try Tensor.where(condition, a.asTensor(like: reference), b.asTensor(like: reference)))
        }),
    ]
}
