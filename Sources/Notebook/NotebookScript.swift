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
    /// The comment lines at the top of the code (or all of a `-- %% [markdown]` cell's), without their
    /// dashes: Markdown prose, empty when the cell starts with code.
    public let prose: String
    /// How many lines of `code` the prose takes, with the blank lines after it.
    public let proseLineCount: Int
    /// The cell's whole text, marker line included: what its cached results depend on.
    public let source: String
    public let scope: CellScope

    /// The code after the prose, and the file line it begins on.
    public var codeAfterProse: (code: String, firstLine: Int) {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(proseLineCount)
        return (lines.joined(separator: "\n"), codeFirstLine + proseLineCount)
    }
}

/// A script split into cells with the percent-cell convention of Jupytext and VS Code: a comment line
/// starting with `-- %%` (at the start of the line, outside any block or bracket) begins a cell,
/// optionally titled (`-- %% Train the model`). Lines before the first marker form a cell of their own
/// when they hold anything but blanks. A script without markers is one cell.
///
/// The script still runs as one chunk. `runnableSource` is the source with a call
/// `__lunette_cell(n, locals)` at the start of each cell's first line (in place of the marker comment,
/// or before the first line of the file), which tells the host where each cell begins while every line
/// keeps its number; `locals` is a function whose upvalues are the top-level locals visible there, so
/// the host can read (and cache) what the cells before left behind.
public struct NotebookScript: Sendable {
    public static let cellFunctionName = "__lunette_cell"
    /// `local a, b = __lunette_restore(n)`: brings back the state cell n left, cached by an earlier run.
    public static let restoreFunctionName = "__lunette_restore"
    /// `__lunette_restored(function() return a, b end)`: lets restored functions share those locals again.
    public static let restoredFunctionName = "__lunette_restored"

    public let cells: [ScriptCell]
    /// The file's lines, a shebang line emptied.
    private let lines: [String]
    /// The line each cell starts on, and whether that line is its marker.
    private let starts: [(line: Int, isMarker: Bool)]

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
            let span = start.line...max(start.line, last)
            let prose = Self.prose(atTopOf: code, wholeCell: start.title == "[markdown]")
            let text = code.joined(separator: "\n")
            cells.append(ScriptCell(number: offset + 1, title: start.title, lines: span, code: text, codeFirstLine: first,
                                    prose: prose.text, proseLineCount: prose.lineCount,
                                    source: lines[(span.lowerBound - 1)...(span.upperBound - 1)].joined(separator: "\n"),
                                    scope: CellScope(code: text)))
        }
        self.cells = cells
        self.lines = lines
        self.starts = starts.map { ($0.line, $0.isMarker) }
    }

    /// The source to run: every cell calls the host where it starts.
    public var runnableSource: String { runnableSource(restoring: 0, locals: []) }

    /// The source to run when the first `restoring` cells come from the cache: their lines are left
    /// blank and the first line restores `locals`, the top-level locals the cache holds, in that order.
    /// Every line keeps its number.
    public func runnableSource(restoring restored: Int, locals: [String]) -> String {
        var lines = lines
        var visible = restored > 0 ? locals : []
        for (index, start) in starts.enumerated() {
            let cell = cells[index]
            if cell.number <= restored {
                for line in cell.lines { lines[line - 1] = "" }
                continue
            }
            let capture = visible.isEmpty ? "" : ", function() return \(visible.joined(separator: ", ")) end"
            let call = "\(Self.cellFunctionName)(\(cell.number)\(capture));"
            lines[start.line - 1] = start.isMarker ? call : call + lines[start.line - 1]
            for name in cell.scope.declaredLocals {
                visible.removeAll { $0 == name }
                visible.append(name)
            }
        }
        if restored > 0 {
            var restore = "\(Self.restoreFunctionName)(\(restored));"
            if !locals.isEmpty {
                let names = locals.joined(separator: ", ")
                restore = "local \(names) = " + restore + " \(Self.restoredFunctionName)(function() return \(names) end);"
            }
            lines[0] = restore + lines[0]
        }
        return lines.joined(separator: "\n")
    }

    /// The names cells after `number` mention: what the state left by cell `number` must keep.
    public func namesMentioned(after number: Int) -> Set<String> {
        cells.dropFirst(number).reduce(into: Set()) { $0.formUnion($1.scope.mentionedNames) }
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

    /// Leading `--` comment lines (not long comments) as Markdown: the dashes and one space removed.
    private static func prose(atTopOf code: [String], wholeCell: Bool) -> (text: String, lineCount: Int) {
        var text: [String] = []
        var count = 0
        for line in code {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if isBlank(line) && (wholeCell || !text.isEmpty) {
                text.append("")
                count += 1
                continue
            }
            guard trimmed.hasPrefix("--"), !trimmed.hasPrefix("--[") else { break }
            let body = trimmed.dropFirst(2)
            text.append(String(body.hasPrefix(" ") ? body.dropFirst() : body))
            count += 1
        }
        while text.last == "" { text.removeLast() }
        return (text.joined(separator: "\n"), count)
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    private static func withoutCarriageReturn(_ line: String) -> String {
        line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
