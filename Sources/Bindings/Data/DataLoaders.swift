import Datasets
import Foundation
import LuaHost
import Tensors

// The built-in data sets. Each loader reads the full set from LUNETTE_DATA when that variable names a
// folder laid out like the shared data, else the small subset embedded in the checkout's data/ folder.

func declareDataLoaders(_ module: LuaModule, locator: DataLocator) {
    let pathOption = LuaOption("path", .string, default: .described("LUNETTE_DATA's set, else the embedded one"),
                               "the set's own folder, or a data folder holding it")
    func folder(_ name: String, _ options: LuaOptions) throws -> URL {
        try locator.folder(for: name, path: try options.optional("path", as: String.self).map { URL(fileURLWithPath: $0) })
    }

    let limits = [
        LuaOption("limit", .integer, default: .described("all"), "read only the first images of both splits"),
        LuaOption("train_limit", .integer, default: .described("limit"), "read only the first training images"),
        LuaOption("test_limit", .integer, default: .described("limit"), "read only the first test images"),
        pathOption,
    ]
    /// Shared by mnist and fashion_mnist: two tables of images, labels, count, class_names, source.
    func imageClassification(_ call: LuaCall, name: String,
                             load: (URL, Int?, Int?) throws -> ImageClassificationData) throws -> Int32 {
        let options = try call.options(1)
        let limit = try options.optional("limit", as: Int.self)
        let trainLimit = try options.optional("train_limit", as: Int.self) ?? limit
        let testLimit = try options.optional("test_limit", as: Int.self) ?? limit
        let location = try folder(name, options)
        try options.rejectUnknown()
        let set = try load(location, trainLimit, testLimit)
        func split(_ part: LabeledImages) throws -> LuaRecord {
            LuaRecord([("images", call.value(try part.imageTensor())), ("labels", call.value(try part.labelTensor())),
                       ("count", part.count), ("class_names", set.classNames), ("source", set.source.path)])
        }
        return call.push(try split(set.train), try split(set.test))
    }

    module.declareTranslatingErrors("mnist", LuaSignature(
        options: limits, returns: "train, test: tables {images, labels, count, class_names, source}",
        summary: """
            MNIST handwritten digits, as keras.datasets.mnist.load_data (full set 60,000 + 10,000 images; \
            embedded subset 10,000 + 2,000). images: uint8 N x 28 x 28, 0-255 (`images:float():div(255)` \
            gives [0, 1]); labels: int64 N, the digit 0-9; class_names: {'0', ..., '9'}.
            """,
        example: """
            local train, test = data.mnist{limit = 100}
            print(train.count, test.count, train.labels[1])
            """)) { call in
        try imageClassification(call, name: "mnist") { try BuiltinDatasets.mnist(path: $0, trainLimit: $1, testLimit: $2) }
    }

    module.declareTranslatingErrors("fashion_mnist", LuaSignature(
        options: limits, returns: "train, test: tables {images, labels, count, class_names, source}",
        summary: """
            Fashion-MNIST clothing images, as keras.datasets.fashion_mnist, laid out as data.mnist; \
            class_names[label + 1] names a label (0 'T-shirt/top', 1 'Trouser', ..., 9 'Ankle boot').
            """,
        example: """
            local train = data.fashion_mnist{limit = 10}
            print(train.class_names[train.labels[1] + 1])
            """)) { call in
        try imageClassification(call, name: "fashion-mnist") { try BuiltinDatasets.fashionMNIST(path: $0, trainLimit: $1, testLimit: $2) }
    }

    module.declareTranslatingErrors("ecg5000", LuaSignature(
        options: [LuaOption("pool", .boolean, default: .boolean(false), "return all 5,000 beats in one table, the train rows first"),
                  pathOption],
        returns: "train, test: tables {x, classes, normal, count, source} (one table with pool = true)",
        summary: """
            ECG5000 heartbeats of 140 samples in the UCR split (500 train, 4,500 test). x: float32 N x 140; \
            classes: int64 N, the file's classes 1-5 (1 = normal beat); normal: int64 N, 1 = normal, \
            0 = abnormal, as anomaly detection labels them.
            """,
        example: """
            local train, test = data.ecg5000()
            print(train.count, test.count, train.x:size(2))
            """)) { call in
        let options = try call.options(1)
        let pool = try options.value("pool", as: Bool.self)
        let location = try folder("ecg5000", options)
        try options.rejectUnknown()
        let set = try BuiltinDatasets.ecg5000(path: location)
        func table(_ x: Tensor, _ classes: Tensor, _ normal: Tensor) -> LuaRecord {
            LuaRecord([("x", call.value(x)), ("classes", call.value(classes)), ("normal", call.value(normal)),
                       ("count", x.shape[0]), ("source", set.source.path)])
        }
        let train = (try set.train.valueTensor(), try set.train.classTensor(), try set.train.normalTensor())
        let test = (try set.test.valueTensor(), try set.test.classTensor(), try set.test.normalTensor())
        if pool {
            return call.push(table(try Tensor.concat([train.0, test.0]), try Tensor.concat([train.1, test.1]),
                                   try Tensor.concat([train.2, test.2])))
        }
        return call.push(table(train.0, train.1, train.2), table(test.0, test.1, test.2))
    }

    module.declareTranslatingErrors("reuters", LuaSignature(
        options: [LuaOption("label", .choice(["grain", "corn"]), default: .string("grain"), "the topic `labels` marks"),
                  pathOption],
        returns: "train, test: tables {texts, labels, grain, corn, count, source}; stories (as data.read_reuters, or nil)",
        summary: """
            Reuters-21578 news in the ModApte split (1,554 train, 604 test stories). texts: the stories' title \
            and body; labels: int64 N, 1 if the story is about `label`, else 0; grain, corn: both labellings. \
            stories: the stories of the set's tm folder in their original markup, as data.read_reuters gives \
            them (titles, topics, places, splits...), or nil when the folder has none.
            """,
        example: """
            local train, test = data.reuters{label = 'corn'}
            print(train.count, test.count, train.labels:sum():item() > 0)
            """)) { call in
        let options = try call.options(1)
        let label = try options.value("label", as: String.self)
        let location = try folder("reuters", options)
        try options.rejectUnknown()
        let set = try BuiltinDatasets.reuters(path: location)
        func split(_ part: ReutersTexts) throws -> LuaRecord {
            let grain = try int64Tensor(part.grain), corn = try int64Tensor(part.corn)
            return LuaRecord([("texts", part.texts), ("labels", call.value(label == "grain" ? grain : corn)),
                              ("grain", call.value(grain)), ("corn", call.value(corn)),
                              ("count", part.count), ("source", set.source.path)])
        }
        let stories: LuaRecord? = set.stories.isEmpty ? nil
            : storiesRecord(set.stories, source: set.source.appendingPathComponent("tm").path)
        return call.push(try split(set.train), try split(set.test), stories)
    }

    module.declareTranslatingErrors("ecg_record", LuaSignature(
        options: [pathOption], returns: "a table {signal, rate, count, units, source}",
        summary: """
            A continuous ECG, MIT-BIH record 208: signal (float32, 108,000 samples in millivolts), rate \
            (samples per second, 360), count, units ('mV').
            """,
        example: """
            local record = data.ecg_record()
            print(record.rate, record.units, record.count)
            """)) { call in
        let options = try call.options(1)
        let location = try folder("ecg-mitbih", options)
        try options.rejectUnknown()
        let record = try BuiltinDatasets.ecgRecord(path: location)
        return call.push(LuaRecord([("signal", call.value(try record.signalTensor())), ("rate", luaNumber(record.samplingRate)),
                                    ("count", record.millivolts.count), ("units", "mV"), ("source", record.source.path)]))
    }

    module.declareTranslatingErrors("images", LuaSignature(
        options: [imageDTypeOption, pathOption], returns: "a table {images, names, by_name, count, source}",
        summary: """
            The colour photographs: images[i] is an H x W x 3 tensor, each at its own size, in name order; \
            names[i] its name (e.g. 'astronaut'); by_name.astronaut the same tensor by name.
            """,
        example: """
            local photos = data.images()
            print(photos.names[1], photos.by_name[photos.names[1]]:size(3))
            """)) { call in
        let options = try call.options(1)
        let dtype = try imageDType(options)
        let location = try folder("images", options)
        try options.rejectUnknown()
        let photos = try BuiltinDatasets.photographs(path: location, dtype: dtype)
        let images = photos.map { call.value($0.image) }
        return call.push(LuaRecord([("images", images), ("names", photos.map(\.name)),
                                    ("by_name", LuaRecord(photos.map { ($0.name, call.value($0.image)) })),
                                    ("count", photos.count), ("source", location.path)]))
    }

    module.declareTranslatingErrors("faces", LuaSignature(
        options: [imageDTypeOption, pathOption], returns: "a table {images, labels, class_names, names, count, source}",
        summary: """
            200 grey 25 x 25 patches: images (N x 25 x 25 x 1), labels (int64: 0 = face, 1 = other), \
            class_names ({'face', 'other'}), names (the file names).
            """,
        example: """
            local faces = data.faces()
            print(faces.count, faces.class_names[1], faces.images:size(2))
            """)) { call in
        let options = try call.options(1)
        let dtype = try imageDType(options)
        let location = try folder("faces", options)
        try options.rejectUnknown()
        return call.push(imageSetRecord(try BuiltinDatasets.faceImages(path: location, dtype: dtype), call: call))
    }
}

/// The `dtype` option of image loaders.
var imageDTypeOption: LuaOption {
    LuaOption("dtype", .choice(["float32", "uint8"]), default: .string(ImageLoading.defaultDType.description),
              "'float32' (values in [0, 1]) or 'uint8' (0-255)")
}

func imageDType(_ options: LuaOptions) throws -> DType {
    try options.value("dtype", as: String.self) == DType.uint8.description ? .uint8 : .float32
}

/// {images, labels, class_names, names, count, source} of a decoded image folder.
func imageSetRecord(_ set: ImageSet, call: LuaCall) -> LuaRecord {
    LuaRecord([("images", call.value(set.images)), ("labels", set.labels.map { call.value($0) }),
               ("class_names", set.classNames), ("names", set.names), ("count", set.names.count),
               ("source", set.source.path)])
}

/// The columns of Reuters stories: ids, titles, bodies, texts, topics, places, splits, count, source.
func storiesRecord(_ stories: [ReutersStory], source: String) -> LuaRecord {
    LuaRecord([("ids", stories.map(\.id)), ("titles", stories.map(\.title)), ("bodies", stories.map(\.body)),
               ("texts", stories.map(\.text)), ("topics", stories.map(\.topics)), ("places", stories.map(\.places)),
               ("splits", stories.map(\.split.rawValue)), ("count", stories.count), ("source", source)])
}
