import Foundation
import Imaging

/// The imaging suite: chart rendering, PNG writing and batch resizing at the sizes the
/// experiments use.
func imagingBenchmarks() -> [Benchmark] {
    // Deterministic data: a noisy sine, 10,000 points.
    var state: UInt64 = 7
    func noise() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) - 0.5
    }
    let signal = (0..<10_000).map { sin(Double($0) / 300) + 0.4 * noise() }
    var chart = Chart(title: "10,000 points", xlabel: "sample", ylabel: "value")
    try? chart.line(signal, label: "signal", lineWidth: 1.5)

    // A real photo (shared/data beside the repository; run from the repository root) enlarged to
    // 1024x1024: PNG speed depends on content, and photos are the slow case next to charts.
    let photoPath = "../shared/data/images/chelsea.png"
    let photo = (try? PNG.read(photoPath)).flatMap { try? $0.resized(width: 1024, height: 1024, method: .bilinear) }
    let folder = NSTemporaryDirectory() + "lunette-bench-imaging-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

    // 1,000 different 100x100 grey images (MNIST-like sizes), resized to 28x28.
    let sources = (0..<1000).compactMap { index in
        try? Image(width: 100, height: 100, channels: 1,
                   pixels: (0..<10_000).map { Float(($0 * 31 + index * 17) % 251) / 250 })
    }

    return [
        Benchmark(name: "line chart 640x480, 10,000 points: render", unit: ("charts", 1)) {
            _ = try chart.render()
        },
        Benchmark(name: "line chart 640x480, 10,000 points: render + PNG file", unit: ("charts", 1)) {
            try chart.save("\(folder)/chart.png")
        },
        Benchmark(name: "PNG write 1024x1024 RGB photo", unit: ("MB raw", 3)) {
            guard let photo else { throw ImagingError("bench: \(photoPath) not found (run from the repository root)") }
            try PNG.write(photo, to: "\(folder)/photo.png")
        },
        Benchmark(name: "resize 1,000 images 100x100 -> 28x28 (area)", unit: ("images", 1000)) {
            for image in sources { _ = try image.resized(width: 28, height: 28) }
        },
    ]
}
