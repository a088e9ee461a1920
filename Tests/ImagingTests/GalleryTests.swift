import Foundation
import Testing
@testable import Imaging

/// Renders every chart kind and image operation to PNG files for a person to look at. The folder is
/// $LUNETTE_GALLERY, or a fresh folder under the temporary folder. The checks here are only that
/// everything renders; ChartTests checks where things land.
@Suite struct GalleryTests {
    static let folder: String = {
        let path = ProcessInfo.processInfo.environment["LUNETTE_GALLERY"]
            ?? NSTemporaryDirectory() + "lunette-imaging-gallery-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Deterministic pseudo-random numbers (a linear congruential generator), normally distributed
    /// by the Box-Muller transform.
    struct Numbers {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            (-2 * log(max(uniform(), 1e-12))).squareRoot() * cos(2 * .pi * uniform())
        }
    }

    func save(_ image: Image, _ name: String) throws {
        #expect(image.width > 0)
        try PNG.write(image, to: "\(Self.folder)/\(name).png")
    }

    @Test func charts() throws {
        var numbers = Numbers(state: 42)
        let epochs = 20
        let loss = (0..<epochs).map { 2.3 * exp(-Double($0) / 4) + 0.08 + 0.02 * numbers.uniform() }
        let valLoss = (0..<epochs).map { 2.3 * exp(-Double($0) / 4.5) + 0.15 + 0.004 * Double($0) + 0.03 * numbers.uniform() }

        var lines = Chart(title: "Training history", xlabel: "epoch", ylabel: "loss")
        try lines.line(loss, label: "loss")
        try lines.line(valLoss, label: "val_loss")
        try save(lines.render(), "line")

        var logChart = lines
        logChart.yscale = .log
        logChart.title = "Training history (log scale)"
        logChart.grid = true
        try save(logChart.render(), "line_log")

        var dense = Chart(title: "10,000 points", xlabel: "sample", ylabel: "mV")
        let signal = (0..<10_000).map { sin(Double($0) / 300) + 0.2 * numbers.normal() }
        try dense.line(signal, label: "signal", lineWidth: 1)
        try dense.line((0..<10_000).map { sin(Double($0) / 300) }, label: "clean")
        try save(dense.render(), "line_dense")

        var classes = Chart(title: "Latent space by class", xlabel: "z[1]", ylabel: "z[2]")
        var xs: [Double] = [], ys: [Double] = [], labels: [Int] = []
        for index in 0..<600 {
            let c = index % 3
            xs.append(Double(c) * 2 + numbers.normal() * 0.7)
            ys.append(Double(c % 2) * 3 - Double(c) + numbers.normal() * 0.7)
            labels.append(c)
        }
        try classes.scatter(x: xs, y: ys, classes: labels, classNames: ["T-shirt", "Trouser", "Pullover"], alpha: 0.7)
        try save(classes.render(), "scatter_classes")

        var valued = Chart(title: "Latent space coloured by value", xlabel: "z[1]", ylabel: "z[2]")
        try valued.scatter(x: xs, y: ys, values: zip(xs, ys).map { $0 * $1 }, colorbarLabel: "z1 · z2")
        try save(valued.render(), "scatter_values")

        var words = Chart(title: "Word embeddings (PCA)")
        let vocabulary = ["wheat", "grain", "corn", "oil", "crude", "barrel", "bank", "rate", "shares", "profit"]
        let wx = vocabulary.indices.map { Double($0 % 3) + numbers.normal() * 0.3 }
        let wy = vocabulary.indices.map { Double($0 / 3) + numbers.normal() * 0.3 }
        try words.scatter(x: wx, y: wy, texts: vocabulary)
        try save(words.render(), "scatter_words")

        var bars = Chart(title: "Accuracy per model", ylabel: "accuracy")
        try bars.bar([0.91, 0.95, 0.97], categories: ["dense", "cnn", "cnn+dropout"], label: "train")
        try bars.bar([0.89, 0.93, 0.96], categories: ["dense", "cnn", "cnn+dropout"], label: "test")
        try save(bars.render(), "bar_grouped")

        var single = Chart(title: "Samples per class", xlabel: "class", ylabel: "count")
        try single.bar([2919, 1767, 96, 194, 24], categories: ["normal", "R-on-T PVC", "PVC", "SP", "UB"])
        try save(single.render(), "bar")

        var crowded = Chart(title: "Validation accuracy per learning rate", xlabel: "configuration", ylabel: "accuracy")
        try crowded.bar([0.81, 0.86, 0.9, 0.91, 0.88, 0.72, 0.65, 0.93],
                        categories: ["lr=0.1 bs=32", "lr=0.1 bs=128", "lr=0.01 bs=32", "lr=0.01 bs=128",
                                     "lr=0.001 bs=32", "lr=0.001 bs=128", "sgd", "adam"])
        try save(crowded.render(), "bar_rotated")

        var small = Chart(title: "Small chart", xlabel: "step", ylabel: "value", width: 320, height: 240)
        for k in 0..<5 { try small.line((0..<50).map { sin(Double($0) / 8 + Double(k)) * Double(k + 1) }, label: "series \(k + 1)") }
        try save(small.render(), "line_small")

        var histogram = Chart(title: "Weights after training", xlabel: "value", ylabel: "count")
        try histogram.histogram((0..<5000).map { _ in numbers.normal() * 0.1 }, bins: 40, label: "dense_1", alpha: 0.7)
        try histogram.histogram((0..<5000).map { _ in numbers.normal() * 0.05 + 0.1 }, bins: 40, label: "dense_2", alpha: 0.7)
        try save(histogram.render(), "histogram")

        var confusion = Chart(title: "Confusion matrix", xlabel: "Predicted label", ylabel: "True label")
        var counts = [[Float]](repeating: [Float](repeating: 0, count: 10), count: 10)
        for row in 0..<10 {
            for column in 0..<10 { counts[row][column] = row == column ? Float(900 + row * 7) : Float((row * 7 + column * 3) % 13) }
        }
        try confusion.matrix(ScalarMap(counts))
        try save(confusion.render(), "confusion_matrix")

        var elbow = Chart(title: "Elbow curve", xlabel: "k", ylabel: "inertia")
        try elbow.line([5200, 3100, 1900, 1500, 1350, 1280, 1220, 1190], x: (1...8).map(Double.init), markers: true)
        var figure = try Figure(rows: 2, columns: 2, title: "Experiment summary")
        try figure.add(lines)
        try figure.add(elbow)
        try figure.add(confusion)
        if let data = Fixtures.sharedData {
            try figure.add(image: try PNG.read("\(data)/images/chelsea.png"), title: "chelsea.png")
        }
        try save(figure.render(), "figure")
    }

    @Test func imageOperations() throws {
        guard let data = Fixtures.sharedData else { return }
        let photo = try PNG.read("\(data)/images/astronaut.png")
        try save(try photo.resized(width: 128, height: 128), "op_resize_area")
        try save(try photo.resized(width: 64, height: 64).resized(width: 256, height: 256, method: .bilinear), "op_resize_bilinear")
        try save(try photo.resized(width: 64, height: 64).resized(width: 256, height: 256, method: .nearest), "op_resize_nearest")
        let small = try photo.resized(width: 160, height: 160)
        try save(try Image.grid([small, small.flippedHorizontally(), small.flippedVertically(), small.rotated90(),
                                 small.greyscale(), try small.rgbToLab().labToRGB(),
                                 try small.cropped(x: 40, y: 10, width: 80, height: 80),
                                 try small.padded(top: 10, bottom: 10, left: 10, right: 10, fill: [1, 0, 0])],
                                columns: 4, titles: ["original", "flip h", "flip v", "rotate 90", "grey", "Lab round trip",
                                                     "crop", "pad"]), "op_grid")
        // Grad-CAM style: a 7x7 map with a hot spot on the face.
        var cam = [Float](repeating: 0, count: 49)
        for row in 0..<7 { for column in 0..<7 { cam[row * 7 + column] = Float(exp(-Double((row - 1) * (row - 1) + (column - 3) * (column - 3)) / 2)) } }
        try save(try photo.heatmapOverlay(ScalarMap(rows: 7, columns: 7, values: cam)), "op_heatmap_overlay")
        try save(try Colormap.allCases.map { try $0.apply(to: ScalarMap(rows: 1, columns: 256, values: (0..<256).map(Float.init))) }
                    .reduce(into: [Image]()) { $0.append(try $1.resized(width: 256, height: 24, method: .nearest)) }
                    .withTitles(Colormap.allCases.map(\.rawValue)), "op_colormaps")
        try save(try Colormap.jet.colorbar(low: 0, high: 1, height: 300, label: "Grad-CAM weight"), "op_colorbar")
        // Grey digits-like images stay grey in a titled grid.
        let faces = try FileManager.default.contentsOfDirectory(atPath: "\(data)/faces/face").sorted().prefix(12)
            .map { try PNG.read("\(data)/faces/face/\($0)") }
        let faceGrid = try Image.grid(Array(faces), titles: faces.indices.map { "Label: \($0 % 10)" })
        #expect(faceGrid.channels == 1)
        try save(faceGrid, "op_grid_grey")
    }
}

private extension Array where Element == Image {
    func withTitles(_ titles: [String]) throws -> Image {
        try Image.grid(self, columns: 1, padding: 4, titles: titles)
    }
}
