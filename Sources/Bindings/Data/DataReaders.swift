import Datasets
import Foundation
import LuaHost
import Tensors

// Readers of files in the formats data sets come in, and writers for handing tensors to NumPy.
// Files may be gzip-compressed (name ending in .gz, or starting with the gzip magic).

func declareDataReaders(_ module: LuaModule) {
    let pathParameter = LuaParameter("path", .string, "the file")

    module.declareTranslatingErrors("read_idx", LuaSignature(
        parameters: [pathParameter],
        options: [LuaOption("limit", .integer, default: .described("all"), "read only the first items along dimension 1")],
        returns: "a tensor of the file's shape",
        summary: """
            An IDX file (the format of the MNIST files) as a tensor: unsigned bytes as uint8, other integers as \
            int64, floats as float32.
            """,
        example: """
            -- An IDX file of three unsigned bytes: magic 0x00000801, size 3, then the bytes.
            local file = io.open('bytes.idx', 'wb')
            file:write(string.char(0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9))
            file:close()
            print(data.read_idx('bytes.idx'))
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let limit = try options.optional("limit", as: Int.self)
        try options.rejectUnknown()
        return call.push(try IDX.read(path: path, limit: limit).tensor())
    }

    let columnsKind = LuaValueKind.list(.oneOf([.string, .integer]))
    module.declareTranslatingErrors("read_csv", LuaSignature(
        parameters: [pathParameter],
        options: [
            LuaOption("columns", columnsKind, default: .described("all"), "names or 1-based positions of the columns to keep"),
            LuaOption("header", .boolean, default: .described("detected"), "whether the first row names the columns"),
            LuaOption("delimiter", .string, default: .described("detected"), "the one character between fields"),
            LuaOption("limit", .integer, default: .described("all"), "the most rows to read"),
            LuaOption("dates", columnsKind, default: .described("none"), """
                names or positions of text columns holding dates like 2000-06-05 or 2000-06-05 13:30:00: each \
                NAME also gives numeric columns NAME_year, NAME_month, NAME_day, NAME_hour, NAME_minute and \
                NAME_weekday (1 = Monday ... 7 = Sunday) right after it
                """),
        ],
        returns: "a table {names, columns, numeric, numeric_names, rows, source}",
        summary: """
            A CSV or TSV file (RFC 4180 quoting; gzip-compressed files too), as pandas.read_csv. names: the \
            column names in file order (column1, ... when the file has no header); columns[name]: a float32 \
            tensor for a numeric column (missing values NaN), a list of strings for a text column; numeric: the \
            numeric columns side by side as a float32 rows x k tensor (nil if there are none), their names in \
            numeric_names; rows: the row count.
            """,
        example: """
            local file = io.open('points.csv', 'w')
            file:write('x,y,name\\n1,2,a\\n3,4,b\\n')
            file:close()
            local csv = data.read_csv('points.csv')
            print(csv.rows, csv.names[3], csv.columns.y[2])
            """)) { call in
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

    module.declareTranslatingErrors("read_arff", LuaSignature(
        parameters: [pathParameter],
        returns: "a table {relation, attributes, names, columns, numeric, numeric_names, rows, source}",
        summary: """
            A Weka ARFF file. attributes[i] = {name, type = 'numeric', 'nominal', 'string' or 'date', values \
            (the nominal values)}; columns[name]: a float32 tensor (numeric; ? is NaN), an int64 tensor of \
            codes for nominal attributes (0-based: values[code + 1] is the value; -1 = missing), a list of \
            strings (string, date); numeric: the numeric and nominal columns side by side (float32).
            """,
        example: """
            local file = io.open('weather.arff', 'w')
            file:write('@relation weather\\n@attribute temp numeric\\n@attribute play {yes,no}\\n@data\\n20,yes\\n31,no\\n')
            file:close()
            local arff = data.read_arff('weather.arff')
            print(arff.relation, arff.attributes[2].values[1], arff.columns.play[2])
            """)) { call in
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

    module.declareTranslatingErrors("read_reuters", LuaSignature(
        parameters: [LuaParameter("path", .string, "one .sgm or .xml file, or a folder of them")],
        returns: "a table {ids, titles, bodies, texts, topics, places, splits, count, source}",
        summary: """
            Reuters-21578 stories in their original markup: one .sgm/.xml file, or every such file under a \
            folder. One entry per story in each column: ids (NEWID), titles, bodies, texts (title and body), \
            topics and places (lists of strings), splits ('train', 'test' or 'unused', the ModApte rule).
            """,
        example: """
            local _, _, stories = data.reuters()
            print(stories.count > 0, stories.splits[1])
            """)) { call in
        let path = try call.argument(1, as: String.self)
        var folder: ObjCBool = false
        let isFolder = FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
        let stories = isFolder ? try ReutersMarkup.readFolder(path: path) : try ReutersMarkup.read(path: path)
        return call.push(storiesRecord(stories, source: path))
    }

    module.declareTranslatingErrors("load_npy", LuaSignature(
        parameters: [pathParameter], returns: "a tensor",
        summary: """
            A NumPy .npy file, as numpy.load: uint8 stays uint8, other integers become int64, float32 and \
            float64 become float32; Fortran-order arrays come back in the usual row-major order.
            """,
        example: """
            data.save_npy('weights.npy', tensor{{1, 2}, {3, 4}})
            print(data.load_npy('weights.npy'))
            """)) { call in
        call.push(try NPY.read(path: try call.argument(1, as: String.self)).tensor())
    }

    module.declareTranslatingErrors("save_npy", LuaSignature(
        parameters: [pathParameter, LuaParameter("tensor", .tensor, "the array to write")],
        summary: """
            Writes a .npy file that numpy.load reads (float32 as <f4, int64 as <i8, uint8 and bool as |u1), \
            atomically: a reader never sees half a file.
            """,
        example: """
            data.save_npy('ids.npy', tensor{3, 1, 2}:long())
            print(data.load_npy('ids.npy'):dtype())
            """)) { call in
        let path = try call.argument(1, as: String.self)
        try NPY.write(TypedArray(try call.tensor(2)), to: path)
        return 0
    }

    module.declareTranslatingErrors("load_npz", LuaSignature(
        parameters: [pathParameter], returns: "arrays (a table of tensors by name), names (in archive order)",
        summary: "A NumPy .npz archive (stored or deflated entries), as numpy.load: each array as a tensor, as load_npy gives it.",
        example: """
            data.save_npz('pair.npz', {x = tensor{1, 2}, y = tensor{3}})
            local arrays, names = data.load_npz('pair.npz')
            print(names[1], names[2], arrays.y)
            """)) { call in
        let arrays = try NPZ.read(path: try call.argument(1, as: String.self))
        return call.push(LuaRecord(try arrays.map { ($0.name, call.value(try $0.array.tensor())) }), arrays.map(\.name))
    }

    module.declareTranslatingErrors("save_npz", LuaSignature(
        parameters: [pathParameter, LuaParameter("arrays", .described("a table of tensors by name"), "{name = tensor, ...}")],
        summary: "Writes an uncompressed .npz archive, as numpy.savez: entries in name order, atomically.",
        example: """
            data.save_npz('arrays.npz', {a = tensor{1, 2, 3}})
            print(data.load_npz('arrays.npz').a)
            """)) { call in
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
