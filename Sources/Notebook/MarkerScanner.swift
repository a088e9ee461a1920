/// Splits a byte stream at occurrences of a marker, arriving in chunks of any size: a marker cut
/// between two chunks is held back until the next chunk completes it (or shows it was text).
public struct MarkerScanner: Sendable {
    public enum Piece {
        /// Stream bytes; valid only during the call that hands them out.
        case text(UnsafeRawBufferPointer)
        case marker
    }

    public let marker: [UInt8]
    /// The end of the last chunk, when it may be the start of a marker.
    private var held: [UInt8] = []

    /// `marker` must not be empty.
    public init(marker: [UInt8]) {
        self.marker = marker
    }

    /// Hands the pieces of `chunk` to `body` in order; `body` returns false to stop scanning.
    public mutating func scan(_ chunk: UnsafeRawBufferPointer, _ body: (Piece) -> Bool) {
        guard held.isEmpty else {
            let joined = held + chunk
            held.removeAll()
            joined.withUnsafeBytes { scanJoined($0, body) }
            return
        }
        scanJoined(chunk, body)
    }

    /// The stream ended: bytes held back as a possible marker start were text after all.
    public mutating func finish(_ body: (UnsafeRawBufferPointer) -> Void) {
        guard !held.isEmpty else { return }
        held.withUnsafeBytes(body)
        held.removeAll()
    }

    private mutating func scanJoined(_ bytes: UnsafeRawBufferPointer, _ body: (Piece) -> Bool) {
        var textStart = 0
        var position = 0
        while let start = bytes[position...].firstIndex(of: marker[0]) {
            let candidate = bytes[start..<min(bytes.count, start + marker.count)]
            guard marker.starts(with: candidate) else {
                position = start + 1
                continue
            }
            if candidate.count < marker.count { // cut by the chunk's end
                if start > textStart && !body(.text(UnsafeRawBufferPointer(rebasing: bytes[textStart..<start]))) { return }
                held = Array(candidate)
                return
            }
            if start > textStart && !body(.text(UnsafeRawBufferPointer(rebasing: bytes[textStart..<start]))) { return }
            position = start + marker.count
            textStart = position
            if !body(.marker) { return }
        }
        if bytes.count > textStart { _ = body(.text(UnsafeRawBufferPointer(rebasing: bytes[textStart...]))) }
    }
}
