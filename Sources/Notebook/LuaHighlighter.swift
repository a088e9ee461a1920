/// Lua code as HTML, one string per source line, with `<span class="…">` around keywords (`k`),
/// strings (`s`), comments (`c`) and numbers (`n`). A token that spans lines (a long string or
/// comment) is closed at each line end and reopened on the next line, so every line stands alone.
public enum LuaHighlighter {
    public static func htmlLines(_ code: String) -> [String] {
        var lines: [String] = [""]
        LuaLexer.forEachToken(in: code) { token, utf8 in
            let text = String(decoding: utf8[token.range], as: UTF8.self)
            let segments = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (offset, segment) in segments.enumerated() {
                if offset > 0 { lines.append("") }
                guard !segment.isEmpty else { continue }
                if let cssClass = cssClass(token.kind) {
                    lines[lines.count - 1] += "<span class=\"\(cssClass)\">\(escapeHTML(segment))</span>"
                } else {
                    lines[lines.count - 1] += escapeHTML(segment)
                }
            }
        }
        return lines
    }

    private static func cssClass(_ kind: LuaTokenKind) -> String? {
        switch kind {
        case .keyword: return "k"
        case .string: return "s"
        case .comment: return "c"
        case .number: return "n"
        case .name, .symbol, .whitespace: return nil
        }
    }
}
