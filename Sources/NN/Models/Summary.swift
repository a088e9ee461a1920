#if canImport(Glibc)
import Glibc
#endif
import Foundation

extension Model {
    /// Writes the model's summary as Keras 3 prints it (to `NN.console` unless told otherwise).
    public func summary(console: Console? = nil, lineLength: Int? = nil) {
        let out = console ?? NN.console
        out.write(summaryText(lineLength: lineLength, columns: out.columns))
    }

    /// The summary text: a table of the layers (name and type, output shape, parameter count, and for
    /// models that are not a plain chain the layers each is connected to) and the parameter totals.
    /// As in Keras the table is 88 (chains) or 108 characters wide, narrower on a terminal of fewer
    /// `columns` (+ 4).
    public func summaryText(lineLength: Int? = nil, columns: Int = 80) -> String {
        let chain = isSequentialLike
        let width = lineLength ?? Swift.min(chain ? 88 : 108, columns - 4)
        let table = chain
            ? SummaryTable(headers: ["Layer (type)", "Output Shape", "Param #"], alignments: [.left, .left, .right],
                           positions: [0.45, 0.80, 1.0], lineLength: width)
            : SummaryTable(headers: ["Layer (type)", "Output Shape", "Param #", "Connected to"],
                           alignments: [.left, .left, .right, .left], positions: [0.3, 0.56, 0.74, 1.0], lineLength: width)
        let modelNodes = Set(nodes.map(ObjectIdentifier.init))
        let rows = layers.map { layer -> [String] in
            var row = ["\(layer.name) (\(layer.typeName))", Model.outputShapeText(layer),
                       layer is InputLayer ? "0" : layer.isBuilt ? Model.grouped(layer.countParams()) : "0 (unbuilt)"]
            if !chain {
                let inputs = layer.inboundNodes.filter { modelNodes.contains(ObjectIdentifier($0)) }.flatMap(\.inputs)
                row.append(inputs.isEmpty ? "-" : inputs.map { "\($0.layer.name)[\($0.node.index)][\($0.outputIndex)]" }.joined(separator: ", "))
            }
            return row
        }
        let trainable = trainableWeights.reduce(0) { $0 + $1.count }
        let frozen = nonTrainableWeights.reduce(0) { $0 + $1.count }
        let optimizerCount = compiled?.optimizer.variableCount ?? 0
        var text = "Model: \"\(name)\"\n" + table.render(rows)
        text += " Total params: \(Model.grouped(trainable + frozen + optimizerCount)) (\(Model.memorySize(trainable + frozen + optimizerCount)))\n"
        text += " Trainable params: \(Model.grouped(trainable)) (\(Model.memorySize(trainable)))\n"
        text += " Non-trainable params: \(Model.grouped(frozen)) (\(Model.memorySize(frozen)))\n"
        if optimizerCount > 0 {
            text += " Optimizer params: \(Model.grouped(optimizerCount)) (\(Model.memorySize(optimizerCount)))\n"
        }
        return text
    }

    /// Keras shows a plain chain of one-input layers without the "Connected to" column: a Sequential
    /// model, or a functional one whose graph has one call per depth, each with at most one input, and
    /// no shared layer.
    var isSequentialLike: Bool {
        if self is Sequential || !hasGraph { return true }
        var depth: [ObjectIdentifier: Int] = [:]
        for node in nodes.reversed() {
            let d = depth[ObjectIdentifier(node)] ?? 0
            depth[ObjectIdentifier(node)] = d
            for input in node.inputs {
                let id = ObjectIdentifier(input.node)
                depth[id] = Swift.max(depth[id] ?? 0, d + 1)
            }
        }
        var perDepth: [Int: Int] = [:]
        for node in nodes { perDepth[depth[ObjectIdentifier(node)] ?? 0, default: 0] += 1 }
        let distinctLayers = Set(nodes.map { ObjectIdentifier($0.layer) }).count == nodes.count
        return distinctLayers && perDepth.values.allSatisfy { $0 == 1 } && nodes.allSatisfy { $0.inputs.count <= 1 }
    }

    /// The shapes of a layer's outputs from its most recent call (or from its build), `?` when unknown.
    static func outputShapeText(_ layer: Layer) -> String {
        var shapes: [SymbolicShape]? = layer.inboundNodes.last?.outputShapes
        if shapes == nil, let built = layer.builtInputShapes { shapes = try? layer.outputShapes(for: built) }
        guard let shapes, !shapes.isEmpty else { return "?" }
        return shapes.count == 1 ? shapes[0].description : "[" + shapes.map(\.description).joined(separator: ", ") + "]"
    }

    /// `130,890`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var result = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return String(result.reversed())
    }

    /// Bytes of `count` float32 values in Keras' units: `511.29 KB`.
    static func memorySize(_ count: Int) -> String {
        var size = Double(count * 4)
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size / 1024 < 1 { return String(format: "%.2f", size) + " " + unit }
            size /= 1024
        }
        return String(format: "%.2f", size) + " PB"
    }
}
