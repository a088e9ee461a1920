import Datasets
import Foundation
import LuaHost
import Tensors

// Readers of files in the formats data sets come in, and writers for handing tensors to NumPy.
// Files may be gzip-compressed (name ending in .gz, or starting with the gzip magic).

func registerDataReaders(_ module: LuaModule) {
    /// data.read_idx(path, {limit=}) -> tensor
    ///   An IDX file (the MNIST format) as a tensor of the file's shape: unsigned bytes as uint8, other
    ///   integers as int64, floats as float32. `limit` reads only the first items along dimension 1.
    dataFunction(module, "read_idx") { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let limit = try options.optional("limit", as: Int.self)
        try options.rejectUnknown()
        return call.push(try IDX.read(path: path, limit: limit).tensor())
    }

    /// data.read_csv(path, {columns=, header=, delimiter=, limit=, dates=}) -> {names, columns, numeric, numeric_names, rows, source}
    ///   A CSV or TSV file (RFC 4180 quoting). names: the column names in file order (column1, ... when
    ///   the file has no header); columns[name]: a float32 tensor for a numeric column (missing values
    ///   NaN), a list of strings for a text column; numeric: the numeric columns side by side as a
    ///   float32 rows x k tensor (nil if there are none) with numeric_names; rows: the row count.
    ///   Options: columns (names or 1-based positions to keep), header (true/false; detected when
    ///   absent), delimiter (one character; detected when absent), limit (most rows to read), dates
    ///   (names or positions of text columns holding dates like 2000-06-05 or 2000-06-05 13:30:00: each
    ///   NAME also gives numeric columns NAME_year, NAME_month, NAME_day, NAME_hour, NAME_minute and
    ///   NAME_weekday, 1 = Monday ... 7 = Sunday, right after it).
    dataFunction(module, "read_csv") { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        var csv = CSVOptions()
        csv.header = try options.optional("header", as: Bool.self)
        csv.limit = try options.optional("limit", as: Int.self)
        if let delimiter = try options.optional("delimiter", as: String.self) {
            guard delimiter.count == 1, let character = delimiter.first else {
                throw LuaError.message("\(call.name): option 'delimiter' must be one character, got '\(delimiter)'")
            }
            csv.delimiter = character
        }
        func selectors(_ key: String) throws -> [ColumnSelector]? {
            try options.with(key) { element -> [ColumnSelector]? in
                if element.isMissing { return nil }
                let list = try element.table(expected: "a list of column names or positions")
                return try (0..<list.count).map { offset in
                    try list.withElement(offset + 1) { item -> ColumnSelector in
                        if let name = String.read(item.state, item.index) { return .name(name) }
                        let position = try item.value(as: Int.self)
                        guard position >= 1 else { throw item.invalid("is \(position); column positions count from 1") }
                        return .index(position - 1)
                    }
                }
            }
        }
        csv.columns = try selectors("columns")
        csv.dates = try selectors("dates")
        try options.rejectUnknown()
        return call.push(try tableRecord(try CSV.read(path: path, options: csv), call: call))
    }

    /// data.read_arff(path) -> {relation, attributes, names, columns, numeric, numeric_names, rows, source}
    ///   A Weka ARFF file. attributes[i] = {name=, type='numeric'|'nominal'|'string'|'date', values=
    ///   (the nominal values)}; columns[name]: float32 tensor (numeric; ? = NaN), int64 tensor of codes
    ///   for nominal attributes (0-based: values[code + 1] is the value; -1 = missing), list of strings
    ///   (string, date); numeric: numeric and nominal columns side by side (float32).
    dataFunction(module, "read_arff") { call in
        let path = try call.argument(1, as: String.self)
        let dataset = try ARFF.read(path: path)
        var record = try tableRecord(dataset.table, call: call)
        record.set("relation", dataset.relation)
        record.set("attributes", dataset.attributes.map { attribute -> LuaRecord in
            switch attribute.kind {
            case .numeric: return LuaRecord([("name", attribute.name), ("type", "numeric")])
            case .nominal(let values): return LuaRecord([("name", attribute.name), ("type", "nominal"), ("values", values)])
            case .string: return LuaRecord([("name", attribute.name), ("type", "string")])
            case .date(let format): return LuaRecord([("name", attribute.name), ("type", "date"), ("format", format)])
            }
        })
        return call.push(record)
    }

    /// data.read_reuters(path) -> {ids, titles, bodies, texts, topics, places, splits, count, source}
    ///   Reuters-21578 stories in their original markup: one .sgm/.xml file, or every such file under a
    ///   folder. Columns, one entry per story: ids (NEWID), titles, bodies, texts (title and body),
    ///   topics and places (lists of strings), splits ('train', 'test' or 'unused', the ModApte rule).
    dataFunction(module, "read_reuters") { call in
        let path = try call.argument(1, as: String.self)
        var folder: ObjCBool = false
        let isFolder = FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
        let stories = isFolder ? try ReutersMarkup.readFolder(path: path) : try ReutersMarkup.read(path: path)
        return call.push(storiesRecord(stories, source: path))
    }

    /// data.load_npy(path) -> tensor
    ///   A NumPy .npy file: uint8 stays uint8, other integers become int64, float32 and float64 become
    ///   float32; Fortran-order arrays come back in the usual row-major order.
    dataFunction(module, "load_npy") { call in
        call.push(try NPY.read(path: try call.argument(1, as: String.self)).tensor())
    }

    /// data.save_npy(path, tensor)
    ///   Writes a .npy file NumPy reads with np.load (float32 as <f4, int64 as <i8, uint8 and bool as
    ///   |u1), atomically: a reader never sees half a file.
    dataFunction(module, "save_npy") { call in
        let path = try call.argument(1, as: String.self)
        try NPY.write(TypedArray(try call.tensor(2)), to: path)
        return 0
    }

    /// data.load_npz(path) -> arrays, names
    ///   A NumPy .npz archive (stored or deflated entries): arrays[name] is each array as a tensor (as
    ///   load_npy), names the names in archive order.
    dataFunction(module, "load_npz") { call in
        let arrays = try NPZ.read(path: try call.argument(1, as: String.self))
        return call.push(LuaRecord(try arrays.map { ($0.name, call.value(try $0.array.tensor())) }), arrays.map(\.name))
    }

    /// data.save_npz(path, {name = tensor, ...})
    ///   Writes an uncompressed .npz archive (np.savez), entries in name order, atomically.
    dataFunction(module, "save_npz") { call in
        let path = try call.argument(1, as: String.self)
        var arrays: [NPZ.NamedArray] = []
        try call.table(2, expected: "a table of tensors by name").forEach { key, value in
            guard let name = String.read(key.state, key.index) else { throw key.mismatch(expected: "a string (the array's name)") }
            arrays.append(NPZ.NamedArray(name: name, array: try TypedArray(try value.object(TensorLua.luaClass))))
        }
        try NPZ.write(arrays.sorted { $0.name < $1.name }, to: path)
        return 0
    }
}

/// The Lua table of a CSV or ARFF table: names, columns by name, numeric matrix, rows, source.
func tableRecord(_ table: Table, call: LuaCall) throws -> LuaRecord {
    var columns = LuaRecord()
    var numericNames: [String] = []
    for (name, column) in zip(table.names, table.columns) {
        switch column {
        case .numeric(let values):
            columns.set(name, call.value(try Tensor(values)))
            numericNames.append(name)
        case .categorical(let codes, _):
            columns.set(name, call.value(try int64Tensor(codes)))
            numericNames.append(name)
        case .text(let values):
            columns.set(name, values)
        }
    }
    let numeric = numericNames.isEmpty ? nil : call.value(try table.numericMatrix().tensor())
    return LuaRecord([("names", table.names), ("columns", columns), ("numeric", numeric),
                      ("numeric_names", numericNames), ("rows", table.rowCount), ("source", table.source)])
}
