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
    }

    /// A module (`nn`) or class (`Tensor`) with its paragraph and, for classes, the fields of its objects.
    public struct Owner {
        public let name: String
        public let summary: String
        public let fields: [LuaParameter]
    }

    /// Modules and classes in the order they were declared.
    public private(set) var owners: [Owner] = []
    public private(set) var entries: [Entry] = []

    func record(owner name: String, summary: String, fields: [LuaParameter] = []) {
        guard !owners.contains(where: { $0.name == name }) else { return }
        owners.append(Owner(name: name, summary: summary, fields: fields))
    }

    func record(_ name: String, of owner: String, _ signature: LuaSignature) {
        entries.append(Entry(owner: owner, name: name, signature: signature))
    }

    public func owner(named name: String) -> Owner? { owners.first { $0.name == name } }

    /// The plain-text help of a module or class: its paragraph, fields, and functions or methods with the
    /// first sentence of each.
    public func helpText(owner name: String) -> String? {
        guard let owner = owner(named: name) else { return nil }
        var lines = [name, ""]
        lines += wrap(owner.summary, indent: "  ")
        if !owner.fields.isEmpty {
            lines += ["", "Fields:"] + owner.fields.map { "  \($0.name)  \($0.doc)" }
        }
        let members = entries(of: name)
        if !members.isEmpty {
            let width = members.map(\.name.count).max() ?? 0
            lines += ["", "Functions:"]
            lines += members.map { entry in
                let sentence = firstSentence(of: entry.signature.summary)
                return "  " + entry.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + sentence
            }
        }
        lines += ["", "help(\(members.first?.name ?? name)) shows a function's parameters, options and an example."]
        return lines.joined(separator: "\n")
    }

    public func entries(of owner: String) -> [Entry] { entries.filter { $0.owner == owner } }
}

extension LuaSignature {
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

/// The text up to the first full stop that ends a sentence (followed by a space or the end), so that
/// `torch.cat`, `1..n` and `fn(...)` do not cut it short.
func firstSentence(of text: String) -> Substring {
    let line = text.prefix { $0 != "\n" }
    var index = line.startIndex
    while let stop = line[index...].firstIndex(of: ".") {
        let next = line.index(after: stop)
        if next == line.endIndex || line[next] == " " { return line[..<stop] }
        index = next
    }
    return line
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

extension LuaHost {
    /// The documentation of the value at `index`: a declared function's signature, a module's or a
    /// class's overview (an object shows its class's); nil for values nothing documents.
    public func helpText(forValueAt index: Int32, in state: OpaquePointer) -> String? {
        if let function = SwiftFunction.behind(state, index), let signature = function.signature {
            return signature.helpText(name: function.name)
        }
        switch lua_type(state, index) {
        case LUA_TTABLE:
            return documentedName(ofTableAt: index, in: state).flatMap(documentation.helpText(owner:))
        case LUA_TUSERDATA:
            return documentation.helpText(owner: typeName(state, index))
        default:
            return nil
        }
    }
}
