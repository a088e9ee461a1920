import Datasets
import LuaHost
import Tensors

// Series and sequences made into fixed-size arrays: forecasting windows and padded id sequences.

func declareDataSequences(_ module: LuaModule) {
    module.declareTranslatingErrors("sliding_windows", LuaSignature(
        parameters: [LuaParameter("series", .tensor, "of shape (T) or (T, C)")],
        options: [
            LuaOption("window", .integer, "input steps per pair (required)"),
            LuaOption("horizon", .integer, default: .integer(SlidingWindows.defaultHorizon), "target steps per pair"),
            LuaOption("stride", .integer, default: .integer(SlidingWindows.defaultStride), "steps between the starts of pairs"),
            LuaOption("targets", .tensor, default: .described("the series"),
                      "a second series of the same length to take the targets from (NARX: inputs from u, outputs from y)"),
        ],
        returns: "inputs (N x window, x C), targets (N x horizon, x C), float32",
        summary: """
            Forecasting pairs cut from a series, as keras.utils.timeseries_dataset_from_array: pair i has \
            inputs at steps s+1 ... s+window and targets at the next `horizon` steps, s = (i - 1) x stride.
            """,
        example: """
            local inputs, targets = data.sliding_windows(tensor.arange(1, 7), {window = 3})
            print(inputs[1], targets:view(-1))
            """)) { call in
        let series = try call.tensor(1)
        let options = try call.options(2)
        guard let window = try options.optional("window", as: Int.self) else {
            throw LuaError.message("\(call.name): option 'window' is required (input steps per pair)")
        }
        let horizon = try options.value("horizon", as: Int.self)
        let stride = try options.value("stride", as: Int.self)
        let targets = try options.object("targets", TensorLua.luaClass)
        try options.rejectUnknown()
        let (inputs, outputs) = try SlidingWindows.make(series: series, targets: targets, window: window,
                                                        horizon: horizon, stride: stride)
        return call.push(call.value(inputs), call.value(outputs))
    }

    let sides = LuaValueKind.choice(["pre", "post"])
    module.declareTranslatingErrors("pad_sequences", LuaSignature(
        parameters: [LuaParameter("sequences", .described("a list of lists or 1-D tensors, or a 2-D tensor"), "the sequences")],
        options: [
            LuaOption("maxlen", .integer, default: .described("the longest sequence's length"), "the length of every row"),
            LuaOption("padding", sides, default: .string(SequencePadding.defaultPadding.rawValue), "fill before ('pre') or after ('post')"),
            LuaOption("truncating", sides, default: .string(SequencePadding.defaultTruncating.rawValue),
                      "cut longer sequences' first ('pre') or last ('post') elements"),
            LuaOption("value", .number, default: .number(0), "the filling"),
            LuaOption("dtype", .choice(["int64", "float32"]), default: .string("int64"), "the result's dtype"),
        ],
        returns: "an N x maxlen tensor",
        summary: "Sequences made one length, as Keras' pad_sequences.",
        example: """
            print(data.pad_sequences({{1, 2, 3}, {4}}, {maxlen = 2, padding = 'post'}))
            """)) { call in
        let sequences = try call.sequences(1)
        let options = try call.options(2)
        let length = try options.optional("maxlen", as: Int.self)
        let padding = SequencePadding.Side(rawValue: try options.value("padding")) ?? SequencePadding.defaultPadding
        let truncating = SequencePadding.Side(rawValue: try options.value("truncating")) ?? SequencePadding.defaultTruncating
        let isFloat = try options.value("dtype", as: String.self) == DType.float32.description
        let value = try options.value("value", as: Double.self)
        try options.rejectUnknown()
        if isFloat {
            let padded = try SequencePadding.pad(sequences.map { $0.map(Float.init) }, length: length, padding: padding,
                                                 truncating: truncating, value: Float(value))
            return call.push(try Tensor(padded.values, shape: padded.shape))
        }
        guard let filling = Int64(exactly: value) else {
            throw LuaError.message("\(call.name): option 'value' is \(formatNumber(value)), not an integer (use dtype = 'float32' for real values)")
        }
        let integers = try sequences.map { sequence in
            try sequence.map { element -> Int64 in
                guard let whole = Int64(exactly: element) else {
                    throw call.invalid(1, "holds \(formatNumber(element)), not an integer (use dtype = 'float32' for real values)")
                }
                return whole
            }
        }
        let padded = try SequencePadding.pad(integers, length: length, padding: padding, truncating: truncating, value: filling)
        return call.push(try Tensor(padded.values, shape: padded.shape))
    }
}
