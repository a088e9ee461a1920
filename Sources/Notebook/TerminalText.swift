/// Text written to a terminal, kept as it finally looks on the screen: a carriage return moves back
/// to the start of the line so the next characters overwrite it (progress bars), backspace and the
/// cursor movements `ESC[nC`, `ESC[nD`, `ESC[nG` move within the line, `ESC[K` erases, and other
/// escape sequences (colours, OSC titles) are dropped. Bytes may arrive in pieces of any size, even
/// inside a UTF-8 character or an escape sequence.
///
/// A long stream keeps its first `headLines` and last `tailLines` lines and counts what it left out,
/// so a chatty loop cannot make the report unbounded (the end of a training log matters most).
public struct TerminalText: Sendable {
    public let headLines: Int
    public let tailLines: Int
    private var head: [String] = []
    /// The most recent lines; holds up to twice the tail length between compactions.
    private var tail: [String] = []
    private var droppedLines = 0
    private var line: [Unicode.Scalar] = []
    private var cursor = 0
    /// A UTF-8 sequence or an escape sequence that has not ended yet.
    private var pending: [UInt8] = []

    public init(headLines: Int = 200, tailLines: Int = 800) {
        self.headLines = max(0, headLines)
        self.tailLines = max(1, tailLines)
    }

    public var isEmpty: Bool { head.isEmpty && line.isEmpty && pending.isEmpty }

    /// Lines left out of the middle of a long stream.
    public var omittedLines: Int { droppedLines + max(0, tail.count - tailLines) }

    /// The lines kept, the unfinished last line included (without a line break after it).
    public var lines: (head: [String], omitted: Int, tail: [String]) {
        var end = Array(tail.suffix(tailLines))
        if !line.isEmpty { end.append(Self.visible(line)) }
        if omittedLines == 0 { return (head + end, 0, []) }
        return (head, omittedLines, end)
    }

    /// The text as one string, with a note where lines were left out.
    public var text: String {
        let kept = lines
        var all = kept.head
        if kept.omitted > 0 { all.append("… \(kept.omitted) lines left out …") }
        return (all + kept.tail).joined(separator: "\n")
    }

    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            // Most output is printable ASCII: appended, or overwriting a line redrawn after '\r'.
            if pending.isEmpty && byte >= 0x20 && byte < 0x7F && cursor <= line.count {
                if cursor == line.count { line.append(Unicode.Scalar(byte)) } else { line[cursor] = Unicode.Scalar(byte) }
                cursor += 1
            } else {
                consume(byte)
            }
        }
    }

    private mutating func consume(_ byte: UInt8) {
        if !pending.isEmpty {
            pending.append(byte)
            if pending[0] == 0x1B { finishEscapeIfComplete() } else { finishCharacterIfComplete() }
            return
        }
        switch byte {
        case UInt8(ascii: "\n"): commitLine()
        case UInt8(ascii: "\r"): cursor = 0
        case 0x08: cursor = max(0, cursor - 1)
        case 0x1B, 0xC0...0xFF: pending.append(byte)
        case UInt8(ascii: "\t"), 0x20...0x7E: write(Unicode.Scalar(byte))
        case 0x80...0xBF: write("\u{FFFD}") // a continuation byte without its lead byte
        default: break // other control characters (bell...) have no picture
        }
    }

    private mutating func finishCharacterIfComplete() {
        let lead = pending[0]
        let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let last = pending[pending.count - 1]
        if pending.count > 1 && last & 0xC0 != 0x80 {
            // A broken sequence: show a replacement, then read the new byte on its own.
            pending.removeAll(keepingCapacity: true)
            write("\u{FFFD}")
            consume(last)
            return
        }
        guard pending.count == expected else { return }
        var value = UInt32(lead) & (expected == 2 ? 0x1F : expected == 3 ? 0x0F : 0x07)
        for byte in pending.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        write(Unicode.Scalar(value) ?? "\u{FFFD}")
        pending.removeAll(keepingCapacity: true)
    }

    /// ESC [ parameters final (CSI), ESC ] text BEL or ESC \ (OSC), or ESC and one character.
    private mutating func finishEscapeIfComplete() {
        guard pending.count >= 2 else { return }
        let last = pending[pending.count - 1]
        switch pending[1] {
        case UInt8(ascii: "["):
            guard pending.count > 2, (0x40...0x7E).contains(last) else {
                if pending.count > 64 { pending.removeAll(keepingCapacity: true) } // not a sequence a terminal would accept
                return
            }
            applyControlSequence(parameters: pending[2..<(pending.count - 1)], final: last)
        case UInt8(ascii: "]"):
            let ended = last == 0x07 || (last == UInt8(ascii: "\\") && pending[pending.count - 2] == 0x1B)
            guard ended || pending.count > 4096 else { return }
        default:
            break
        }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func applyControlSequence(parameters: ArraySlice<UInt8>, final: UInt8) {
        let numbers = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
            .map { Int(String(decoding: $0, as: UTF8.self)) }
        let first = numbers.first ?? nil
        let count = max(1, first ?? 1)
        switch final {
        case UInt8(ascii: "C"): cursor += count
        case UInt8(ascii: "D"): cursor = max(0, cursor - count)
        case UInt8(ascii: "G"): cursor = count - 1
        case UInt8(ascii: "K"):
            switch first ?? 0 {
            case 0: if cursor < line.count { line.removeSubrange(cursor...) }
            case 1: for column in 0..<min(cursor + 1, line.count) { line[column] = " " }
            default: line = Array(repeating: " ", count: min(cursor, line.count))
            }
        default: break // colours and styles; moves to other lines, which a report cannot replay
        }
    }

    private mutating func write(_ scalar: Unicode.Scalar) {
        if cursor < line.count {
            line[cursor] = scalar
        } else {
            line.append(contentsOf: repeatElement(" ", count: cursor - line.count))
            line.append(scalar)
        }
        cursor += 1
    }

    private mutating func commitLine() {
        let text = Self.visible(line)
        line.removeAll(keepingCapacity: true)
        cursor = 0
        if head.count < headLines {
            head.append(text)
            return
        }
        tail.append(text)
        if tail.count >= 2 * tailLines {
            droppedLines += tail.count - tailLines
            tail.removeFirst(tail.count - tailLines)
        }
    }

    /// The line as shown, without the trailing blanks that erasing leaves.
    private static func visible(_ scalars: [Unicode.Scalar]) -> String {
        let end = scalars.lastIndex { $0 != " " }.map { $0 + 1 } ?? 0
        var utf8: [UInt8] = []
        utf8.reserveCapacity(end)
        for scalar in scalars[..<end] {
            if scalar.isASCII {
                utf8.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { utf8.append($0) }
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
