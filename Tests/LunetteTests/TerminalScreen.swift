/// What a terminal shows after receiving a program's output: enough of a VT100/xterm to follow a line
/// editor (carriage returns, cursor moves, erasing), keeping every line that scrolled by.
///
/// Handles printable text (UTF-8), CR, LF, BS, TAB, and the CSI sequences A B C D G H f J K; other
/// escape sequences (colours, modes, titles) are skipped.
struct TerminalScreen {
    let rows: Int
    let columns: Int
    private(set) var lines: [[Character]] = [[]]
    private var row = 0
    private var column = 0
    private var pending: [UInt8] = []

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// Every line, trailing spaces removed.
    var text: String { lines.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n") }

    var textLines: [String] { text.components(separatedBy: "\n") }

    /// The line the cursor is on, trailing spaces removed: the line being edited at a prompt.
    var cursorLine: String { textLines[row] }

    /// The line shown right after the first line equal to `line` (the result printed under an input).
    func line(after line: String) -> String? {
        let all = textLines
        guard let index = all.firstIndex(of: line), index + 1 < all.count else { return nil }
        return all[index + 1]
    }

    mutating func feed(_ bytes: [UInt8]) {
        pending += bytes
        var index = 0
        while index < pending.count {
            guard let consumed = interpret(pending[index...]) else { break } // an incomplete sequence: wait for more
            index += consumed
        }
        pending.removeFirst(index)
    }

    /// Acts on the sequence at the start of `bytes`; returns how many bytes it took, nil if it is cut short.
    private mutating func interpret(_ bytes: ArraySlice<UInt8>) -> Int? {
        let first = bytes[bytes.startIndex]
        switch first {
        case 0x1b: return escape(bytes)
        case UInt8(ascii: "\r"): column = 0
        case UInt8(ascii: "\n"): moveTo(row: row + 1, column: column)
        case 0x08: column = max(0, column - 1)
        case UInt8(ascii: "\t"): column = min(columns - 1, (column / 8 + 1) * 8)
        case 0..<0x20, 0x7f: break
        default:
            let length = first < 0xc0 ? 1 : first < 0xe0 ? 2 : first < 0xf0 ? 3 : 4
            guard bytes.count >= length else { return nil }
            let character = String(decoding: bytes.prefix(length), as: UTF8.self).first ?? "?"
            put(character)
            return length
        }
        return 1
    }

    private mutating func escape(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= 2 else { return nil }
        let kind = bytes[bytes.startIndex + 1]
        if kind == UInt8(ascii: "]") { // operating system command, ends with BEL or ESC \
            guard let end = bytes.dropFirst(2).firstIndex(where: { $0 == 0x07 || $0 == 0x1b }) else { return nil }
            return end - bytes.startIndex + (bytes[end] == 0x07 ? 1 : 2)
        }
        guard kind == UInt8(ascii: "[") else { return 2 }
        guard let final = bytes.dropFirst(2).firstIndex(where: { $0 >= 0x40 && $0 <= 0x7e }) else { return nil }
        let parameters = String(decoding: bytes[(bytes.startIndex + 2)..<final], as: UTF8.self)
        control(Character(UnicodeScalar(bytes[final])), parameters)
        return final - bytes.startIndex + 1
    }

    private mutating func control(_ command: Character, _ parameters: String) {
        guard !parameters.hasPrefix("?") else { return }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        let count = max(1, numbers.first ?? 1)
        let top = max(0, lines.count - rows)
        switch command {
        case "A": moveTo(row: max(top, row - count), column: column)
        case "B": moveTo(row: row + count, column: column)
        case "C": column = min(columns - 1, column + count)
        case "D": column = max(0, column - count)
        case "G": column = min(columns - 1, count - 1)
        case "H", "f":
            let column = numbers.count > 1 ? max(1, numbers[1]) : 1
            moveTo(row: top + count - 1, column: column - 1)
        case "K":
            switch numbers.first ?? 0 {
            case 1: for index in 0...column where index < lines[row].count { lines[row][index] = " " }
            case 2: lines[row] = []
            default: if column < lines[row].count { lines[row].removeSubrange(column...) }
            }
        case "J":
            if numbers.first == 2 {
                for index in top..<lines.count { lines[index] = [] }
            } else {
                if column < lines[row].count { lines[row].removeSubrange(column...) }
                for index in (row + 1)..<lines.count { lines[index] = [] }
            }
        default:
            break
        }
    }

    private mutating func moveTo(row newRow: Int, column newColumn: Int) {
        while lines.count <= newRow { lines.append([]) }
        row = newRow
        column = newColumn
    }

    private mutating func put(_ character: Character) {
        if column >= columns { moveTo(row: row + 1, column: 0) }
        while lines[row].count < column { lines[row].append(" ") }
        if column < lines[row].count {
            lines[row][column] = character
        } else {
            lines[row].append(character)
        }
        column += 1
    }
}
