/// What a cell's code means for the cells after it, read from its tokens without running it: the
/// top-level locals it declares (which later cells can see) and every name it mentions (which it may
/// read from earlier cells). The cell cache keeps only what later cells mention.
public struct CellScope: Equatable, Sendable {
    /// Names declared by `local` or `local function` outside any block, in order of declaration.
    public let declaredLocals: [String]
    /// Names the code mentions as variables (not after `.` or `:`), an over-approximation of what it reads.
    public let mentionedNames: Set<String>

    public init(code: String) {
        var declared: [String] = []
        var mentioned = Set<String>()
        var depth = 0
        var previous: [UInt8] = []
        /// After a top-level `local`: reading names until the declaration's list ends.
        var declaring = false
        var inAttribute = false
        let opening: [[UInt8]] = ["function", "do", "if", "repeat", "(", "[", "{"].map { Array($0.utf8) }
        let closing: [[UInt8]] = ["end", "until", ")", "]", "}"].map { Array($0.utf8) }
        LuaLexer.forEachToken(in: code) { token, utf8 in
            guard token.kind != .whitespace && token.kind != .comment else { return }
            let bytes = Array(utf8[token.range])
            defer { previous = bytes }
            switch token.kind {
            case .name:
                let name = String(decoding: bytes, as: UTF8.self)
                if declaring && !inAttribute {
                    declared.removeAll { $0 == name }
                    declared.append(name)
                } else if previous != Array(".".utf8) && previous != Array(":".utf8) {
                    mentioned.insert(name)
                }
            case .keyword:
                if bytes == Array("local".utf8) && depth == 0 {
                    declaring = true
                    return
                }
                // `local function f`: the name follows `function`, which opens a block.
                if declaring && bytes == Array("function".utf8) && previous == Array("local".utf8) {
                    depth += 1
                    return
                }
                declaring = false
                if opening.contains(bytes) { depth += 1 }
                if closing.contains(bytes) { depth -= 1 }
            default:
                if declaring {
                    if bytes == Array("<".utf8) { inAttribute = true; return }
                    if bytes == Array(">".utf8) { inAttribute = false; return }
                    if bytes == Array(",".utf8) { return }
                    declaring = false
                }
                if opening.contains(bytes) { depth += 1 }
                if closing.contains(bytes) { depth -= 1 }
            }
        }
        declaredLocals = declared
        mentionedNames = mentioned
    }
}
