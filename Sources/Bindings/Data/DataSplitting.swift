import Datasets
import LuaHost
import Tensors

// Rows of data arrays split, shuffled and cut into batches. Arrays are tensors (rows along dimension
// 1) or Lua lists; all arrays of one call share one order, so pairs stay together.

func declareDataSplitting(_ module: LuaModule) {
    module.declareTranslatingErrors("train_test_split", LuaSignature(
        parameters: [dataArraysParameter],
        options: [
            LuaOption("test_size", .number, default: .described("\(Splitting.defaultTestFraction) when train_size is absent"),
                      "a fraction (0 < f < 1; the test part has ceil(n f) rows) or a number of rows"),
            LuaOption("train_size", .number, default: .described("the rest"), "a fraction or a number of rows, instead of test_size"),
            LuaOption("shuffle", .boolean, default: .boolean(true), "false keeps the order (the test rows last)"),
            LuaOption("stratify", .oneOf([.tensor, .list(.integer)]), default: .described("none"),
                      "labels: each class is split in the same proportion"),
            seedOption,
        ],
        returns: "a_train, a_test, b_train, b_test, ... for the arrays a, b, ...",
        summary: "Splits every array into the same train and test rows, as scikit-learn's train_test_split.",
        example: """
            tensor.manual_seed(1)
            local x, y = tensor.arange(1, 11):view(10, 1), tensor.arange(1, 11)
            local x_train, x_test, y_train, y_test = data.train_test_split(x, y, {test_size = 0.2})
            print(x_train:size(1), x_test:size(1), (x_test:view(-1) - y_test):abs():sum():item())
            """)) { call in
        let (arrays, optionsIndex) = try call.dataArguments(from: 1)
        let options = try call.options(optionsIndex ?? call.count + 1)
        let rows = try commonRows(arrays, call: call)
        let shuffle = try options.value("shuffle", as: Bool.self)
        let stratify = try options.with("stratify") { element -> [Int]? in
            if element.isMissing { return nil }
            if let tensor = try? element.object(TensorLua.luaClass) {
                return try tensor.wholeNumbers { _, value in element.invalid("holds \(value), not an integer label") }.map { Int($0) }
            }
            return try element.table(expected: "a tensor or list of labels").array(of: Int.self)
        }
        let testCount = try Splitting.testCount(rows: rows, testSize: options.optional("test_size"), trainSize: options.optional("train_size"))
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let split = try Splitting.trainTest(count: rows, testCount: testCount, seed: seed, shuffle: shuffle, stratify: stratify)
        var results: [any LuaPushable] = []
        for array in arrays {
            results.append(try array.select(split.train, call: call))
            results.append(try array.select(split.test, call: call))
        }
        return try call.push(all: results)
    }

    module.declareTranslatingErrors("shuffle", LuaSignature(
        parameters: [dataArraysParameter], options: [seedOption],
        returns: "the arrays with their rows in one random order",
        summary: "The arrays' rows in one random order, the same for all, as scikit-learn's utils.shuffle.",
        example: """
            tensor.manual_seed(1)
            local x, names = data.shuffle(tensor{1, 2, 3}, {'one', 'two', 'three'})
            print(x[1], names[1])
            """)) { call in
        let (arrays, optionsIndex) = try call.dataArguments(from: 1)
        let options = try call.options(optionsIndex ?? call.count + 1)
        let rows = try commonRows(arrays, call: call)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let order = try Splitting.permutation(count: rows, seed: seed)
        return try call.push(all: try arrays.map { try $0.select(order, call: call) })
    }

    module.declareTranslatingErrors("k_fold", LuaSignature(
        parameters: [LuaParameter("n", .integer, "the number of rows")],
        options: [LuaOption("k", .integer, default: .integer(5), "the number of folds"),
                  LuaOption("shuffle", .boolean, default: .boolean(true), "false makes consecutive folds"),
                  seedOption],
        returns: "a list of k tables {train, test}: int64 positions (1-based, for index_select)",
        summary: "k train/test splits of n rows, as scikit-learn's KFold: every row is tested once.",
        example: """
            local folds = data.k_fold(6, {k = 3, shuffle = false})
            print(#folds, folds[1].test)
            """)) { call in
        let rows = try call.argument(1, as: Int.self)
        let options = try call.options(2)
        let folds = try options.value("k", as: Int.self)
        let shuffle = try options.value("shuffle", as: Bool.self)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let splits = try Splitting.kFold(count: rows, folds: folds, seed: seed, shuffle: shuffle)
        return call.push(try splits.map { split in
            LuaRecord([("train", call.value(try Tensor(split.train.map { Int64($0 + 1) }))),
                       ("test", call.value(try Tensor(split.test.map { Int64($0 + 1) })))])
        })
    }

    module.declareTranslatingErrors("batches", LuaSignature(
        parameters: [LuaParameter("...", .described("tensors"), "the arrays, cut together along dimension 1")],
        options: [LuaOption("batch_size", .integer, default: .integer(32), "rows per batch"),
                  LuaOption("shuffle", .boolean, default: .boolean(true), "draw a new order (each call a new one without a seed)"),
                  LuaOption("drop_last", .boolean, default: .boolean(false), "leave out a last, smaller batch"),
                  seedOption],
        returns: "a Batches iterator",
        summary: """
            Mini-batches for a training loop, as PyTorch's DataLoader: `for xb, yb in data.batches(x, y, \
            {batch_size = 64}) do ... end`. #batches is the number of batches.
            """,
        example: """
            local x, y = tensor.arange(1, 11), tensor.arange(11, 21)
            for xb, yb in data.batches(x, y, {batch_size = 4, shuffle = false}) do
              print(xb:size(1), yb[1])
            end
            """)) { call in
        let (arrays, optionsIndex) = try call.dataArguments(from: 1)
        let tensors = try arrays.enumerated().map { position, array -> Tensor in
            guard case .tensor(let tensor) = array else {
                throw call.invalid(Int32(position + 1), "must be a tensor (batches cut tensors; use data.shuffle for lists)")
            }
            return tensor
        }
        let options = try call.options(optionsIndex ?? call.count + 1)
        let batchSize = try options.value("batch_size", as: Int.self)
        let shuffle = try options.value("shuffle", as: Bool.self)
        let dropLast = try options.value("drop_last", as: Bool.self)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        return call.push(try Batches(tensors, batchSize: batchSize, shuffle: shuffle, seed: seed, dropLast: dropLast,
                                     operation: call.name), BatchesLua.luaClass)
    }
}
