import Datasets
import Foundation
import Imaging
import Testing

#if DEBUG
private let optimizedBuild = ProcessInfo.processInfo.environment["LUNETTE_EXPERIMENTS"] == "1"
#else
private let optimizedBuild = true
#endif

/// The course experiments of scripts/ run end to end in their quick mode through the built
/// executable, on the embedded data: each must exit 0 (the script checks its own outcome last), print
/// its outcome numbers, which are checked again here, and write PNGs that decode and show something,
/// and its notebook report. They train real models for a minute or two each in a release build (as
/// scripts/test and CI run the suite); a debug build's kernels would take many times longer, so
/// there they are skipped (LUNETTE_EXPERIMENTS=1 runs them anyway).
@Suite(.serialized, .enabled(if: optimizedBuild, "the experiments run only in release builds (scripts/test)"))
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

    /// The number after `label` on the first output line that starts with `prefix`.
    static func number(after label: String, onLineStarting prefix: String, in output: String) throws -> Double {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(prefix) }, "no line starting '\(prefix)' in:\n\(output)")
        let range = try #require(line.range(of: label), "no '\(label)' in: \(line)")
        let digits = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        return try #require(Double(digits), "no number after '\(label)' in: \(line)")
    }

    /// The numbers of the first printed line starting with `prefix`, in order.
    static func numbers(after prefix: String, in output: String) -> [Double] {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [] }
        return line.dropFirst(prefix.count).split(whereSeparator: { !"0123456789.-".contains($0) })
            .compactMap { Double($0) }
    }

    /// Every picture decodes, has a plausible size and shows something; the report page and its
    /// Markdown twin are there. Returns the pictures by name.
    @discardableResult
    static func checkPictures(_ names: [String], in folder: URL) throws -> [String: Image] {
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
        try Self.checkPictures(["class_means", "loss", "accuracy", "confusion", "examples"], in: folder)
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

    @Test func word2vecReuters() throws {
        let (output, folder) = try Self.runQuick("word2vec_reuters")
        defer { try? FileManager.default.removeItem(at: folder) }
        let counts = Self.numbers(after: "OUTCOME negative sampling:", in: output)
        try #require(counts.count >= 2, "no outcome line in:\n\(output)")
        #expect(counts[0] >= 3, "grain words among the neighbours of wheat: \(counts[0])")
        #expect(counts[1] >= 3, "oil words among the neighbours of crude: \(counts[1])")
        #expect(output.contains("wheat   -> "), "the neighbours were not printed")
        try Self.checkPictures(["words_pca", "words_pca_softmax", "ns_loss"], in: folder)
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
        try Self.checkPictures(["colorized", "loss", "lab_loss", "test_mse"], in: folder)
    }

    @Test func tunerMNISTSearchesThenResumesWithNothingLeft() throws {
        let (output, folder) = try Self.runQuick("tune_mnist")
        defer { try? FileManager.default.removeItem(at: folder) }
        let accuracy = try Self.number(after: "test accuracy ", onLineStarting: "best trial", in: output)
        #expect(accuracy >= 0.8, "test accuracy \(accuracy)")
        #expect(output.contains("Search: Running Trial #8 (8/8)"))
        #expect(output.contains("Best val_accuracy So Far: "))
        #expect(output.contains("outcome check passed"))
        try Self.checkPictures(["charts/objective_by_trial", "charts/objective_vs_learning_rate", "charts/objective_vs_optimizer"],
                               in: folder)
        // Run again on the same folder: every trial is finished, so none runs, and the best model is the same.
        let again = try Executable.run(["run", "scripts/tune_mnist.lua", folder.path], environment: ["LUNETTE_DATA": ""])
        try #require(again.status == 0, "the second run failed:\n\(again.output)\(again.error)")
        #expect(!again.output.contains("Search: Running Trial"))
        #expect(try Self.number(after: "test accuracy ", onLineStarting: "best trial", in: again.output) == accuracy)
    }
    @Test func echoCancellationReducesTheEchoBy20dB() throws {
        let (output, folder) = try Self.runQuick("echo_cancel")
        defer { try? FileManager.default.removeItem(at: folder) }
        let reduction = try Self.number(after: "ECHO reduction ", onLineStarting: "ECHO reduction", in: output)
        #expect(reduction >= 20, "echo reduction \(reduction) dB")
        #expect(output.contains("outcome check passed"))
        try Self.checkPictures(["erle", "signals", "weights"], in: folder)
        // The WAV files again, read here: the same rate and length, and the cleaned one 20 dB quieter by
        // RMS after the first 3 seconds.
        let mic = try WAV.read(path: folder.appendingPathComponent("microphone.wav").path)
        let cleaned = try WAV.read(path: folder.appendingPathComponent("cleaned.wav").path)
        #expect(mic.sampleRate == 8000 && cleaned.sampleRate == 8000 && mic.channels == 1)
        try #require(mic.frames == cleaned.frames && mic.frames > 5 * 8000, "\(mic.frames) and \(cleaned.frames) frames")
        func rms(_ samples: [Float]) -> Double {
            (samples.dropFirst(3 * 8000).reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count - 3 * 8000)).squareRoot()
        }
        let measured = 20 * log10(rms(mic.samples) / rms(cleaned.samples))
        #expect(measured >= 20, "RMS reduction of the WAV files \(measured) dB")
        #expect(abs(measured - reduction) < 0.2, "the script says \(reduction) dB, the files \(measured) dB")
    }
    @Test func gasLSTMGoesFromNegativeR2ToAForecast() throws {
        let (output, folder) = try Self.runQuick("gas_lstm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = Self.numbers(after: "GAS LSTM: homework R²", in: output)
        try #require(values.count >= 3, "no outcome line in:\n\(output)")
        let (homework, windows, yesterday) = (values[0], values[1], values[2])
        #expect(homework < 0, "the homework version's R² \(homework)")
        #expect(windows >= 0.9 && windows > yesterday, "windowed R² \(windows), same time yesterday \(yesterday)")
        #expect(output.contains("outcome check passed"))
        // read_csv split the time stamps: 4,032 half-hours with their calendar columns.
        #expect(output.contains("4032 rows from"))
        #expect(output.contains("time, time_year, time_month, time_day, time_hour, time_minute, time_weekday, demand_mw"))
        try Self.checkPictures(["series", "loss", "predictions", "homework_scatter", "r2"], in: folder)
    }

    @Test func reutersTopicsBeatTheMajorityBaseline() throws {
        let (output, folder) = try Self.runQuick("reuters_topics")
        defer { try? FileManager.default.removeItem(at: folder) }
        let best = try Self.number(after: "test accuracy ", onLineStarting: "REUTERS best:", in: output)
        let baseline = try Self.number(after: "majority baseline ", onLineStarting: "REUTERS best:", in: output)
        #expect(best >= baseline + 0.04, "best \(best) against the baseline \(baseline)")
        #expect(output.contains("outcome check passed"))
        #expect(output.contains("1554 train and 604 test stories, 3 classes"))
        // Ten trainings: five loss/activation pairs and five optimizers.
        #expect(output.split(separator: "\n").filter { $0.contains(" test accuracy ") && $0.hasPrefix("  ") }.count == 10)
        try Self.checkPictures(["accuracy_bars", "learning_curves"], in: folder)
    }

    @Test func backpropByHandMatchesAutogradAndTheBook() throws {
        let (output, folder) = try Self.runQuick("backprop_by_hand")
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = Self.numbers(after: "BACKPROP: hand against autograd and Dense layers", in: output)
        // the agreement, the gap to the book, the MSE of the trained 1-2-1 and 1-10-1 networks (the
        // network names themselves are not numbers and drop out)
        try #require(values.count == 4, "no outcome line in:\n\(output)")
        #expect(values[0] <= 1e-6, "hand against autograd: \(values[0])")
        #expect(values[1] <= 6e-4, "against the book's printed update: \(values[1])")
        #expect(values[2] <= 0.002 && values[3] <= 0.002, "trained MSE \(values[2]), \(values[3])")
        // The textbook's update (Hagan et al., Neural Network Design, chapter 11), to its printed digits.
        #expect(output.contains("W2(1)      = [0.1709 -0.0772]"))
        #expect(output.contains("b1(1)      = [-0.4751; -0.1400]"))
        #expect(output.contains("outcome check passed"))
        try Self.checkPictures(["approximation", "error"], in: folder)
    }

    @Test func adalineRecoversTheCoefficientsAndNARXFollowsThePlant() throws {
        let (output, folder) = try Self.runQuick("adaline_narx")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The printed weights of the LMS-trained ADALINE: the difference equation's 2, 4, 0, -6, -8.
        let expected: [(String, Double)] = [("x[k]", 2), ("x[k-1]", 4), ("x[k-2]", 0), ("y[k-1]", -6), ("y[k-2]", -8)]
        for (name, value) in expected {
            let prefix = "  w(" + name.padding(toLength: 6, withPad: " ", startingAt: 0) + ") ="
            let weight = try #require(Self.numbers(after: prefix, in: output).first, "no weight \(name) in:\n\(output)")
            #expect(abs(weight - value) <= 1e-3, "w(\(name)) = \(weight)")
        }
        // the weight errors on that line are printed as 1.24e-07; the NARX errors have fixed decimals
        let oneStep = try Self.number(after: "NARX NRMSE one step ", onLineStarting: "IDENTIFICATION:", in: output)
        let freeRun = try Self.number(after: "free run ", onLineStarting: "IDENTIFICATION:", in: output)
        #expect(oneStep <= 0.05 && freeRun <= 0.1, "NARX NRMSE one step \(oneStep), free run \(freeRun)")
        #expect(output.contains("outcome check passed: ADALINE coefficients within 1e-3"))
        try Self.checkPictures(["unstable", "lms", "narx_loss", "narx_test"], in: folder)
    }

    @Test func vaeFashionReconstructsBetterThanTheMeanImage() throws {
        let (output, folder) = try Self.runQuick("vae_fashion")
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = Self.numbers(after: "VAE: held-out reconstruction loss", in: output)
        try #require(values.count >= 4, "no outcome line in:\n\(output)")
        let (reconstruction, baseline, kl) = (values[0], values[1], values[3])
        #expect(baseline > 0 && reconstruction <= 0.75 * baseline, "reconstruction \(reconstruction) against the mean image's \(baseline)")
        #expect(kl > 0, "KL \(kl)")
        // Keras' example model: 69,076 encoder and 65,089 decoder parameters.
        #expect(output.contains("encoder 69076 parameters, decoder 65089 parameters"))
        // The custom step's two terms are tracked and validated each epoch.
        #expect(output.contains("- reconstruction_loss: ") && output.contains("- val_kl_loss: "))
        #expect(output.contains("outcome check passed"))
        let pictures = try Self.checkPictures(["first_images", "training", "reconstructions", "latent_space", "latent_grid"], in: folder)
        let grid = try #require(pictures["latent_grid"])
        #expect(abs(grid.width - grid.height) <= grid.width / 20, "the 15x15 grid is \(grid.width)x\(grid.height)")
        let latent = try #require(pictures["latent_space"])
        #expect(latent.channels >= 3, "the latent scatter has no colour")
    }

    @Test func hebbianPCAFindsTheEigenfacesAndClassifiesFaces() throws {
        let (output, folder) = try Self.runQuick("hebbian_pca")
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = "HEBBIAN PCA:"
        let oja = try Self.number(after: "Oja |cos| ", onLineStarting: line, in: output)
        let sanger = try Self.number(after: "over the first 8 components ", onLineStarting: line, in: output)
        let subspace = try Self.number(after: "subspace of 8 ", onLineStarting: line, in: output)
        let svd = try Self.number(after: "ml.PCA ", onLineStarting: line, in: output)
        let accuracy = try Self.number(after: "test accuracy ", onLineStarting: line, in: output)
        #expect(oja >= 0.99 && sanger >= 0.99 && subspace >= 0.99, "|cos|: Oja \(oja), GHA \(sanger), subspace \(subspace)")
        #expect(svd >= 0.9999, "ml.PCA against eigh: \(svd)")
        #expect(accuracy >= 0.95, "face / non-face test accuracy \(accuracy)")
        #expect(output.contains("70 training faces of 625 pixels"))
        #expect(output.contains("outcome check passed"))
        let pictures = try Self.checkPictures(["examples", "eigenfaces", "convergence", "projections", "confusion"], in: folder)
        // two rows of nine: the mean face and eight eigenvectors, Oja's and eight GHA components
        let eigenfaces = try #require(pictures["eigenfaces"])
        #expect(eigenfaces.width > eigenfaces.height * 3, "eigenfaces is \(eigenfaces.width)x\(eigenfaces.height)")
    }

    @Test func transferLearningBeatsTrainingFromScratch() throws {
        let (output, folder) = try Self.runQuick("transfer_learning")
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = "TRANSFER:"
        let fineTuned = try Self.number(after: "5-9 fine-tuned ", onLineStarting: line, in: output)
        let scratch = try Self.number(after: "scratch ", onLineStarting: line, in: output)
        #expect(fineTuned >= scratch + 0.01, "digits 0-4 -> 5-9: fine-tuned \(fineTuned), from scratch \(scratch)")
        #expect(fineTuned >= 0.85, "digits 5-9 from 100 images: \(fineTuned)")
        // the base went through a file: saved, then loaded for every draw
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("base_digits_0_4.safetensors").path))
        #expect(output.contains("Non-trainable params: 55,744"), "the loaded base's three convolutions are frozen")
        #expect(output.contains("outcome check passed"))
        try Self.checkPictures(["examples", "accuracy", "training"], in: folder)
    }

    @Test func autoencoderKMeansClustersAboveTheMajorityBaseline() throws {
        let (output, folder) = try Self.runQuick("autoencoder_kmeans")
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = Self.numbers(after: "AUTOENCODER k-means: purity", in: output)
        try #require(values.count >= 3, "no outcome line in:\n\(output)")
        let (purity, ari, baseline) = (values[0], values[1], values[2])
        #expect(purity >= baseline + 0.25, "purity \(purity) against the majority baseline \(baseline)")
        #expect(ari > 0.2, "adjusted Rand index \(ari)")
        #expect(output.contains("outcome check passed"))
        // The homework's network: 204,857 parameters and a code of two numbers; three photographs of 60 crops.
        #expect(output.contains("Total params: 204,857"))
        #expect(output.contains("x: 180x100x100x3, 3 classes of 60 crops"))
        // The elbow curve: ten inertias, falling as k grows.
        var inertias: [Double] = []
        for k in 1...10 {
            let prefix = k < 10 ? "k =  \(k)" : "k = \(k)"
            inertias.append(try Self.number(after: "inertia ", onLineStarting: prefix, in: output))
        }
        #expect(zip(inertias, inertias.dropFirst()).allSatisfy { pair in pair.0 >= pair.1 }, "inertias \(inertias)")
        try Self.checkPictures(["crops", "loss", "reconstructions", "codes", "elbow", "clusters"], in: folder)
    }

    @Test func shapesAndParametersByHandMatchTheSummaries() throws {
        let (output, folder) = try Self.runQuick("shapes_and_params")
        defer { try? FileManager.default.removeItem(at: folder) }
        let values = Self.numbers(after: "SHAPES:", in: output)
        try #require(values.count >= 3, "no outcome line in:\n\(output)")
        #expect(values[0] >= 26 && values[1] == 0, "\(values[1]) mismatches of \(values[0]) comparisons")
        #expect(values[2] <= 1e-5, "batch normalization by hand differs from the layer by \(values[2])")
        #expect(!output.contains("MISMATCH"))
        #expect(output.contains("outcome check passed"))
        // Dense(20) on 10 inputs + BatchNormalization: 260 trainable, 40 non-trainable, as the exercise counts.
        #expect(output.contains("totals by hand: 300 (trainable 260, non-trainable 40); summary: 300 (260, 40) ok"))
        try Self.checkPictures(["batchnorm_differences"], in: folder)
    }
}
