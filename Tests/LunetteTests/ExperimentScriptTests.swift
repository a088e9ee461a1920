import Foundation
import Imaging
import Testing

#if DEBUG
private let isOptimizedBuild = false
#else
private let isOptimizedBuild = true
#endif

/// The course experiments in scripts/ run end to end in their quick mode through the built executable:
/// each must exit with status 0 (the script checks its own outcome last), print the outcome numbers
/// this test checks again, and write pictures that decode and are not blank, and its report.
/// They train real models, which takes minutes in a release build (as scripts/test and CI build the
/// tests) and far longer unoptimized, so a debug build skips them.
@Suite(.serialized, .enabled(if: isOptimizedBuild, "the experiments train real models: run them in a release build (scripts/test)"))
struct ExperimentScriptTests {
    /// Runs `scripts/NAME.lua` with a fresh output folder; returns its output and the folder.
    private static func runQuick(_ name: String) throws -> (output: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-\(name)-\(UUID().uuidString)")
        let result = try Executable.run(["run", "scripts/\(name).lua", folder.path])
        try #require(result.status == 0, "\(name).lua failed:\n\(result.output)\(result.error)")
        return (result.output, folder)
    }

    /// The number after `label` on the first output line that starts with `prefix`.
    private static func number(after label: String, onLineStarting prefix: String, in output: String) throws -> Double {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no line starting '\(prefix)' in:\n\(output)")
        let range = try #require(line.range(of: label), "no '\(label)' in: \(line)")
        let digits = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        return try #require(Double(digits), "no number after '\(label)' in: \(line)")
    }

    /// Every picture decodes, has a plausible size and shows something; the report page and its
    /// Markdown twin are there. Returns the pictures by name.
    private static func checkPictures(_ names: [String], in folder: URL) throws -> [String: Image] {
        var pictures: [String: Image] = [:]
        for name in names {
            let picture = try PNG.read(folder.appendingPathComponent("\(name).png").path)
            #expect(picture.width >= 200 && picture.height >= 100, "\(name).png is \(picture.width)x\(picture.height)")
            #expect(GalleryScriptTests.isNotBlank(picture), "\(name).png is blank")
            pictures[name] = picture
        }
        for page in ["index.html", "report.md"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(page).path), "no \(page)")
        }
        return pictures
    }

    @Test func ecgLSTMReachesItsAccuracy() throws {
        let (output, folder) = try Self.runQuick("ecg_lstm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let accuracy = try Self.number(after: "test accuracy ", onLineStarting: "ECG5000 LSTM:", in: output)
        #expect(accuracy >= 0.95, "test accuracy \(accuracy)")
        #expect(output.contains("outcome check passed"))
        // The pooled set and the 75/25 split: 1,250 test beats.
        #expect(output.contains("5000 beats of 140 samples"))
        #expect(output.contains("of 1250 beats"))
        _ = try Self.checkPictures(["class_means", "loss", "accuracy", "confusion", "examples"], in: folder)
    }

    @Test func mnistGradCAMReachesItsAccuracy() throws {
        let (output, folder) = try Self.runQuick("mnist_gradcam")
        defer { try? FileManager.default.removeItem(at: folder) }
        let accuracy = try Self.number(after: "test accuracy ", onLineStarting: "MNIST CNN:", in: output)
        #expect(accuracy >= 0.97, "test accuracy \(accuracy)")
        #expect(output.contains("outcome check passed"))
        let pictures = try Self.checkPictures(["first_images", "training", "confusion", "gradcam", "cam"], in: folder)
        // Two rows of five digits; three rows (digit, heatmap, overlay) of ten for both heatmaps.
        let first = try #require(pictures["first_images"])
        #expect(first.width > first.height * 3 / 2 && first.width < first.height * 3, "first_images is \(first.width)x\(first.height)")
        for name in ["gradcam", "cam"] {
            let grid = try #require(pictures[name])
            #expect(grid.width > grid.height * 2 && grid.width < grid.height * 4, "\(name) is \(grid.width)x\(grid.height)")
            #expect(grid.channels >= 3, "\(name) has no colour")
        }
    }
}
