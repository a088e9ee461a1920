/// The Markdown of prose cells as HTML: the part of CommonMark that comments in experiments use —
/// ATX headings, paragraphs, `-`/`*`/`+` and numbered lists, fenced and indented code blocks, inline
/// code, `*emphasis*`, `**strong**`, `[links](url)`, backslash escapes. Anything else stays text (so
/// does math). Every character of the input is escaped; link targets are limited to http(s), mailto,
/// anchors and relative paths, so prose cannot put script into the page. `_` marks emphasis only at
/// word boundaries, so `batch_size` stays as it is.
public enum MarkdownProse {
    public static func html(_ markdown: String) -> String {
        var html = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var code: (fence: String, lines: [String])?
        var indentedCode: [String] = []

        func closeParagraph() {
            if !paragraph.isEmpty { html += "<p>\(inline(paragraph.joined(separator: "\n")))</p>\n" }
            paragraph = []
        }
        func closeList() {
            guard let current = list else { return }
            let tag = current.ordered ? "ol" : "ul"
            html += "<\(tag)>" + current.items.map { "<li>\(inline($0))</li>" }.joined() + "</\(tag)>\n"
            list = nil
        }
        func closeIndentedCode() {
            while indentedCode.last?.allSatisfy(\.isWhitespace) == true { indentedCode.removeLast() }
            if !indentedCode.isEmpty { html += "<pre><code>\(escapeHTML(indentedCode.joined(separator: "\n")))</code></pre>\n" }
            indentedCode = []
        }

        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop(while: { $0 == " " })
            let indent = line.count - trimmed.count
            if var block = code {
                if trimmed.hasPrefix(block.fence) && trimmed.allSatisfy({ $0 == block.fence.first }) {
                    html += "<pre><code>\(escapeHTML(block.lines.joined(separator: "\n")))</code></pre>\n"
                    code = nil
                } else {
                    block.lines.append(line)
                    code = block
                }
                continue
            }
            if indent >= 4 && paragraph.isEmpty && list == nil {
                indentedCode.append(String(line.dropFirst(4)))
                continue
            }
            if !indentedCode.isEmpty && trimmed.isEmpty {
                indentedCode.append("")
                continue
            }
            closeIndentedCode()
            if trimmed.isEmpty {
                closeParagraph()
                closeList()
                continue
            }
            if let fence = fenceOpening(trimmed) {
                closeParagraph()
                closeList()
                code = (fence, [])
                continue
            }
            if let (level, text) = heading(trimmed) {
                closeParagraph()
                closeList()
                html += "<h\(level)>\(inline(text))</h\(level)>\n"
                continue
            }
            if let (ordered, text) = listItem(trimmed) {
                closeParagraph()
                if let current = list, current.ordered != ordered { closeList() }
                list = (ordered, (list?.items ?? []) + [text])
                continue
            }
            if var current = list, indent > 0 {
                current.items[current.items.count - 1] += "\n" + trimmed
                list = current
                continue
            }
            closeList()
            paragraph.append(String(trimmed))
        }
        if let block = code { html += "<pre><code>\(escapeHTML(block.lines.joined(separator: "\n")))</code></pre>\n" }
        closeIndentedCode()
        closeParagraph()
        closeList()
        return html
    }

    /// "```" or "~~~" (or longer), optionally followed by a language name.
    private static func fenceOpening(_ line: Substring) -> String? {
        for mark in ["`", "~"] {
            let run = line.prefix { String($0) == mark }
            if run.count >= 3 && !(mark == "`" && line.dropFirst(run.count).contains("`")) { return String(run) }
        }
        return nil
    }

    private static func heading(_ line: Substring) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() } // closing hashes
        return (hashes, text.trimmingCharacters(in: .whitespaces))
    }

    private static func listItem(_ line: Substring) -> (ordered: Bool, text: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let rest = line.dropFirst(digits.count)
        if (1...9).contains(digits.count), let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
            return (true, String(rest.dropFirst(2)))
        }
        return nil
    }

    /// Inline markup of one block's text.
    static func inline(_ text: String) -> String {
        let characters = Array(text)
        var html = ""
        var index = 0
        func isWordCharacter(_ position: Int) -> Bool {
            characters.indices.contains(position) && (characters[position].isLetter || characters[position].isNumber)
        }
        func find(_ marker: [Character], from start: Int) -> Int? {
            var position = start
            while position + marker.count <= characters.count {
                if characters[position] == "\\" { position += 2; continue }
                if Array(characters[position..<(position + marker.count)]) == marker { return position }
                position += 1
            }
            return nil
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1].isPunctuation || characters[index + 1].isSymbol {
                html += escapeHTML(String(characters[index + 1]))
                index += 2
                continue
            }
            if character == "`" {
                let run = characters[index...].prefix { $0 == "`" }.count
                let marker = [Character](repeating: "`", count: run)
                if let end = find(marker, from: index + run) {
                    let content = String(characters[(index + run)..<end]).trimmingCharacters(in: .whitespaces)
                    html += "<code>\(escapeHTML(content))</code>"
                    index = end + run
                    continue
                }
                html += String(repeating: "`", count: run)
                index += run
                continue
            }
            if character == "[", let close = find(["]", "("], from: index + 1),
               let end = characters[(close + 2)...].firstIndex(of: ")") {
                let target = String(characters[(close + 2)..<end]).trimmingCharacters(in: .whitespaces)
                if isSafeLink(target) {
                    html += "<a href=\"\(escapeHTML(target))\">\(inline(String(characters[(index + 1)..<close])))</a>"
                    index = end + 1
                    continue
                }
            }
            if character == "*" || character == "_" {
                let double = index + 1 < characters.count && characters[index + 1] == character
                let marker = [Character](repeating: character, count: double ? 2 : 1)
                let opensWord = character == "*" || !isWordCharacter(index - 1)
                let contentStart = index + marker.count
                if opensWord, contentStart < characters.count, !characters[contentStart].isWhitespace,
                   let end = find(marker, from: contentStart + 1).flatMap({ $0 > contentStart ? $0 : nil }),
                   !characters[end - 1].isWhitespace, character == "*" || !isWordCharacter(end + marker.count) {
                    let tag = double ? "strong" : "em"
                    html += "<\(tag)>\(inline(String(characters[contentStart..<end])))</\(tag)>"
                    index = end + marker.count
                    continue
                }
            }
            html += escapeHTML(String(character))
            index += 1
        }
        return html
    }

    private static func isSafeLink(_ target: String) -> Bool {
        let lower = target.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") { return true }
        // A relative path: no scheme before the first slash.
        let beforeSlash = lower.prefix { $0 != "/" }
        return !target.isEmpty && !beforeSlash.contains(":") && !target.contains(" ")
    }
}
