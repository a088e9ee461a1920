/// What the text before a name being completed says it is: a global (or keyword), or a member of
/// the value that an access path names (`nn.layers.` → the path nn, layers).
///
/// Parsed backwards from the end of the text, and only the forms that can be resolved without
/// running code: names joined by `.`, `[integer]` and `["string"]` indexes, and a string literal
/// (`("x"):`, `'x':`) standing for any string. Calls (`f().`) and variables as indexes (`t[i].`)
/// are not resolved.
enum LuaAccessPath: Equatable {
    case global
    case member(Path, isMethodCall: Bool)

    struct Path: Equatable {
        enum Head: Equatable {
            case global(String)
            case string
        }

        enum Key: Equatable {
            case name(String)
            case integer(Int)
        }

        var head: Head
        var keys: [Key]
    }

    /// Nil when the text ends in a member access whose value cannot be resolved this way.
    init?(parsingEndOf text: [UInt8]) {
        var scanner = BackwardScanner(text)
        guard let last = scanner.peek(), last == UInt8(ascii: ".") || last == UInt8(ascii: ":") else {
            self = .global
            return
        }
        scanner.pop()
        if last == UInt8(ascii: "."), scanner.peek() == UInt8(ascii: ".") {
            self = .global // `..` concatenates: what follows is a new expression
            return
        }
        guard let path = scanner.path() else { return nil }
        self = .member(path, isMethodCall: last == UInt8(ascii: ":"))
    }
}

/// Reads Lua tokens from the end of a text towards its start.
private struct BackwardScanner {
    let text: [UInt8]
    var end: Int

    init(_ text: [UInt8]) {
        self.text = text
        end = text.count
    }

    func peek(_ offset: Int = 0) -> UInt8? { end - 1 - offset >= 0 ? text[end - 1 - offset] : nil }

    mutating func pop() { end -= 1 }

    /// The access path ending here.
    mutating func path() -> LuaAccessPath.Path? {
        var keys: [LuaAccessPath.Path.Key] = []
        while let byte = peek() {
            if isIdentifierByte(byte) {
                guard let name = identifier() else { return nil }
                if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
                    pop()
                    keys.insert(.name(name), at: 0)
                    continue
                }
                if peek() == UInt8(ascii: ":") { return nil } // `a:b.` is not Lua
                return LuaAccessPath.Path(head: .global(name), keys: keys)
            }
            if byte == UInt8(ascii: "]") {
                pop()
                guard let key = indexKey(), peek() == UInt8(ascii: "[") else { return nil }
                pop()
                keys.insert(key, at: 0)
                continue
            }
            guard stringExpression() else { return nil }
            return LuaAccessPath.Path(head: .string, keys: keys)
        }
        return nil
    }

    /// An identifier ending here (nil for a number or a keyword).
    private mutating func identifier() -> String? {
        let stop = end
        while let byte = peek(), isIdentifierByte(byte) { pop() }
        let name = String(decoding: text[end..<stop], as: UTF8.self)
        return isIdentifier(name) ? name : nil
    }

    /// The inside of `[...]` once its `]` is read: an integer or a quoted string without escapes.
    private mutating func indexKey() -> LuaAccessPath.Path.Key? {
        if let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let stop = end
            while let digit = peek(), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") { pop() }
            return Int(String(decoding: text[end..<stop], as: UTF8.self)).map { .integer($0) }
        }
        guard let contents = stringLiteral(), !contents.contains(UInt8(ascii: "\\")) else { return nil }
        return .name(String(decoding: contents, as: UTF8.self))
    }

    /// A string literal, possibly in parentheses: `"x"`, `'x'`, `("x")`. A parenthesised string that
    /// is the argument of a call (`f("x")`) is not one.
    private mutating func stringExpression() -> Bool {
        guard peek() == UInt8(ascii: ")") else { return stringLiteral() != nil }
        pop()
        guard stringLiteral() != nil, peek() == UInt8(ascii: "(") else { return false }
        pop()
        if let before = peek(), isIdentifierByte(before) || before == UInt8(ascii: ")") || before == UInt8(ascii: "]") {
            return false
        }
        return true
    }

    /// A quoted string ending here; its contents, escapes left as written.
    private mutating func stringLiteral() -> ArraySlice<UInt8>? {
        guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let closing = end - 1
        var index = closing - 1
        while index >= 0 {
            if text[index] == quote {
                var backslashes = 0
                while index - 1 - backslashes >= 0, text[index - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 {
                    end = index
                    return text[(index + 1)..<closing]
                }
            }
            index -= 1
        }
        return nil
    }
}
