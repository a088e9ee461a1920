#if canImport(Glibc)
import Glibc
#endif

extension Tensor: CustomStringConvertible {
    /// The values in aligned columns (Torch7 style), summarized with `...` beyond 1000 elements, then a
    /// line such as `[Tensor float32 2x3]`. Slice labels of 3-D and larger tensors count from 0.
    public var description: String { format(indexBase: 0) }

    /// Elements beyond which a printout shows only the first and last `edgeItems` along each dimension.
    public static let summaryThreshold = 1000
    public static let edgeItems = 3
    static let lineWidth = 80

    /// `description` with slice labels counting from `indexBase` (the Lua binding passes 1).
    public func format(indexBase: Int) -> String {
        let footer = "[Tensor \(dtype) \(shape.sizeText)]"
        if count == 0 { return "[]\n" + footer }
        let summarize = count > Tensor.summaryThreshold
        // The positions shown along each dimension; nil marks the `...` gap.
        let shown: [[Int?]] = shape.map { size in
            guard summarize, size > 2 * Tensor.edgeItems else { return Array(0..<size) }
            return Array(0..<Tensor.edgeItems) + [nil] + Array((size - Tensor.edgeItems)..<size)
        }
        var positions: [Int] = []
        forEachShown(shown, dim: 0, index: []) { positions.append(storagePosition($0)) }
        let render = elementFormatter(for: dtype == .float32 ? positions.map(elementAsDouble) : [])
        let width = positions.map { render($0).count }.max() ?? 1

        var lines: [String] = []
        func row(_ prefix: [Int]) {
            var cells: [String] = []
            for j in shown[rank - 1] {
                guard let j else { cells.append("..."); continue }
                let text = render(storagePosition(prefix + [j]))
                cells.append(String(repeating: " ", count: width - text.count) + text)
            }
            // Long rows wrap, as PyTorch does, instead of making one very long line. Continuation lines
            // keep the columns: a vector's start under its first line, a matrix row's one column in, so
            // they do not read as new rows.
            var line = ""
            var lineStart = true
            for cell in cells {
                if !lineStart && line.count + 1 + cell.count > Tensor.lineWidth {
                    lines.append(line)
                    line = rank == 1 ? "" : String(repeating: " ", count: width + 1)
                    lineStart = true
                }
                line += (lineStart ? "" : " ") + cell
                lineStart = false
            }
            lines.append(line)
        }
        func matrix(_ prefix: [Int]) {
            if rank == 1 { row(prefix); return }
            for i in shown[rank - 2] {
                if let i { row(prefix + [i]) } else { lines.append(" ...") }
            }
        }
        func slices(_ prefix: [Int]) {
            if prefix.count == rank - 2 {
                let label = prefix.map { String($0 + indexBase) }.joined(separator: ",")
                lines.append("(\(label),.,.) =")
                matrix(prefix)
                lines.append("")
                return
            }
            for i in shown[prefix.count] {
                if let i { slices(prefix + [i]) } else { lines.append("...\n") }
            }
        }
        switch rank {
        case 0: lines.append(render(offset))
        case 1, 2: matrix([])
        default: slices([])
        }
        return lines.joined(separator: "\n") + "\n" + footer
    }

    private func forEachShown(_ shown: [[Int?]], dim: Int, index: [Int], _ body: ([Int]) -> Void) {
        if dim == rank { body(index); return }
        for i in shown[dim] { if let i { forEachShown(shown, dim: dim + 1, index: index + [i], body) } }
    }

    /// One format for all shown values, so columns align: integers as integers, floats with 4 decimals,
    /// or in scientific notation when their magnitudes span too much for that. Takes a storage position.
    private func elementFormatter(for values: [Double]) -> (Int) -> String {
        let raw = storage.pointer
        switch dtype {
        case .bool: return { raw.assumingMemoryBound(to: UInt8.self)[$0] != 0 ? "true" : "false" }
        case .uint8: return { String(raw.assumingMemoryBound(to: UInt8.self)[$0]) }
        case .int64: return { String(raw.assumingMemoryBound(to: Int64.self)[$0]) }
        case .float32: break
        }
        let finite = values.filter { $0.isFinite }
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0, smallest = magnitudes.min() ?? 0
        let format: (Double) -> String
        if finite.allSatisfy({ $0.rounded() == $0 }) && largest < 1e8 {
            format = { String(Int64($0)) }
        } else if largest >= 1e5 || smallest < 1e-4 {
            format = { String(format: "%.4e", $0) }
        } else {
            format = { String(format: "%.4f", $0) }
        }
        return { position in
            let v = Double(raw.assumingMemoryBound(to: Float.self)[position])
            return v.isNaN ? "nan" : v.isInfinite ? (v > 0 ? "inf" : "-inf") : format(v)
        }
    }
}

extension String {
    /// printf-style formatting of one Double (the Tensors module does not import Foundation).
    fileprivate init(format: String, _ value: Double) {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
