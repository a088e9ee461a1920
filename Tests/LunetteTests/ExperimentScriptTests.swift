import Foundation
import Imaging
import Testing

#if DEBUG
private let optimizedBuild = ProcessInfo.processInfo.environment["LUNETTE_EXPERIMENTS"] == "1"
#else
private let optimizedBuild = true
#endif

/// The course experiments of scripts/ run end to end in their quick mode through the built
/// executable, on the embedded data: each must exit 0 (the script checks its own outcome), print its
/// outcome numbers, which are checked again here, and write PNGs that decode and show something, and
/// its notebook report. They train real models for a minute or two each in a release build (as
/// scripts/test and CI run the suite); a debug build's kernels would take many times longer, so
/// there they are skipped (LUNETTE_EXPERIMENTS=1 runs them anyway).
@Suite(.enabled(if: optimizedBuild, "the experiments run only in release builds (scripts/test)"))
struct ExperimentScriptTests {
    /// Runs `scripts/NAME.lua` into a fresh folder; returns its standard output and the folder (removed
    /// by the caller).
    static func runQuick(_ name: String) throws -> (output: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-\(name)-\(UUID().uuidString)")
        // LUNETTE_DATA must not redirect the quick mode to the full sets.
        let result = try Executable.run(["run", "scripts/\(name).lua", folder.path], environment: ["LUNETTE_DATA": ""])
        try #require(result.status == 0, "\(name).lua failed:\n\(result.output)\(result.error)")
        return (result.output, folder)
    }

    /// The numbers of the first printed line starting with `prefix`, in order.
    static func numbers(after prefix: String, in output: String) -> [Double] {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
        return line.dropFirst(prefix.count).split(whereSeparator: { !"0123456789.-".contains($0) })
            .compactMap { Double($0) }
    }

    /// Every named PNG exists in `folder`, decodes, and is not blank; the report was written.
    static func checkPictures(_ names: [String], in folder: URL) throws {
        for name in names {
            let picture = try PNG.read(folder.appendingPathComponent(name).path)
            #expect(picture.width >= 100 && picture.height >= 100, "\(name) is only \(picture.width)x\(picture.height)")
            #expect(GalleryScriptTests.isNotBlank(picture), "\(name) is blank")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path), "no report")
    }

    @Test func word2vecReuters() throws {
        let (output, folder) = try Self.runQuick("word2vec_reuters")
        defer { try? FileManager.default.removeItem(at: folder) }
        let counts = Self.numbers(after: "OUTCOME negative sampling:", in: output)
        try #require(counts.count >= 2, "no outcome line in:\n\(output)")
        #expect(counts[0] >= 3, "grain words among the neighbours of wheat: \(counts[0])")
        #expect(counts[1] >= 3, "oil words among the neighbours of crude: \(counts[1])")
        #expect(output.contains("wheat   -> "), "the neighbours were not printed")
        try Self.checkPictures(["words_pca.png", "words_pca_softmax.png", "ns_loss.png"], in: folder)
    }

    @Test func colorize() throws {
        let (output, folder) = try Self.runQuick("colorize")
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = Self.numbers(after: "OUTCOME test MSE", in: output)
        try #require(values.count >= 3, "no outcome line in:\n\(output)")
        let (test, baseline) = (values[0], values[1])
        #expect(baseline > 0 && test <= 0.9 * baseline, "test MSE \(test) against the grey baseline \(baseline)")
        let lab = Self.numbers(after: "OUTCOME L*a*b* variant: test MSE", in: output)
        try #require(!lab.isEmpty, "no outcome line of the L*a*b* variant in:\n\(output)")
        #expect(lab[0] <= 0.9 * baseline, "L*a*b* variant: test MSE \(lab[0]) against the grey baseline \(baseline)")
        try Self.checkPictures(["colorized.png", "loss.png", "lab_loss.png", "test_mse.png"], in: folder)
    }
}
