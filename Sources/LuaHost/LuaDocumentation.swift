import CLua
import Foundation
import LuaShim

/// Everything declared to Lua (modules, classes, and the signatures of their functions and methods),
/// in declaration order: what `help(x)` prints and the reference in `docs/api/` is generated from.
public final class LuaDocumentation {
    /// A declared function (`nn.Dense`) or method (`Tensor:matmul`).
    public struct Entry {
        /// The module (`nn`, `nn.losses`) or class (`Tensor`) it belongs to.
        public let owner: String
        /// How it is called: `nn.Dense`, `Tensor:matmul`.
        public let name: String
        public let signature: LuaSignature

        /// The module it belongs to; for a method, its class's name.
        var topModule: String { String(owner.prefix { $0 != "." }) }
    }

    /// A module (`nn`), a table of one (`nn.losses`) or a class (`Tensor`) with its paragraph and, for
    /// classes, the fields of its objects.
    public struct Owner {
        public enum Kind { case module, `class` }

        public let name: String
        public let kind: Kind
        public let summary: String
        public let fields: [LuaParameter]

        public var firstSentence: String { summary.isEmpty ? "(not documented yet)" : openingSentence(of: summary) }

        /// The module a table belongs to: `nn` for `nn.losses`.
        public var topModule: String { String(name.prefix { $0 != "." }) }
    }

    /// Modules and classes in the order they were declared.
    public private(set) var owners: [Owner] = []
    public private(set) var entries: [Entry] = []

    func record(owner name: String, kind: Owner.Kind, summary: String, fields: [LuaParameter] = []) {
        guard !owners.contains(where: { $0.name == name }) else { return }
        owners.append(Owner(name: name, kind: kind, summary: summary, fields: fields))
    }

    func record(_ name: String, of owner: String, _ signature: LuaSignature) {
        entries.append(Entry(owner: owner, name: name, signature: signature))
    }

    public func owner(named name: String) -> Owner? { owners.first { $0.name == name } }

    /// The modules registered with the host (recorded when registered, before they are required), in
    /// that order; tables inside modules (`nn.losses`) are not among them.
    public var modules: [Owner] { owners.filter { $0.kind == .module && !$0.name.contains(".") } }

    public var classes: [Owner] { owners.filter { $0.kind == .class } }

    /// The module whose documentation shows a class: the module named like it (`Tensor` in `tensor`),
    /// else the one whose declared functions most often say they return it (`optim`: "an Optimizer"),
    /// the first registered on a tie; nil when no declared function returns it.
    public func module(ofClass name: String) -> String? {
        if let named = modules.first(where: { $0.name == name.lowercased() }) { return named.name }
        let pattern = "\\b\(NSRegularExpression.escapedPattern(for: name))(s\\b|\\b)"
        guard let returning = try? NSRegularExpression(pattern: pattern, options: .caseInsensitive) else { return nil }
        var counts: [String: Int] = [:]
        for entry in entries {
            let returns = entry.signature.returns
            if returning.firstMatch(in: returns, range: NSRange(returns.startIndex..., in: returns)) != nil {
                counts[entry.topModule, default: 0] += 1
            }
        }
        return modules.map(\.name).filter { counts[$0] != nil }.max { counts[$0]! < counts[$1]! }
    }

    /// The classes whose documentation the module shows (see `module(ofClass:)`).
    public func classes(ofModule name: String) -> [Owner] { classes.filter { module(ofClass: $0.name) == name } }

    /// The plain-text help of a module or class: its paragraph, fields, functions or methods with the
    /// first sentence of each, the classes a module makes, and the names of those not documented yet.
    public func helpText(owner name: String, undocumented: [String] = []) -> String? {
        guard let owner = owner(named: name) else { return nil }
        var lines = [name, ""]
        lines += wrap(owner.summary.isEmpty ? "(not documented yet)" : owner.summary, indent: "  ")
        if !owner.fields.isEmpty {
            lines += ["", "Fields:"] + rows(owner.fields.map { ($0.name, $0.doc) })
        }
        let tables = owners.filter { $0.kind == .module && $0.name.hasPrefix(name + ".") }
        let members = entries(of: name) + tables.flatMap { entries(of: $0.name) }
        if !members.isEmpty {
            lines += ["", owner.kind == .class ? "Methods:" : "Functions:"] + rows(members.map { ($0.name, $0.signature.firstSentence) })
        }
        let classes = owner.kind == .module ? classes(ofModule: name) : []
        if !classes.isEmpty {
            lines += ["", "Classes (help('Name') shows one):"] + rows(classes.map { ($0.name, $0.firstSentence) })
        }
        if !undocumented.isEmpty {
            lines += ["", "Not documented yet:"] + wrap(undocumented.joined(separator: " "), indent: "  ")
        }
        if let first = members.first {
            let call = owner.kind == .class ? "help('\(first.name)')" : "help(\(first.name))"
            lines += ["", "\(call) shows a function's parameters, options and an example."]
        }
        return lines.joined(separator: "\n")
    }

    /// What `help()` prints: each registered module and class with the first sentence of its paragraph.
    public var overview: String {
        func described(_ owners: [Owner]) -> [String] { rows(owners.map { ($0.name, $0.firstSentence) }) }
        var lines = ["Modules (help(nn) shows one; they are globals in the REPL, else require 'nn'):"] + described(modules)
        if !classes.isEmpty { lines += ["", "Classes (help('Tensor') shows one, as does help(x) of an object):"] + described(classes) }
        lines += ["", "help(f) shows a function's parameters, options and an example; in the REPL ?f and f? do too.",
                  "The same reference, with each example's output, is in docs/api/ (made by lunette doc)."]
        return lines.joined(separator: "\n")
    }

    /// The declared function or method, module or class called `name` (`nn.Dense`, `Tensor:matmul` or
    /// `Tensor.matmul`, `optim`, `Optimizer`), as help text.
    public func helpText(named name: String) -> String? {
        if let entry = entries.first(where: { $0.name == name || $0.name.replacingOccurrences(of: ":", with: ".") == name }) {
            return entry.signature.helpText(name: entry.name)
        }
        return helpText(owner: name)
    }

    public func entries(of owner: String) -> [Entry] { entries.filter { $0.owner == owner } }
}

/// Names in a column as wide as the longest, each followed by its text.
private func rows(_ rows: [(name: String, text: String)]) -> [String] {
    let width = rows.map(\.name.count).max() ?? 0
    return rows.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.text }
}

/// The text up to the end of its first sentence (a full stop followed by a space or the end).
func openingSentence(of text: String) -> String {
    guard let end = text.range(of: ". ") ?? text.range(of: ".\n") else { return text.hasSuffix(".") ? String(text.dropLast()) : text }
    return String(text[..<end.lowerBound])
}

extension LuaSignature {
    /// The first sentence of the summary, for lists.
    public var firstSentence: String { openingSentence(of: summary) }

    /// The plain-text help of the function called `name`, as `help(f)` prints it.
    public func helpText(name: String) -> String {
        var lines = ["\(name)\(argumentList) -> \(returns)", ""]
        lines += wrap(summary, indent: "  ")
        let rows = parameters.map { ($0.name, $0.kind.text + ($0.defaultText.map { ", default \($0)" } ?? ""), $0.doc) }
        if !rows.isEmpty { lines += ["", "Parameters:"] + table(rows) }
        if let options, !options.isEmpty {
            lines += ["", "Options:"] + table(options.map { ($0.name, $0.kind.text + ($0.defaultValue.text.map { ", default \($0)" } ?? ""), $0.doc) })
        }
        if !example.isEmpty {
            lines += ["", "Example:"] + example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Name, kind and description columns, the description wrapped under itself.
    private func table(_ rows: [(String, String, String)]) -> [String] {
        let nameWidth = rows.map(\.0.count).max() ?? 0
        return rows.flatMap { name, kind, doc in
            let head = "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " + kind
            return [head] + (doc.isEmpty ? [] : wrap(doc, indent: String(repeating: " ", count: nameWidth + 6)))
        }
    }
}

/// Words of `text` in lines of at most `width` characters, each line after `indent`.
func wrap(_ text: String, indent: String, width: Int = 78) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
            lines.append(indent + line)
            line = ""
        }
        line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(indent + line) }
    return lines
}
