import Foundation
import LuaHost

/// One page of the reference being written: a title and paragraph, a contents list, then sections of
/// entries. Headings get GitHub's anchors, so the contents and the index link into the page.
struct MarkdownPage {
    let summary: String
    private var head: [String]
    private var contents: [String] = []
    private var body: [String] = []
    private var anchors: [String: Int] = [:]

    init(title: String, summary: String) {
        self.summary = summary
        head = ["# \(title)", ""] + (summary.isEmpty ? [] : [summary, ""])
    }

    var text: String {
        let list = contents.isEmpty ? [] : ["## Contents", ""] + contents + [""]
        return (head + list + body).joined(separator: "\n")
    }

    /// A section heading (`Functions`, `nn.losses`, `Class Optimizer`) with its paragraph and fields.
    mutating func section(_ title: String, summary: String, fields: [LuaParameter] = []) {
        contents.append("- [\(title)](#\(uniqueAnchor(title)))")
        body += ["## \(title)", ""]
        if !summary.isEmpty { body += [summary, ""] }
        if !fields.isEmpty {
            body += ["| field | takes | meaning |", "|---|---|---|"]
            body += fields.map { "| `\($0.name)` | \(Self.cell($0.kind.text)) | \(Self.cell($0.doc)) |" }
            body.append("")
        }
    }

    /// A function or method: heading, call, summary, parameters, options, example and its output.
    mutating func entry(_ entry: LuaDocumentation.Entry, example run: ExampleRun?) {
        let signature = entry.signature
        contents.append("  - [`\(entry.name)`](#\(uniqueAnchor(entry.name))) \(signature.firstSentence)")
        body += ["### \(entry.name)", "", "```lua", "\(entry.name)\(signature.argumentList) -> \(signature.returns)", "```", ""]
        body += [signature.summary, ""]
        if !signature.parameters.isEmpty {
            body += ["| parameter | takes | default | meaning |", "|---|---|---|---|"]
            body += signature.parameters.map { row($0.name, $0.kind, $0.defaultText, $0.doc) }
            body.append("")
        }
        if let options = signature.options, !options.isEmpty {
            body += ["| option | takes | default | meaning |", "|---|---|---|---|"]
            body += options.map { row($0.name, $0.kind, $0.defaultValue.text, $0.doc) }
            body.append("")
        }
        guard let run else { return }
        body += ["Example:", "", "```lua", signature.example, "```", ""]
        if let error = run.error {
            body += ["It raised an error:", "", "```", error, "```", ""]
        } else if !run.output.isEmpty {
            body += ["It prints:", "", "```", run.output.hasSuffix("\n") ? String(run.output.dropLast()) : run.output, "```", ""]
        }
    }

    /// The names of functions and methods without a declaration.
    mutating func undocumented(_ names: [String]) {
        guard !names.isEmpty else { return }
        contents.append("- [Not documented yet](#\(uniqueAnchor("Not documented yet")))")
        body += ["## Not documented yet", "", "These can be called but have no declaration yet, so `help` cannot show them:", ""]
        body += [names.map { "`\($0)`" }.joined(separator: ", "), ""]
    }

    private func row(_ name: String, _ kind: LuaValueKind, _ defaultText: String?, _ doc: String) -> String {
        "| `\(name)` | \(Self.cell(kind.text)) | \(defaultText.map { Self.cell($0) } ?? "") | \(Self.cell(doc)) |"
    }

    /// Text that stays inside one table cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : nil })
    }

    /// GitHub numbers repeated anchors on a page (`optimadam`, `optimadam-1` for optim.Adam and optim.adam).
    private mutating func uniqueAnchor(_ heading: String) -> String {
        let base = Self.anchor(heading)
        let seen = anchors[base, default: 0]
        anchors[base] = seen + 1
        return seen == 0 ? base : "\(base)-\(seen)"
    }
}
