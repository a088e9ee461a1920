import Datasets
import Foundation
import LuaHost
import Tensors

// The built-in data sets. Each loader reads the full set from LUNETTE_DATA when that variable names a
// folder laid out like the shared data, else the small subset embedded in the checkout's data/ folder;
// a `path` option names the set's own folder or a data folder holding it. Every result says where it
// was read from in `source`.

func registerDataLoaders(_ module: LuaModule, locator: DataLocator) {
    func folder(_ name: String, _ options: LuaOptions) throws -> URL {
        try locator.folder(for: name, path: try options.optional("path", as: String.self).map { URL(fileURLWithPath: $0) })
    }

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

    /// data.mnist{path=, limit=, train_limit=, test_limit=} -> train, test
    ///   MNIST handwritten digits (full set 60,000 + 10,000; embedded subset 10,000 + 2,000). Each
    ///   split: images (uint8 N x 28 x 28, 0-255: `images:float():div(255)` gives [0, 1]), labels
    ///   (int64 N, the digit 0-9), count, class_names ({'0', ..., '9'}), source. `limit` reads only
    ///   the first images of both splits; train_limit / test_limit of one.
    dataFunction(module, "mnist") { call in
        try imageClassification(call, name: "mnist") { try BuiltinDatasets.mnist(path: $0, trainLimit: $1, testLimit: $2) }
    }

    /// data.fashion_mnist{path=, limit=, train_limit=, test_limit=} -> train, test
    ///   Fashion-MNIST clothing images, laid out as data.mnist; class_names[label + 1] names a label
    ///   (0 'T-shirt/top', 1 'Trouser', ..., 9 'Ankle boot').
    dataFunction(module, "fashion_mnist") { call in
        try imageClassification(call, name: "fashion-mnist") { try BuiltinDatasets.fashionMNIST(path: $0, trainLimit: $1, testLimit: $2) }
    }

    /// data.ecg5000{path=, pool=false} -> train, test   (or one table with pool = true)
    ///   ECG5000 heartbeats of 140 samples in the UCR split (500 train, 4,500 test). Each table: x
    ///   (float32 N x 140), classes (int64 N, the file's classes 1-5; 1 = normal beat), normal (int64 N:
    ///   1 = normal, 0 = abnormal, as the anomaly-detection homework labels them), count, source.
    ///   pool = true returns all 5,000 beats in one table (the train rows first).
    dataFunction(module, "ecg5000") { call in
        let options = try call.options(1)
        let pool = try options.value("pool", default: false)
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

    /// data.reuters{path=, label='grain'} -> train, test, stories
    ///   Reuters-21578 news in the ModApte split (1,554 train, 604 test stories). train / test: texts
    ///   (list of strings, title and body), labels (int64 N: 1 if the story is about `label`, 'grain' or
    ///   'corn', else 0), grain, corn (both labellings), count, source. stories: the stories of the
    ///   set's tm folder in their original markup, as data.read_reuters gives them (titles, topics,
    ///   places, splits...), or nil when the folder has none.
    dataFunction(module, "reuters") { call in
        let options = try call.options(1)
        let label = try options.choice("label", among: ["grain", "corn"], default: "grain")
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

    /// data.ecg_record{path=} -> {signal, rate, count, units, source}
    ///   A continuous ECG (MIT-BIH record 208): signal (float32, 108,000 samples in millivolts), rate
    ///   (samples per second, 360), count, units ('mV'), source.
    dataFunction(module, "ecg_record") { call in
        let options = try call.options(1)
        let location = try folder("ecg-mitbih", options)
        try options.rejectUnknown()
        let record = try BuiltinDatasets.ecgRecord(path: location)
        return call.push(LuaRecord([("signal", call.value(try record.signalTensor())), ("rate", luaNumber(record.samplingRate)),
                                    ("count", record.millivolts.count), ("units", "mV"), ("source", record.source.path)]))
    }

    /// data.images{path=, dtype='float32'} -> {images, names, by_name, count, source}
    ///   The colour photographs: images[i] is an H x W x 3 tensor (float32 in [0, 1], or uint8 with
    ///   dtype = 'uint8'), each at its own size, in name order; names[i] its name (e.g. 'astronaut');
    ///   by_name.astronaut the same tensor by name; source the folder.
    dataFunction(module, "images") { call in
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

    /// data.faces{path=, dtype='float32'} -> {images, labels, class_names, names, count, source}
    ///   200 grey 25 x 25 patches: images (N x 25 x 25 x 1, float32 in [0, 1] or uint8), labels (int64:
    ///   0 = face, 1 = other), class_names ({'face', 'other'}), names (file names), count, source.
    dataFunction(module, "faces") { call in
        let options = try call.options(1)
        let dtype = try imageDType(options)
        let location = try folder("faces", options)
        try options.rejectUnknown()
        return call.push(imageSetRecord(try BuiltinDatasets.faceImages(path: location, dtype: dtype), call: call))
    }
}

/// The `dtype` option of image loaders: 'float32' (values in [0, 1]) or 'uint8' (0-255).
func imageDType(_ options: LuaOptions) throws -> DType {
    try options.choice("dtype", among: ["float32", "uint8"], default: "float32") == "uint8" ? .uint8 : .float32
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
