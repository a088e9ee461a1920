import CheckedArithmetic
import Datasets
import LuaHost
import Tensors

// Preparing arrays for training: labels to one-hot rows, splits, shuffles, batches, windows over a
// series, padding, scaling. Data arguments are tensors (rows along dimension 1) or Lua lists; class
// ids are data, 0-based as in Keras; positions are 1-based.

func registerDataPreprocessing(_ module: LuaModule) {
    /// data.one_hot(labels, num_classes) -> float32 N x num_classes   (also data.to_categorical)
    ///   One row per label with a 1 at column label + 1: class ids are 0-based as in Keras'
    ///   to_categorical (MNIST digit 5 sets column 6). labels: an integer tensor or whole-number floats
    ///   (as read_csv gives them; any shape, the result
    ///   adds a last dimension) or a list; num_classes defaults to the largest label + 1.
    for name in ["one_hot", "to_categorical"] {
        dataFunction(module, name) { call in
            var labels = try call.optionalTensor(1)
                ?? Tensor(try call.integers(1, expected: "an integer tensor or a list of class ids"))
            // read_csv gives float32 columns: whole numbers there are class ids too.
            if labels.dtype == .float32 {
                let ids = try integerValues(of: labels) { value in
                    call.invalid(1, "must hold class ids (whole numbers), got \(value); map the labels to 0, 1, ... first (data.LabelEncoder)")
                }
                labels = try Tensor(ids, shape: labels.shape.array)
            }
            var classes = try call.optionalArgument(2, as: Int.self)
            if classes == nil {
                guard labels.count > 0 else { throw LuaError.message("\(call.name): no labels, so num_classes must be given") }
                let largest = try labels.max().item()
                guard largest < Double(Int32.max) else { throw call.invalid(1, "holds the class id \(CheckedSize.integer(largest).map(String.init) ?? "\(largest)"), too large for one-hot rows") }
                classes = Int(largest) + 1
            }
            return call.push(try labels.oneHot(classes: classes ?? 0))
        }
    }

    /// data.LabelEncoder() -> encoder: labels (a tensor, or a list of numbers or strings) to class ids
    ///   0, 1, ... in sorted order of the labels (ECG200's -1/1 become 0/1), and back.
    dataFunction(module, "LabelEncoder") { call in
        guard call.isMissing(1) else { throw call.invalid(1, "is one too many: data.LabelEncoder() takes no arguments; then encoder:fit(labels)") }
        return call.push(LabelEncoderObject(), LabelEncoderLua.luaClass)
    }

    /// data.train_test_split(a, b, ..., {test_size=0.25, train_size=, shuffle=true, stratify=, seed=})
    ///     -> a_train, a_test, b_train, b_test, ...
    ///   Splits every array (tensors split along dimension 1, Lua lists by element) into the same
    ///   train and test rows, as scikit-learn. test_size: a fraction (0 < f < 1; the test part has
    ///   ceil(n f) rows) or a number of rows; train_size likewise when test_size is absent. stratify:
    ///   labels (a tensor or list): each class is split in the same proportion. shuffle = false keeps
    ///   the order (test rows last). Without a seed the order comes from tensor.manual_seed's generator.
    dataFunction(module, "train_test_split") { call in
        let (arrays, optionsIndex) = try call.dataArguments(from: 1)
        let options = try call.options(optionsIndex ?? call.count + 1)
        let rows = try commonRows(arrays, call: call)
        let shuffle = try options.value("shuffle", default: true)
        let stratify = try options.with("stratify") { element -> [Int]? in
            if element.isMissing { return nil }
            if let tensor = try? element.object(TensorLua.luaClass) {
                return try integerValues(of: tensor) { element.invalid("holds \($0), not an integer label") }.map { Int($0) }
            }
            return try element.table(expected: "a tensor or list of labels").array(of: Int.self)
        }
        let testCount = try splitTestCount(options, rows: rows, call: call)
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

    /// data.shuffle(a, b, ..., {seed=}) -> a', b', ...
    ///   The arrays with their rows in one random order (the same for all, so pairs stay together).
    dataFunction(module, "shuffle") { call in
        let (arrays, optionsIndex) = try call.dataArguments(from: 1)
        let options = try call.options(optionsIndex ?? call.count + 1)
        let rows = try commonRows(arrays, call: call)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let order = try Splitting.permutation(count: rows, seed: seed)
        return try call.push(all: try arrays.map { try $0.select(order, call: call) })
    }

    /// data.k_fold(n, {k=5, shuffle=true, seed=}) -> folds
    ///   k train/test splits of n rows, as scikit-learn's KFold: folds[i] = {train = int64 positions,
    ///   test = int64 positions} (1-based, for index_select); every row is tested once.
    dataFunction(module, "k_fold") { call in
        let rows = try call.argument(1, as: Int.self)
        let options = try call.options(2)
        let folds = try options.value("k", default: 5)
        let shuffle = try options.value("shuffle", default: true)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let splits = try Splitting.kFold(count: rows, folds: folds, seed: seed, shuffle: shuffle)
        return call.push(try splits.map { split in
            LuaRecord([("train", call.value(try Tensor(split.train.map { Int64($0 + 1) }))),
                       ("test", call.value(try Tensor(split.test.map { Int64($0 + 1) })))])
        })
    }

    /// data.batches(a, b, ..., {batch_size=32, shuffle=true, seed=, drop_last=false}) -> iterator
    ///   Mini-batches for a training loop: `for xb, yb in data.batches(x, y, {batch_size = 64}) do`.
    ///   Arrays are tensors cut along dimension 1 together. shuffle draws a new order from the seed
    ///   (without a seed, from tensor.manual_seed's generator, so each call gives a new order);
    ///   drop_last leaves out a last, smaller batch. #iterator is the number of batches.
    dataFunction(module, "batches") { call in
        let (arrays, optionsIndex) = try call.dataArguments(from: 1)
        let tensors = try arrays.enumerated().map { position, array -> Tensor in
            guard case .tensor(let tensor) = array else {
                throw call.invalid(Int32(position + 1), "must be a tensor (batches cut tensors; use data.shuffle for lists)")
            }
            return tensor
        }
        let options = try call.options(optionsIndex ?? call.count + 1)
        let batchSize = try options.value("batch_size", default: 32)
        let shuffle = try options.value("shuffle", default: true)
        let dropLast = try options.value("drop_last", default: false)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        return call.push(try Batches(tensors, batchSize: batchSize, shuffle: shuffle, seed: seed, dropLast: dropLast,
                                     operation: call.name), BatchesLua.luaClass)
    }

    /// data.sliding_windows(series, {window=, horizon=1, stride=1, targets=}) -> inputs, targets
    ///   Forecasting pairs cut from a series of shape (T) or (T, C): pair i has inputs at steps
    ///   s+1 ... s+window and targets at the next `horizon` steps, s = (i - 1) x stride. inputs:
    ///   N x window (x C), targets: N x horizon (x C), float32. targets = a second series of the same
    ///   length takes the targets from it (NARX: inputs from u, outputs from y).
    dataFunction(module, "sliding_windows") { call in
        let series = try call.tensor(1)
        let options = try call.options(2)
        guard let window = try options.optional("window", as: Int.self) else {
            throw LuaError.message("\(call.name): option 'window' is required (input steps per pair)")
        }
        let horizon = try options.value("horizon", default: 1)
        let stride = try options.value("stride", default: 1)
        let targets = try options.object("targets", TensorLua.luaClass)
        try options.rejectUnknown()
        let (inputs, outputs) = try SlidingWindows.make(series: series, targets: targets, window: window,
                                                        horizon: horizon, stride: stride)
        return call.push(call.value(inputs), call.value(outputs))
    }

    /// data.pad_sequences(sequences, {maxlen=, padding='pre', truncating='pre', value=0, dtype='int64'})
    ///     -> N x maxlen tensor
    ///   Keras' pad_sequences: sequences (a list of lists or 1-D tensors) made one length, maxlen
    ///   (default: the longest). Shorter ones are filled with `value` before ('pre') or after ('post');
    ///   longer ones lose their first ('pre') or last ('post') elements. dtype 'int64' or 'float32'.
    dataFunction(module, "pad_sequences") { call in
        let sequences = try call.sequences(1)
        let options = try call.options(2)
        let length = try options.optional("maxlen", as: Int.self)
        let padding = SequencePadding.Side(rawValue: try options.choice("padding", among: ["pre", "post"], default: "pre")) ?? .pre
        let truncating = SequencePadding.Side(rawValue: try options.choice("truncating", among: ["pre", "post"], default: "pre")) ?? .pre
        let isFloat = try options.choice("dtype", among: ["int64", "float32"], default: "int64") == "float32"
        let value = try options.value("value", default: 0.0)
        try options.rejectUnknown()
        if isFloat {
            let padded = try SequencePadding.pad(sequences.map { $0.map(Float.init) }, length: length, padding: padding,
                                                 truncating: truncating, value: Float(value))
            return call.push(try Tensor(padded.values, shape: padded.shape))
        }
        guard value.rounded() == value, abs(value) < 0x1p62 else {
            throw LuaError.message("\(call.name): option 'value' is \(numberText(value)), not an integer (use dtype = 'float32' for real values)")
        }
        let integers = try sequences.map { sequence in
            try sequence.map { element -> Int64 in
                guard element.rounded() == element, abs(element) < 0x1p62 else {
                    throw call.invalid(1, "holds \(numberText(element)), not an integer (use dtype = 'float32' for real values)")
                }
                return Int64(element)
            }
        }
        let padded = try SequencePadding.pad(integers, length: length, padding: padding, truncating: truncating, value: Int64(value))
        return call.push(try Tensor(padded.values, shape: padded.shape))
    }

    /// data.StandardScaler{axis=} -> scaler;  data.MinMaxScaler{feature_range={0, 1}, axis=} -> scaler
    ///   Scalers fitted on training data and applied unchanged to test data (scikit-learn's):
    ///   scaler:fit(x_train) (returns the scaler), scaler:transform(x), scaler:fit_transform(x),
    ///   scaler:inverse_transform(x); fields mean, std (StandardScaler) or min, max (MinMaxScaler), each
    ///   shaped as the feature dimensions. axis: the dimension(s) with statistics of their own, as in
    ///   Keras' Normalization layer: default -1 (columns of an N x F matrix, channels of N x H x W x C
    ///   images; a 1-D tensor gets one statistic); a list for several; {} for one statistic overall.
    dataFunction(module, "StandardScaler") { call in
        let options = try call.options(1)
        let axes = try featureAxes(options, call: call)
        try options.rejectUnknown()
        return call.push(try FeatureScaler(method: .standard, featureDims: axes, operation: "StandardScaler"), ScalerLua.luaClass)
    }
    dataFunction(module, "MinMaxScaler") { call in
        let options = try call.options(1)
        let method = try minMaxMethod(options)
        let axes = try featureAxes(options, call: call)
        try options.rejectUnknown()
        return call.push(try FeatureScaler(method: method, featureDims: axes, operation: "MinMaxScaler"), ScalerLua.luaClass)
    }

    /// data.standardize(x, {axis=}) -> scaled, scaler
    ///   Fits a StandardScaler on x and returns x scaled to mean 0 and standard deviation 1 per feature,
    ///   with the scaler (to apply to test data: scaler:transform(x_test)).
    dataFunction(module, "standardize") { call in
        let data = try call.tensor(1)
        let options = try call.options(2)
        let scaler = try FeatureScaler(method: .standard, featureDims: try featureAxes(options, call: call), operation: call.name)
        try options.rejectUnknown()
        try scaler.fit(data)
        return call.push(call.value(try scaler.transform(data)), ObjectValue(call: call, object: scaler, luaClass: ScalerLua.luaClass))
    }

    /// data.min_max_scale(x, {feature_range={0, 1}, axis=}) -> scaled, scaler
    ///   Fits a MinMaxScaler on x and returns x mapped to feature_range per feature, with the scaler.
    dataFunction(module, "min_max_scale") { call in
        let data = try call.tensor(1)
        let options = try call.options(2)
        let scaler = try FeatureScaler(method: try minMaxMethod(options), featureDims: try featureAxes(options, call: call),
                                       operation: call.name)
        try options.rejectUnknown()
        try scaler.fit(data)
        return call.push(call.value(try scaler.transform(data)), ObjectValue(call: call, object: scaler, luaClass: ScalerLua.luaClass))
    }

    /// data.normalize(x, {axis=-1, order=2}) -> x / norm
    ///   Keras' normalize: each slice along `axis` divided by its L-order norm (slices of norm 0 stay 0).
    dataFunction(module, "normalize") { call in
        let data = try call.tensor(1).float()
        let options = try call.options(2)
        let axis = try libraryDim(try options.value("axis", default: -1), call: call, option: "axis")
        let order = try options.value("order", default: 2.0)
        try options.rejectUnknown()
        guard order > 0 else { throw LuaError.message("\(call.name): option 'order' must be above 0, got \(order)") }
        let norms = try data.norm(p: order, dims: [axis], keepDims: true)
        return call.push(try data.div(Tensor.where(norms.eq(Tensor(scalar: 0)), 1.0, norms)))
    }
}

/// The test row count from test_size / train_size (fractions or row counts).
private func splitTestCount(_ options: LuaOptions, rows: Int, call: LuaCall) throws -> Int {
    func rowCount(_ key: String) throws -> Int? {
        guard let size = try options.optional(key, as: Double.self) else { return nil }
        if size > 0 && size < 1 {
            // A small tolerance keeps products such as 10 x 0.7 = 7.000000000000001 from rounding up.
            let share = Double(rows) * size
            return key == "test_size" ? Int((share - 1e-9).rounded(.up)) : rows - Int((share + 1e-9).rounded(.down))
        }
        guard size >= 1, size.rounded() == size, size < Double(rows) else {
            throw LuaError.message("\(call.name): option '\(key)' must be a fraction between 0 and 1 or a number of rows from 1 to \(rows - 1), got \(numberText(size))")
        }
        return key == "test_size" ? Int(size) : rows - Int(size)
    }
    let test = try rowCount("test_size"), train = try rowCount("train_size")
    if test != nil && train != nil {
        throw LuaError.message("\(call.name): give test_size or train_size, not both")
    }
    return test ?? train ?? Int((Double(rows) * 0.25 - 1e-9).rounded(.up))
}

/// The `axis` option of the scalers as the library's feature dimensions: nil (default), [] ({}), or
/// the listed dimensions converted to 0-based.
private func featureAxes(_ options: LuaOptions, call: LuaCall) throws -> [Int]? {
    try options.with("axis") { element -> [Int]? in
        if element.isMissing { return nil }
        let dims = element.type == .number ? [try element.value(as: Int.self)]
            : try element.table(expected: "a dimension or a list of dimensions").array(of: Int.self)
        return try dims.map { try libraryDim($0, call: call, option: "axis") }
    }
}

private func minMaxMethod(_ options: LuaOptions) throws -> FeatureScaler.Method {
    try options.with("feature_range") { element -> FeatureScaler.Method in
        if element.isMissing { return .minMax(low: 0, high: 1) }
        let range = try element.table(expected: "{low, high}").array(of: Double.self)
        guard range.count == 2 else { throw element.invalid("must be {low, high}, got \(range.count) numbers") }
        return .minMax(low: range[0], high: range[1])
    }
}
