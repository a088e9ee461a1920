import FileSupport
import Foundation

/// One news story of the Reuters-21578 collection.
public struct ReutersStory: Sendable, Equatable {
    /// Which part of the ModApte split a story belongs to.
    public enum Split: String, Sendable {
        case train, test, unused
    }

    /// The NEWID attribute, the story's number in the collection.
    public var id: Int
    public var title: String
    public var body: String
    public var topics: [String]
    public var places: [String]
    /// ModApte: LEWISSPLIT="TRAIN" with TOPICS="YES" is train, LEWISSPLIT="TEST" with TOPICS="YES" is
    /// test, everything else unused.
    public var split: Split

    public init(id: Int, title: String, body: String, topics: [String], places: [String], split: Split) {
        self.id = id
        self.title = title
        self.body = body
        self.topics = topics
        self.places = places
        self.split = split
    }

    /// Title and body as one text.
    public var text: String { title.isEmpty ? body : body.isEmpty ? title : title + "\n" + body }
}

/// Reads the Reuters-21578 markup: the original SGML files (`reut2-*.sgm`, many REUTERS elements each)
/// and the XML variant with one story per file (or several inside a LEWIS element). Entities such as
/// &lt; and &#3; are decoded; control characters they stand for are dropped.
public enum ReutersMarkup {
    static let operation = "readReuters"

    /// The stories of one .sgm or .xml file (gzip-compressed or not).
    public static func read(path: String) throws -> [ReutersStory] {
        let bytes = try ByteStream(path: path, operation: operation).readAll()
        return try parse(bytes, path: path)
    }

    /// The stories of every .sgm and .xml file under `path` (searched recursively), files in name order.
    public static func readFolder(path: String) throws -> [ReutersStory] {
        let files = try markupFiles(under: path)
        guard !files.isEmpty else {
            throw DatasetError(operation, file: path, "the folder holds no .sgm or .xml files")
        }
        return try files.flatMap { try read(path: $0) }
    }

    static func markupFiles(under path: String) throws -> [String] {
        if let problem = FilePath.problem(with: path) { throw DatasetError(operation, problem) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DatasetError(operation, file: path, "no such folder")
        }
        let root = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { ($0 as? URL)?.path }
            .filter { [".sgm", ".xml", ".sgm.gz", ".xml.gz"].contains(where: $0.lowercased().hasSuffix) }
            .sorted()
    }

    static func parse(_ bytes: [UInt8], path: String) throws -> [ReutersStory] {
        var stories: [ReutersStory] = []
        try bytes.withUnsafeBufferPointer { buffer in
            let document = Markup(bytes: buffer)
            var searchFrom = 0
            while let open = document.find("<REUTERS", from: searchFrom, to: buffer.count) {
                guard let tagEnd = document.find(">", from: open, to: buffer.count) else {
                    throw DatasetError(operation, file: path, at: .line(document.line(at: open)), "the <REUTERS tag is not closed with >")
                }
                guard let close = document.find("</REUTERS>", from: tagEnd, to: buffer.count) else {
                    throw DatasetError(operation, file: path, at: .line(document.line(at: open)),
                                       "the story starting here has no </REUTERS> end tag")
                }
                let attributes = document.attributes(from: open + 8, to: tagEnd)
                guard let id = attributes["NEWID"].flatMap({ Int($0) }) else {
                    throw DatasetError(operation, file: path, at: .line(document.line(at: open)),
                                       "the REUTERS element has no numeric NEWID attribute")
                }
                stories.append(story(id: id, attributes: attributes, document: document, content: tagEnd + 1..<close))
                searchFrom = close + 10
            }
        }
        return stories
    }

    private static func story(id: Int, attributes: [String: String], document: Markup, content: Range<Int>) -> ReutersStory {
        let hasTopics = attributes["TOPICS"]?.uppercased() == "YES"
        let split: ReutersStory.Split
        switch (attributes["LEWISSPLIT"]?.uppercased(), hasTopics) {
        case ("TRAIN", true): split = .train
        case ("TEST", true): split = .test
        default: split = .unused
        }
        let text = document.element("TEXT", in: content)
        var title = "", body = ""
        if let text {
            title = document.element("TITLE", in: text).map { document.decodedText($0) } ?? ""
            if let bodyRange = document.element("BODY", in: text) {
                body = document.decodedText(bodyRange)
            } else if document.element("TITLE", in: text) == nil {
                // Unprocessed stories (TEXT TYPE="UNPROC") have their text directly inside TEXT.
                body = document.decodedText(text)
            }
        }
        return ReutersStory(id: id, title: title.trimmingCharacters(in: .whitespacesAndNewlines),
                            body: body.trimmingCharacters(in: .whitespacesAndNewlines),
                            topics: document.items(of: "TOPICS", in: content),
                            places: document.items(of: "PLACES", in: content), split: split)
    }
}

/// Byte-level helpers over an SGML/XML document held in memory.
struct Markup {
    let bytes: UnsafeBufferPointer<UInt8>

    func find(_ needle: String, from start: Int, to end: Int) -> Int? {
        guard start < end else { return nil }
        var needle = needle
        return needle.withUTF8 { pattern in
            // memchr finds candidates for the first byte; the rest is compared in place.
            let base = bytes.baseAddress!
            var from = start
            while from + pattern.count <= end,
                  let hit = memchr(base + from, Int32(pattern[0]), end - from - pattern.count + 1) {
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + offset, pattern.baseAddress!, pattern.count) == 0 { return offset }
                from = offset + 1
            }
            return nil
        }
    }

    func line(at offset: Int) -> Int {
        1 + bytes[0..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// NAME="value" pairs between `start` and `end`.
    func attributes(from start: Int, to end: Int) -> [String: String] {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        var result: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).last.map(String.init) ?? ""
            var after = rest[rest.index(after: equals)...].drop(while: { $0 == " " })
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let closing = after.firstIndex(of: quote) else { break }
            result[name.uppercased()] = String(after[..<closing])
            rest = after[after.index(after: closing)...]
        }
        return result
    }

    /// The content range of the first element `name` inside `range` (empty for <NAME/>), or nil.
    func element(_ name: String, in range: Range<Int>) -> Range<Int>? {
        var from = range.lowerBound
        while let open = find("<" + name, from: from, to: range.upperBound) {
            let next = open + name.count + 1
            guard next < range.upperBound else { return nil }
            let follower = bytes[next]
            if follower == UInt8(ascii: ">") || follower == UInt8(ascii: " ") || follower == UInt8(ascii: "/") || follower == 0x0A {
                guard let tagEnd = find(">", from: next, to: range.upperBound) else { return nil }
                if bytes[tagEnd - 1] == UInt8(ascii: "/") { return tagEnd + 1..<tagEnd + 1 }
                let close = find("</" + name + ">", from: tagEnd + 1, to: range.upperBound) ?? range.upperBound
                return tagEnd + 1..<close
            }
            from = next
        }
        return nil
    }

    /// The decoded texts of the <D> items of element `name` (TOPICS, PLACES).
    func items(of name: String, in range: Range<Int>) -> [String] {
        guard let list = element(name, in: range) else { return [] }
        var result: [String] = []
        var from = list.lowerBound
        while let item = element("D", in: from..<list.upperBound) {
            result.append(decodedText(item).trimmingCharacters(in: .whitespacesAndNewlines))
            from = item.upperBound
        }
        return result
    }

    /// The text of `range` with tags removed and entities decoded; UTF-8, or Latin-1 if not valid UTF-8.
    func decodedText(_ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let tagEnd = find(">", from: index, to: range.upperBound) {
                index = tagEnd + 1
            } else if byte == UInt8(ascii: "&"), let semicolon = find(";", from: index, to: min(index + 12, range.upperBound)),
                      let decoded = Self.entity(String(decoding: UnsafeBufferPointer(rebasing: bytes[index + 1..<semicolon]), as: UTF8.self)) {
                if decoded.value >= 0x20 || decoded == "\n" || decoded == "\t" {
                    output.append(contentsOf: Array(String(Character(decoded)).utf8))
                }
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        if let text = String(validating: output, as: UTF8.self) { return text }
        return String(output.map { Character(Unicode.Scalar($0)) })
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
