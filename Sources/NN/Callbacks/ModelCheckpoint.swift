import Foundation

/// Saves the model (or its weights) after epochs (Keras' ModelCheckpoint). The path may contain
/// Python-style fields filled from the epoch (counted from 1) and the logs: `model-{epoch:02d}-{val_loss:.2f}.safetensors`.
public final class ModelCheckpoint: Callback {
    /// Keras' defaults, the one place they are stated (the initialiser and the bindings read them).
    public struct Defaults {
        public let monitor = "val_loss", saveBestOnly = false, saveWeightsOnly = false, mode = "auto"
        public init() {}
    }

    public let filepath: String
    public let saveBestOnly: Bool
    public let saveWeightsOnly: Bool
    private let monitor: Monitor
    public private(set) var best: Double?

    public init(filepath: String, monitor: String = Defaults().monitor, saveBestOnly: Bool = Defaults().saveBestOnly,
                saveWeightsOnly: Bool = Defaults().saveWeightsOnly, mode: String = Defaults().mode) throws {
        self.filepath = filepath
        self.monitor = try Monitor(monitor, mode: mode, minDelta: 0, op: "ModelCheckpoint")
        self.saveBestOnly = saveBestOnly
        self.saveWeightsOnly = saveWeightsOnly
        _ = try ModelCheckpoint.format(filepath, values: ["epoch": 1], strict: false)
    }

    public override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        guard let model else { return }
        if saveBestOnly {
            guard let current = logs[monitor.name] else {
                throw NNError("ModelCheckpoint", .value, "monitors '\(monitor.name)', which is not logged; logged: \(logs.keys.sorted().joined(separator: ", "))")
            }
            let up = monitor.higherIsBetter(model: model)
            let previous = best.map { String(format: "%.5f", $0) } ?? (up ? "-inf" : "inf")
            guard monitor.isImprovement(current, over: best, higherIsBetter: up) else {
                report("Epoch \(epoch + 1): \(monitor.name) did not improve from \(previous)")
                return
            }
            best = current
            let file = try path(epoch, logs)
            report("Epoch \(epoch + 1): \(monitor.name) improved from \(previous) to \(String(format: "%.5f", current)), saving model to \(file)")
            try save(model, to: file)
        } else {
            let file = try path(epoch, logs)
            report("Epoch \(epoch + 1): saving model to \(file)")
            try save(model, to: file)
        }
    }

    private func save(_ model: Model, to file: String) throws {
        if saveWeightsOnly { try model.saveWeights(file) } else { try model.save(file) }
    }

    /// The file path for an epoch (0-based) with its logs.
    private func path(_ epoch: Int, _ logs: [String: Double]) throws -> String {
        try ModelCheckpoint.format(filepath, values: logs.merging(["epoch": Double(epoch + 1)]) { $1 }, strict: true)
    }

    /// Fills `{name}`, `{name:02d}`, `{name:.3f}` fields from `values` (Python's format mini-language for
    /// widths, zero padding, `d`, `f`, `e`); `{{` and `}}` are literal braces.
    static func format(_ template: String, values: [String: Double], strict: Bool) throws -> String {
        var result = ""
        var chars = template[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "{" && chars.first == "{" { result.append("{"); chars = chars.dropFirst(); continue }
            if c == "}" && chars.first == "}" { result.append("}"); chars = chars.dropFirst(); continue }
            guard c == "{" else { result.append(c); continue }
            guard let close = chars.firstIndex(of: "}") else {
                throw NNError("ModelCheckpoint", .value, "unclosed '{' in the file path \(template)")
            }
            let field = String(chars[..<close])
            chars = chars[chars.index(after: close)...]
            let parts = field.split(separator: ":", maxSplits: 1).map(String.init)
            let name = parts.first ?? ""
            guard let value = values[name] else {
                if strict {
                    throw NNError("ModelCheckpoint", .value, "the file path uses {\(name)}, which is not logged; logged: \(values.keys.sorted().joined(separator: ", "))")
                }
                continue
            }
            result += try formatNumber(value, spec: parts.count > 1 ? parts[1] : "")
        }
        return result
    }

    private static func formatNumber(_ value: Double, spec: String) throws -> String {
        guard !spec.isEmpty else {
            return value.rounded() == value && Swift.abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
        guard let kind = spec.last, "dfe".contains(kind),
              spec.dropLast().allSatisfy({ $0.isNumber || $0 == "." }) else {
            throw NNError("ModelCheckpoint", .value, "unsupported format '\(spec)' in the file path (use d, f or e with a width and precision)")
        }
        let body = String(spec.dropLast())
        // Widths and precisions beyond two digits are refused: they would only make absurd file names.
        guard body.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ $0.count <= 2 }) else {
            throw NNError("ModelCheckpoint", .value, "the format '\(spec)' in the file path asks for more than 99 characters")
        }
        if kind == "d" {
            guard value.isFinite, Swift.abs(value) < 1e18 else {
                throw NNError("ModelCheckpoint", .value, "cannot write \(value) as an integer in the file path")
            }
            return String(format: "%\(body)ld", Int(value.rounded()))
        }
        return String(format: "%\(body)\(kind)", value)
    }
}
