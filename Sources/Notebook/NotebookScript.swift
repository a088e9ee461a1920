import Foundation

/// One cell of a script: the lines from its `-- %%` marker (or the start of the file) to the next marker.
public struct ScriptCell: Equatable, Sendable {
    /// 1-based, in file order.
    public let number: Int
    /// The text after `-- %%`, or nil for an untitled cell.
    public let title: String?
    /// The 1-based line numbers the cell spans in the file, its marker line included.
    public let lines: ClosedRange<Int>
    /// The cell's code as the report shows it: without the marker line and the blank lines around it.
    public let code: String
    /// The file line on which `code` begins.
    public let codeFirstLine: Int
}

/// A script split into cells with the percent-cell convention of Jupytext and VS Code: a comment line
/// starting with `-- %%` (at the start of the line, outside any block or bracket) begins a cell,
/// optionally titled (`-- %% Train the model`). Lines before the first marker form a cell of their own
/// when they hold anything but blanks. A script without markers is one cell.
///
/// The script still runs as one chunk. `runnableSource` is the source with a call
/// `__lunette_cell(n);` at the start of each cell's first line (in place of the marker comment, or
/// before the first line of the file), which tells the host where each cell begins while every line
/// keeps its number.
public struct NotebookScript: Sendable {
    public static let cellFunctionName = "__lunette_cell"

    public let cells: [ScriptCell]
    public let runnableSource: String

    public init(source: String) {
        var text = source
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() } // Lua's loadfile skips a byte-order mark too
        // Split on the byte: a Swift Character joins "\r\n" into one, while Lua counts it as one line break.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        // Lua's loadfile skips a first line starting with '#' (`#!/usr/bin/env lunette`); loading the
        // source from memory does not, so the line is kept, empty.
        if lines[0].hasPrefix("#") { lines[0] = "" }

        var starts = Self.markers(in: lines.joined(separator: "\n"))
        let preamble = lines[0..<((starts.first?.line ?? lines.count + 1) - 1)]
        if preamble.contains(where: { !Self.isBlank($0) }) {
            starts.insert((line: 1, title: nil, isMarker: false), at: 0)
        }

        var cells: [ScriptCell] = []
        for (offset, start) in starts.enumerated() {
            let last = offset + 1 < starts.count ? starts[offset + 1].line - 1 : lines.count
            var first = start.isMarker ? start.line + 1 : start.line
            var end = last
            while first <= end && Self.isBlank(lines[first - 1]) { first += 1 }
            while end >= first && Self.isBlank(lines[end - 1]) { end -= 1 }
            let code = first <= end ? lines[(first - 1)...(end - 1)].map(Self.withoutCarriageReturn) : []
            cells.append(ScriptCell(number: offset + 1, title: start.title, lines: start.line...max(start.line, last),
                                    code: code.joined(separator: "\n"), codeFirstLine: first))
            let call = "\(Self.cellFunctionName)(\(offset + 1));"
            lines[start.line - 1] = start.isMarker ? call : call + lines[start.line - 1]
        }
        self.cells = cells
        runnableSource = lines.joined(separator: "\n")
    }

    /// The cell holding a 1-based file line, if any.
    public func cell(containingLine line: Int) -> ScriptCell? {
        cells.first { $0.lines.contains(line) }
    }

    /// Marker comments: comment tokens at the start of a line, at nesting depth 0, reading `--`, optional
    /// spaces, `%%`. The depth counts blocks (`function`, `do`, `if`, `repeat` up to `end`/`until`) and
    /// brackets, so a marker inside a function or a table constructor stays an ordinary comment.
    private static func markers(in source: String) -> [(line: Int, title: String?, isMarker: Bool)] {
        var markers: [(line: Int, title: String?, isMarker: Bool)] = []
        var line = 1
        var scanned = 0
        var depth = 0
        let opening: [[UInt8]] = ["function", "do", "if", "repeat", "(", "[", "{"].map { Array($0.utf8) }
        let closing: [[UInt8]] = ["end", "until", ")", "]", "}"].map { Array($0.utf8) }
        LuaLexer.forEachToken(in: source) { token, utf8 in
            for byte in utf8[scanned..<token.range.lowerBound] where byte == UInt8(ascii: "\n") { line += 1 }
            scanned = token.range.lowerBound
            let bytes = utf8[token.range]
            switch token.kind {
            case .keyword, .symbol:
                if opening.contains(where: { $0.elementsEqual(bytes) }) { depth += 1 }
                if closing.contains(where: { $0.elementsEqual(bytes) }) { depth -= 1 }
            case .comment where depth <= 0:
                guard token.range.lowerBound == 0 || utf8[token.range.lowerBound - 1] == UInt8(ascii: "\n") else { break }
                let text = String(decoding: bytes, as: UTF8.self)
                let afterDashes = text.dropFirst(2).drop(while: { $0 == " " || $0 == "\t" })
                guard afterDashes.hasPrefix("%%") else { break }
                let title = afterDashes.dropFirst(2).trimmingCharacters(in: .whitespacesAndNewlines)
                markers.append((line, title.isEmpty ? nil : title, true))
            default: break
            }
        }
        return markers
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    private static func withoutCarriageReturn(_ line: String) -> String {
        line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
