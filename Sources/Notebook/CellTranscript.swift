/// What a cell put into the report, in order, kept so that a later run can put it there again from
/// the cache: the raw bytes it wrote (replayed through standard output, so progress lines redraw as
/// they did), values it showed as text, and its pictures.
public enum TranscriptEntry: Codable, Equatable, Sendable {
    case text([UInt8])
    case value(String)
    /// A picture stored in the cache folder under `file`, added to the report as `name` with `caption`.
    case picture(file: String, name: String, caption: String?)
}

public struct CellTranscript: Codable, Equatable, Sendable {
    public private(set) var entries: [TranscriptEntry] = []
    /// The seeds the cell gave `tensor.manual_seed`, for the report's header.
    public var seeds: [Int] = []
    /// The title the cell gave the report (`report.open(dir, {title = ...})`).
    public var title: String?

    public init() {}

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .text(var text) = entries.last {
            entries.removeLast()
            text.append(contentsOf: bytes)
            entries.append(.text(text))
        } else {
            entries.append(.text(Array(bytes)))
        }
    }

    public mutating func append(_ entry: TranscriptEntry) {
        entries.append(entry)
    }
}

extension CellTranscript {
    /// The same transcript with each picture's file replaced by `replace(file)`.
    public func replacingPictureFiles(_ replace: (String) throws -> String) rethrows -> CellTranscript {
        var copy = self
        copy.entries = try entries.map { entry in
            guard case .picture(let file, let name, let caption) = entry else { return entry }
            return .picture(file: try replace(file), name: name, caption: caption)
        }
        return copy
    }
}
