/// A box-drawn table laid out as the `rich` library does for Keras' summaries: fixed column widths
/// shrunk evenly to the line length, one space of padding, cells word-wrapped, over-long words cut with
/// an ellipsis, a line between rows.
struct SummaryTable {
    enum Alignment { case left, right }

    let headers: [String]
    let alignments: [Alignment]
    /// Each column's width including its padding, and the table's total width including borders.
    let widths: [Int]

    /// Columns at fractional `positions` of `lineLength` (Keras' positions list), fitted to it.
    init(headers: [String], alignments: [Alignment], positions: [Double], lineLength: Int) {
        self.headers = headers
        self.alignments = alignments
        var requested: [Int] = []
        var current = 0
        for position in positions {
            let width = Int(position * Double(lineLength)) - current
            requested.append(width + 2)
            current += width
        }
        // rich's ratio_reduce: take the excess from the columns in turn, in equal shares.
        let available = lineLength - (positions.count + 1)
        var excess = requested.reduce(0, +) - available
        var remainingColumns = requested.count
        var fitted: [Int] = []
        for width in requested {
            if excess > 0 {
                let share = Swift.min(width, Int((Double(excess) / Double(remainingColumns)).rounded(.toNearestOrEven)))
                fitted.append(width - share)
                excess -= share
            } else {
                fitted.append(width)
            }
            remainingColumns -= 1
        }
        widths = fitted
    }

    func render(_ rows: [[String]]) -> String {
        func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0) }.joined(separator: middle) + right + "\n"
        }
        func line(_ cells: [String], border: String) -> String {
            let wrapped = cells.enumerated().map { SummaryTable.wrap($0.element, width: widths[$0.offset] - 2) }
            let height = wrapped.map(\.count).max() ?? 1
            var text = ""
            for row in 0..<height {
                let parts = wrapped.enumerated().map { column, lines -> String in
                    let content = row < lines.count ? lines[row] : ""
                    let pad = String(repeating: " ", count: Swift.max(0, widths[column] - 2 - content.count))
                    return " " + (alignments[column] == .right ? pad + content : content + pad) + " "
                }
                text += border + parts.joined(separator: border) + border + "\n"
            }
            return text
        }
        var text = rule("┏", "━", "┳", "┓") + line(headers, border: "┃") + rule("┡", "━", "╇", "┩")
        for (i, row) in rows.enumerated() {
            if i > 0 { text += rule("├", "─", "┼", "┤") }
            text += line(row, border: "│")
        }
        return text + rule("└", "─", "┴", "┘")
    }

    /// Greedy word wrapping at spaces; a word longer than the width gets a line of its own, cut to the
    /// width with "…".
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [""] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        return lines.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }
    }
}
