import Foundation

/// Loaders of the built-in data sets. `path` is the set's own folder or a data root holding it (see
/// `DataLocator`); files may be gzipped or not.
public enum BuiltinDatasets {
    /// MNIST handwritten digits, 28x28, labels 0-9. `trainLimit`/`testLimit` read only the first images.
    public static func mnist(path: URL, trainLimit: Int? = nil, testLimit: Int? = nil) throws -> ImageClassificationData {
        try idxImageSet("mnist", path: path, classNames: (0...9).map(String.init), trainLimit: trainLimit, testLimit: testLimit)
    }

    /// Fashion-MNIST clothing images, 28x28, 10 classes.
    public static func fashionMNIST(path: URL, trainLimit: Int? = nil, testLimit: Int? = nil) throws -> ImageClassificationData {
        let names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        return try idxImageSet("fashion-mnist", path: path, classNames: names, trainLimit: trainLimit, testLimit: testLimit)
    }

    /// ECG5000 heartbeats of 140 samples, with the five classes and the normal/abnormal labelling.
    public static func ecg5000(path: URL) throws -> ECG5000Data {
        let folder = try setFolder("ecg5000", path: path)
        func split(_ name: String) throws -> LabeledSeries {
            let file = try dataFile(folder, name, set: "ecg5000")
            let table = try CSV.read(path: file, options: CSVOptions(delimiter: "\t", header: false))
            let matrix = try table.numericMatrix()
            let width = matrix.shape[1]
            guard width >= 2 else { throw DatasetError("ecg5000", file: file, "expected a class column and the samples, found \(width) columns") }
            var classes: [Int32] = [], values: [Float] = []
            values.reserveCapacity(matrix.shape[0] * (width - 1))
            for row in 0..<matrix.shape[0] {
                let label = matrix.values[row * width]
                guard label.rounded() == label, (1...5).contains(label) else {
                    throw DatasetError("ecg5000", file: file, at: .line(row + 1), "the class is \(label), expected 1 to 5")
                }
                classes.append(Int32(label))
                values += matrix.values[row * width + 1..<(row + 1) * width]
            }
            return LabeledSeries(values: NumericArray(shape: [classes.count, width - 1], values: values),
                                 classes: classes, normal: classes.map { $0 == 1 ? 1 : 0 })
        }
        return ECG5000Data(train: try split("ECG5000_TRAIN.tsv"), test: try split("ECG5000_TEST.tsv"), source: folder)
    }

    /// Reuters-21578 ModApte texts with grain and corn labels (from the ARFF files), and the stories
    /// of the tm folder in their original markup when it is there.
    public static func reuters(path: URL) throws -> ReutersData {
        let folder = try setFolder("reuters", path: path)
        func split(_ part: String) throws -> ReutersTexts {
            let grain = try ARFF.read(path: try dataFile(folder, "ReutersGrain-\(part).arff", set: "reuters"))
            let corn = try ARFF.read(path: try dataFile(folder, "ReutersCorn-\(part).arff", set: "reuters"))
            let (texts, grainLabels) = try textAndLabel(grain)
            let (cornTexts, cornLabels) = try textAndLabel(corn)
            guard texts == cornTexts else {
                throw DatasetError("reuters", file: corn.table.source, "the Corn and Grain files of the \(part) split hold different texts")
            }
            return ReutersTexts(texts: texts, grain: grainLabels, corn: cornLabels)
        }
        let tm = folder.appendingPathComponent("tm")
        let stories = isFolder(tm) ? try ReutersMarkup.readFolder(path: tm.path) : []
        return ReutersData(train: try split("train"), test: try split("test"), stories: stories, source: folder)
    }

    /// The colour photographs (PNG files, decoded by the Imaging library), in name order.
    public static func images(path: URL) throws -> ImageFolder {
        try ImageFolder.list(path: try setFolder("images", path: path).path)
    }

    /// Grey 25x25 face and non-face patches: class 0 = face, 1 = other.
    public static func faces(path: URL) throws -> ImageFolder {
        try ImageFolder.list(path: try setFolder("faces", path: path).path)
    }

    /// MIT-BIH record 208: 5 minutes of ECG at 360 Hz, in millivolts.
    public static func ecgRecord(path: URL) throws -> ECGRecord {
        let folder = try setFolder("ecg-mitbih", path: path)
        let table = try CSV.read(path: try dataFile(folder, "record208.csv", set: "ecg-mitbih"),
                                 options: CSVOptions(header: true, columns: ["mv"]))
        guard case .numeric(let values) = table.columns[0] else {
            throw DatasetError("ecg_record", file: table.source, "the column 'mv' holds text, expected millivolts")
        }
        return ECGRecord(millivolts: values, samplingRate: 360, source: folder)
    }

    // MARK: - Helpers

    /// `path` itself when it is the set's folder (its name is `name`, or it holds the set's files),
    /// else `path/name`.
    static func setFolder(_ name: String, path: URL) throws -> URL {
        let inside = path.appendingPathComponent(name)
        if isFolder(inside) { return inside }
        if isFolder(path) { return path }
        throw DatasetError(name, file: path.path, "no such folder (expected the '\(name)' folder or a data folder holding it)")
    }

    /// The path of `name` in `folder`, gzipped (name.gz) or not.
    static func dataFile(_ folder: URL, _ name: String, set: String) throws -> String {
        for candidate in [name + ".gz", name] {
            let file = folder.appendingPathComponent(candidate).path
            if FileManager.default.fileExists(atPath: file) { return file }
        }
        throw DatasetError(set, file: folder.appendingPathComponent(name + ".gz").path,
                           "no such file (nor \(name) without .gz) in the \(set) folder")
    }

    private static func idxImageSet(_ name: String, path: URL, classNames: [String],
                                    trainLimit: Int?, testLimit: Int?) throws -> ImageClassificationData {
        let folder = try setFolder(name, path: path)
        func split(_ prefix: String, limit: Int?) throws -> LabeledImages {
            let imageFile = try dataFile(folder, "\(prefix)-images-idx3-ubyte", set: name)
            let labelFile = try dataFile(folder, "\(prefix)-labels-idx1-ubyte", set: name)
            let images = try IDX.read(path: imageFile, limit: limit)
            let labels = try IDX.read(path: labelFile, limit: limit)
            guard case .uint8(let pixels) = images.elements, images.shape.count == 3 else {
                throw DatasetError(name, file: imageFile, "expected unsigned-byte images of rank 3, found \(images.typeName) of shape \(images.shape)")
            }
            guard case .uint8(let labelBytes) = labels.elements, labels.shape.count == 1 else {
                throw DatasetError(name, file: labelFile, "expected unsigned-byte labels of rank 1, found \(labels.typeName) of shape \(labels.shape)")
            }
            guard labels.shape[0] == images.shape[0] else {
                throw DatasetError(name, file: labelFile, "has \(labels.shape[0]) labels but \(imageFile) has \(images.shape[0]) images")
            }
            if let bad = labelBytes.firstIndex(where: { Int($0) >= classNames.count }) {
                throw DatasetError(name, file: labelFile, at: .byte(8 + bad), "label \(labelBytes[bad]) is not a class 0 to \(classNames.count - 1)")
            }
            return LabeledImages(pixels: pixels, shape: images.shape, labels: labelBytes.map(Int32.init))
        }
        return ImageClassificationData(train: try split("train", limit: trainLimit), test: try split("t10k", limit: testLimit),
                                       classNames: classNames, source: folder)
    }

    private static func textAndLabel(_ dataset: ARFF.Dataset) throws -> ([String], [Int32]) {
        let table = dataset.table
        guard table.columns.count == 2, case .text(let texts) = table.columns[0],
              case .categorical(let codes, let categories) = table.columns[1], categories == ["0", "1"] else {
            throw DatasetError("reuters", file: table.source, "expected a string attribute and a {0,1} class attribute")
        }
        if let missing = codes.firstIndex(of: -1) {
            throw DatasetError("reuters", file: table.source, "story \(missing + 1) has no class (?)")
        }
        return (texts, codes)
    }
}
